package dev.capfleet.cli;

import dev.capfleet.core.HostText;
import dev.capfleet.report.ConsoleSummary;
import dev.capfleet.report.ReportMerger;
import dev.capfleet.report.ScanReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code capfleet merge}: one report from several partial ones. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge partial reports (shards of a fleet, repeated runs) into one report, in the formats scan "
          + "writes (default: JSON and workbook; --format html,junit too, --out - for standard output).",
      "Hosts are united; a host found in several reports keeps its entry from the NEWEST report by generatedAt "
          + "(on a tie, the later argument). The summary is recomputed. All reports must have the same schema "
          + "version, requirement model (id and version) and purpose."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:merged and written",
      "2:a report is missing or bad, the reports disagree on schema, model or purpose, or output not writable"
    })
final class MergeCommand extends BaseCommand {
  @Parameters(
      arity = "1..*",
      paramLabel = "REPORT.json",
      description = "Reports written by capfleet scan or merge.")
  List<Path> reports;

  /**
   * The same --out, --name and --format as scan, so a merged fleet gets every report a single scan
   * would.
   */
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    String base = output.baseName(Instant.now(), "capfleet-merged-");
    var formats = output.formats();
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
    output.checkWritable();
    // the scan's ending: the report written whole (or to standard output alone), then the same
    // summary
    FleetRun.publish(merged, output, base, formats, ConsoleSummary.Detail.NORMAL, out(), err());
    return ExitCode.OK.code();
  }
}
