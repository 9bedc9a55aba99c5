package dev.capfleet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.capfleet.report.JsonReports;
import dev.capfleet.report.ReportDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capfleet diff}: what changed between two reports of the same fleet. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two reports: hosts whose verdict got worse or better "
          + "(READY < READY_WITH_WARNINGS < INCONCLUSIVE < NOT_READY < UNREACHABLE), hosts that appeared or "
          + "disappeared, and per host the findings that are new or fixed (rule id + capability)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no host got worse",
      "3:at least one host got worse",
      "2:a report file is missing or bad"
    })
final class DiffCommand extends BaseCommand {
  enum Format {
    text,
    json
  }

  @Parameters(index = "0", paramLabel = "OLD.json", description = "The earlier report.")
  Path oldReport;

  @Parameters(index = "1", paramLabel = "NEW.json", description = "The later report.")
  Path newReport;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Override
  public Integer call() throws JsonProcessingException {
    ReportDiff diff = ReportDiff.compare(ReportFile.read(oldReport), ReportFile.read(newReport));
    PrintWriter out = out();
    if (format == Format.json) {
      out.println(JsonReports.mapper().writeValueAsString(diff));
    } else {
      out.print(diff.text());
    }
    out.flush();
    return diff.anyWorse() ? ExitCode.NOT_READY.code() : ExitCode.OK.code();
  }
}
