package dev.capfleet.cli;

import dev.capfleet.report.JsonReports;
import dev.capfleet.report.ScanReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes a finished report in the requested formats; each file is written whole or not at all. */
final class ReportOutput {
  private ReportOutput() {}

  static List<Path> write(ScanReport report, Path dir, String baseName, Set<String> formats) {
    List<Path> written = new ArrayList<>();
    try {
      if (formats.contains("json")) {
        written.add(JsonReports.write(report, dir.resolve(baseName + ".json")));
      }
      if (formats.contains("xlsx")) {
        written.add(dev.capfleet.report.ExcelReportWriter.write(report, dir.resolve(baseName + ".xlsx")));
      }
    } catch (IOException e) {
      throw new UsageException("cannot write report in " + dir + ": " + IoErrors.reason(e));
    }
    return written;
  }
}
