package dev.capfleet.cli;

import dev.capfleet.report.ExcelReportWriter;
import dev.capfleet.report.HtmlReportWriter;
import dev.capfleet.report.JsonReports;
import dev.capfleet.report.JunitReportWriter;
import dev.capfleet.report.ScanReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes a finished report in the requested formats; each file is written whole or not at all. */
final class ReportOutput {
  private ReportOutput() {}

  /**
   * Writes the report into the folder of {@code --out}, or with {@code --out -} its one format to
   * {@code stdout} (rendered in memory first, so a pipe gets the whole document or nothing).
   *
   * @return the files written (none for standard output)
   */
  static List<Path> write(
      ScanReport report,
      OutputOptions output,
      String baseName,
      Set<String> formats,
      PrintWriter stdout) {
    if (output.toStdout()) {
      String format = formats.iterator().next();
      try {
        stdout.print(
            switch (format) {
              case "json" -> JsonReports.mapper().writeValueAsString(report) + "\n";
              case "html" -> HtmlReportWriter.render(report);
              case "junit" -> JunitReportWriter.render(report);
              default ->
                  throw new UsageException(
                      "--out -: cannot write " + format + " to standard output");
            });
      } catch (IOException e) {
        throw new UsageException(
            "cannot render the report as " + format + ": " + IoErrors.reason(e));
      }
      stdout.flush();
      return List.of();
    }
    return write(report, output.out, baseName, formats);
  }

  static List<Path> write(ScanReport report, Path dir, String baseName, Set<String> formats) {
    List<Path> written = new ArrayList<>();
    try {
      if (formats.contains("json")) {
        written.add(JsonReports.write(report, dir.resolve(baseName + ".json")));
      }
      if (formats.contains("xlsx")) {
        written.add(ExcelReportWriter.write(report, dir.resolve(baseName + ".xlsx")));
      }
      if (formats.contains("html")) {
        written.add(HtmlReportWriter.write(report, dir.resolve(baseName + ".html")));
      }
      if (formats.contains("junit")) {
        written.add(JunitReportWriter.write(report, dir.resolve(baseName + ".junit.xml")));
      }
    } catch (IOException e) {
      throw new UsageException("cannot write report in " + dir + ": " + IoErrors.reason(e));
    }
    return written;
  }
}
