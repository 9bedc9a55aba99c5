package dev.capfleet.cli;

import dev.capfleet.core.BaseName;
import dev.capfleet.core.HostText;
import dev.capfleet.report.ConsoleSummary;
import dev.capfleet.report.ExcelReportWriter;
import dev.capfleet.report.JsonReports;
import dev.capfleet.report.ReportMerger;
import dev.capfleet.report.ScanReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capfleet merge}: one report from several partial ones. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = {"Merge partial reports (shards of a fleet, repeated runs) into one JSON report and workbook.",
        "Hosts are united; a host found in several reports keeps its entry from the NEWEST report by generatedAt "
            + "(on a tie, the later argument). The summary is recomputed. All reports must have the same schema "
            + "version, requirement model (id and version) and purpose."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:merged and written",
        "2:a report is missing or bad, the reports disagree on schema, model or purpose, or output not writable"})
final class MergeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "REPORT.json", description = "Reports written by capfleet scan or merge.")
  List<Path> reports;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the merged report (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("reports");

  @Option(names = "--name", paramLabel = "BASENAME",
      description = "File name without extension (default: capfleet-merged-<UTC yyyyMMdd'T'HHmmss'Z'>).")
  String name;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  @Override
  public Integer call() {
    String base = name != null ? name
        : "capfleet-merged-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
    String problem = BaseName.problem(base);
    if (problem != null) {
      throw new UsageException("--name: " + problem);
    }
    List<ReportMerger.Source> sources = new ArrayList<>();
    for (Path p : reports) {
      sources.add(new ReportMerger.Source(HostText.printable(p.toString()), ReportFile.read(p)));
    }
    ScanReport merged;
    try {
      merged = ReportMerger.merge(sources);
    } catch (ReportMerger.ConflictException e) {
      throw new UsageException(e.getMessage());
    }
    Path json = out.resolve(base + ".json");
    Path xlsx = out.resolve(base + ".xlsx");
    try {
      JsonReports.write(merged, json);
      ExcelReportWriter.write(merged, xlsx);
    } catch (IOException e) {
      throw new UsageException(HostText.printable(out.toString()) + ": cannot write the merged report: " + e);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.print(ConsoleSummary.render(merged, List.of(json, xlsx)));
    o.flush();
    return ExitCode.OK.code();
  }
}
