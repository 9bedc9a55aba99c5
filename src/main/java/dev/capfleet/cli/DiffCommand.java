package dev.capfleet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.capfleet.report.JsonReports;
import dev.capfleet.report.ReportDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capfleet diff}: what changed between two reports of the same fleet. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare two reports: hosts whose verdict got worse or better "
        + "(READY < READY_WITH_WARNINGS < INCONCLUSIVE < NOT_READY < UNREACHABLE), hosts that appeared or "
        + "disappeared, and per host the findings that are new or fixed (rule id + capability)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no host got worse", "3:at least one host got worse", "2:a report file is missing or bad"})
final class DiffCommand implements Callable<Integer> {
  enum Format { text, json }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD.json", description = "The earlier report.")
  Path oldReport;

  @Parameters(index = "1", paramLabel = "NEW.json", description = "The later report.")
  Path newReport;

  @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  @Override
  public Integer call() throws JsonProcessingException {
    ReportDiff diff = ReportDiff.compare(ReportFile.read(oldReport), ReportFile.read(newReport));
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(JsonReports.mapper().writeValueAsString(diff));
    } else {
      out.print(diff.text());
    }
    out.flush();
    return diff.anyWorse() ? ExitCode.NOT_READY.code() : ExitCode.OK.code();
  }
}
