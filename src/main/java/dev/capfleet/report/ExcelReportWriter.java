package dev.capfleet.report;

import dev.capfleet.assess.CapabilityRules;
import dev.capfleet.assess.Finding;
import dev.capfleet.core.Severity;
import dev.capfleet.core.Verdict;
import dev.capfleet.report.ExcelStyles.Look;
import dev.capfleet.report.TableSheet.Column;
import dev.capfleet.report.TableSheet.Styled;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a report as an Excel workbook: Summary, Hosts, Findings, Remediation, Cleanup,
 * Unreachable. Data sheets stream through SXSSF (a window of rows in memory, the rest in a
 * temporary file), so 10,000 hosts fit in a small heap. The file appears whole or not at all.
 */
public final class ExcelReportWriter {
  public static final String HOSTS = "Hosts";
  public static final String FINDINGS = "Findings";
  public static final String REMEDIATION = "Remediation";
  public static final String CLEANUP = "Cleanup";
  public static final String UNREACHABLE = "Unreachable";

  /** Rows kept in memory per streamed sheet. */
  static final int WINDOW = 200;

  static {
    // POI logs through log4j-api; with no log4j provider on the class path it prints an ERROR line
    // about that
    // on the first write. The simple context (part of log4j-api) keeps stderr for capfleet's own
    // messages.
    if (System.getProperty("log4j2.loggerContextFactory") == null) {
      System.setProperty(
          "log4j2.loggerContextFactory",
          "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }
  }

  private ExcelReportWriter() {}

  public static Path write(ScanReport report, Path file) throws IOException {
    refuseOverlongSheets(links(report));
    return AtomicFiles.write(
        file,
        out ->
            WorkbookStaging.run(
                () -> {
                  XSSFWorkbook template = new XSSFWorkbook();
                  ExcelStyles styles = new ExcelStyles(template);
                  new SummarySheet(template.createSheet(SummarySheet.NAME), styles)
                      .write(report, links(report));
                  SXSSFWorkbook wb = new SXSSFWorkbook(template, WINDOW);
                  wb.setCompressTempFiles(true);
                  try {
                    hosts(
                        report,
                        new TableSheet(
                            wb.createSheet(HOSTS),
                            styles,
                            List.of(
                                new Column("Host", 24, Look.TEXT),
                                new Column("Address", 18, Look.TEXT),
                                new Column("Verdict", 22, Look.TEXT),
                                new Column("Score", 7, Look.NUMBER),
                                new Column("Reason", 50, Look.WRAP),
                                new Column("Groups", 20, Look.WRAP),
                                new Column("Kernel", 22, Look.TEXT),
                                new Column("Arch", 8, Look.TEXT),
                                new Column("Mode", 8, Look.TEXT),
                                new Column("Missing capabilities", 24, Look.WRAP),
                                new Column("Excess capabilities", 20, Look.WRAP),
                                new Column("Binary", 30, Look.WRAP),
                                new Column("File capabilities", 32, Look.WRAP),
                                new Column("Error", 40, Look.WRAP),
                                new Column("Scan time (s)", 9, Look.SECONDS))));
                    findings(
                        report,
                        new TableSheet(
                            wb.createSheet(FINDINGS),
                            styles,
                            List.of(
                                new Column("Host", 22, Look.TEXT),
                                    new Column("Rule", 30, Look.TEXT),
                                new Column("Severity", 10, Look.TEXT),
                                    new Column("Status", 9, Look.TEXT),
                                new Column("Finding", 40, Look.WRAP),
                                    new Column("Detail", 60, Look.WRAP),
                                new Column("Capability", 16, Look.TEXT),
                                    new Column("Evidence", 40, Look.WRAP),
                                new Column("Remediation", 60, Look.WRAP),
                                    new Column("Reference", 40, Look.LINK))));
                    remediation(
                        report,
                        new TableSheet(
                            wb.createSheet(REMEDIATION),
                            styles,
                            List.of(
                                new Column("Host", 22, Look.TEXT),
                                new Column("Verdict", 22, Look.TEXT),
                                new Column("Step", 6, Look.NUMBER),
                                new Column("Kind", 8, Look.TEXT),
                                new Column("Command (copy as is)", 100, Look.WRAP))));
                    cleanup(
                        report,
                        new TableSheet(
                            wb.createSheet(CLEANUP),
                            styles,
                            List.of(
                                new Column("Host", 22, Look.TEXT),
                                    new Column("Binary", 32, Look.WRAP),
                                new Column("Cleanup command", 50, Look.WRAP),
                                    new Column("Reminder", 70, Look.WRAP))));
                    unreachable(
                        report,
                        new TableSheet(
                            wb.createSheet(UNREACHABLE),
                            styles,
                            List.of(
                                new Column("Host", 24, Look.TEXT),
                                    new Column("Address", 24, Look.TEXT),
                                new Column("Error kind", 22, Look.TEXT),
                                    new Column("Message", 90, Look.WRAP))));
                    wb.setActiveSheet(0);
                    wb.write(out);
                  } finally {
                    wb.close();
                    wb.dispose();
                  }
                }));
  }

  /**
   * Excel holds 1,048,576 rows a sheet; POI fails on the next row with an internal error after most
   * of the workbook was staged. Say so before writing anything.
   */
  private static void refuseOverlongSheets(List<SummarySheet.SheetLink> sheets) throws IOException {
    int max = org.apache.poi.ss.SpreadsheetVersion.EXCEL2007.getMaxRows();
    for (SummarySheet.SheetLink s : sheets) {
      if (s.rows() + 1L > max) { // + the header row
        throw new IOException(
            "the workbook's "
                + s.sheet()
                + " sheet would need "
                + (s.rows() + 1)
                + " rows and Excel "
                + "holds "
                + max
                + "; write the JSON report only (--format json) or scan in parts (--shard K/N)");
      }
    }
  }

  private static List<SummarySheet.SheetLink> links(ScanReport r) {
    int findings = 0;
    int steps = 0;
    int cleanup = 0;
    int unreachable = 0;
    for (HostReport h : hosts(r)) {
      findings += HostViews.findings(h).size();
      steps += HostViews.lines(h.remediation()).size();
      cleanup += HostViews.lines(h.cleanup()).isEmpty() ? 0 : 1;
      unreachable += h.verdict() == Verdict.UNREACHABLE ? 1 : 0;
    }
    return List.of(
        new SummarySheet.SheetLink(
            HOSTS, "One row a host: verdict, score, capabilities", hosts(r).size()),
        new SummarySheet.SheetLink(FINDINGS, "One row a finding, with evidence and fix", findings),
        new SummarySheet.SheetLink(REMEDIATION, "Copy-ready commands per host, in order", steps),
        new SummarySheet.SheetLink(CLEANUP, "setcap -r wherever capabilities are set", cleanup),
        new SummarySheet.SheetLink(UNREACHABLE, "Hosts that did not answer, and why", unreachable));
  }

  private static void hosts(ScanReport r, TableSheet t) {
    for (HostReport h : hosts(r)) {
      t.row(
          h.name(),
          h.address(),
          new Styled(h.verdict() == null ? null : h.verdict().name(), ExcelStyles.of(h.verdict())),
          h.score(),
          HostViews.reason(h),
          String.join(", ", HostViews.groups(h)),
          h.kernel() == null ? null : h.kernel().release(),
          h.arch(),
          h.mode(),
          String.join(", ", HostViews.capabilities(h, CapabilityRules.GRANTED)),
          String.join(", ", HostViews.capabilities(h, CapabilityRules.EXCESS)),
          HostViews.binaryPath(h),
          HostViews.fileCapabilities(h),
          HostViews.error(h),
          h.millis() / 1000.0);
    }
    t.finish();
  }

  /**
   * Blockers first, then warnings, then info, each by host in report order: a reader starts with
   * what stops eCapture. One pass per severity keeps the sheet streaming (no copy of every finding
   * in memory).
   */
  private static void findings(ScanReport r, TableSheet t) {
    for (int rank = 0; rank <= Severity.values().length; rank++) {
      for (HostReport h : hosts(r)) {
        for (Finding f : HostViews.findings(h)) {
          if (HostViews.severityRank(f.severity()) != rank) {
            continue;
          }
          t.row(
              h.name(),
              f.id(),
              new Styled(HostViews.severity(f), ExcelStyles.ofSeverity(f.severity())),
              HostViews.status(f),
              HostViews.findingTitle(f),
              f.detail(),
              f.capability(),
              HostViews.evidence(f),
              f.remediation() == null ? null : String.join("\n", f.remediation()),
              f.reference() == null ? null : new TableSheet.Link(f.reference()));
        }
      }
    }
    t.finish();
  }

  private static void remediation(ScanReport r, TableSheet t) {
    for (HostReport h : hosts(r)) {
      List<String> lines = HostViews.lines(h.remediation());
      Styled verdict =
          new Styled(h.verdict() == null ? null : h.verdict().name(), ExcelStyles.of(h.verdict()));
      for (int i = 0; i < lines.size(); i++) {
        t.row(
            h.name(),
            verdict,
            i + 1,
            HostViews.isComment(lines.get(i)) ? "note" : "run",
            lines.get(i));
      }
    }
    t.finish();
  }

  private static void cleanup(ScanReport r, TableSheet t) {
    for (HostReport h : hosts(r)) {
      if (HostViews.lines(h.cleanup()).isEmpty()) {
        continue;
      }
      t.row(
          h.name(),
          HostViews.binaryPath(h),
          String.join("\n", HostViews.cleanupCommands(h)),
          String.join("\n", HostViews.cleanupReminders(h)));
    }
    t.finish();
  }

  private static void unreachable(ScanReport r, TableSheet t) {
    for (HostReport h : hosts(r)) {
      if (h.verdict() != Verdict.UNREACHABLE) {
        continue;
      }
      String address =
          h.address() == null ? null : h.address() + (h.port() == null ? "" : ":" + h.port());
      t.row(
          h.name(),
          address,
          h.error() == null ? null : h.error().kind(),
          h.error() == null ? null : h.error().message());
    }
    t.finish();
  }

  private static List<HostReport> hosts(ScanReport r) {
    return r.hosts() == null ? List.of() : r.hosts();
  }
}
