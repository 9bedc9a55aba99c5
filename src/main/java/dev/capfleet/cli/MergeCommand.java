package dev.capfleet.cli;

import dev.capfleet.probe.ProbeScript;
import dev.capfleet.report.ConsoleSummary;
import dev.capfleet.report.ReportMerger;
import dev.capfleet.report.ScanReport;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capfleet merge}: one report from several partial ones. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = {"Merge partial reports (shards of a fleet, repeated runs) into one JSON report and workbook.",
        "Hosts are united; a host found in several reports keeps its entry from the NEWEST report by generatedAt "
            + "(on a tie, the later argument). The summary is recomputed. All reports must have the same schema "
            + "version, requirement model (id and version) and purpose."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:merged and written",
        "2:a report is missing or bad, the reports disagree on schema, model or purpose, or output not writable"})
final class MergeCommand extends BaseCommand {
  @Parameters(arity = "1..*", paramLabel = "REPORT.json", description = "Reports written by capfleet scan or merge.")
  List<Path> reports;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the merged report (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("reports");

  @Option(names = "--name", paramLabel = "BASENAME",
      description = "File name without extension (default: capfleet-merged-<UTC yyyyMMdd'T'HHmmss'Z'>).")
  String name;

  @Override
  public Integer call() {
    String base = name != null ? name
        : "capfleet-merged-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
    if (base.isEmpty() || base.contains("/") || base.contains("\\") || base.equals(".") || base.equals("..")) {
      throw new UsageException("--name: a file name without folders is needed, got '" + ProbeScript.printable(base) + "'");
    }
    List<ReportMerger.Source> sources = new ArrayList<>();
    for (Path p : reports) {
      sources.add(new ReportMerger.Source(ProbeScript.printable(p.toString()), ReportFile.read(p)));
    }
    ScanReport merged;
    try {
      merged = ReportMerger.merge(sources);
    } catch (ReportMerger.ConflictException e) {
      throw new UsageException(e.getMessage());
    }
    // json and xlsx, the formats merge reads back and the one a person opens
    List<Path> written = ReportOutput.write(merged, out, base, Set.of("json", "xlsx"));
    FleetRun.summarize(merged, written, ConsoleSummary.Detail.NORMAL, out());
    return ExitCode.OK.code();
  }
}
