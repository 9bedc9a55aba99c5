package dev.capfleet.report;

import dev.capfleet.core.Verdict;
import dev.capfleet.report.ExcelStyles.Look;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * The Summary sheet. SXSSF cannot draw charts (SXSSFDrawing has no createChart), so this small
 * sheet is built with plain XSSF in the template workbook before the streaming sheets are added
 * behind it.
 */
final class SummarySheet {
  static final String NAME = "Summary";
  static final int TOP_FINDINGS = 10;
  private static final Map<Verdict, String> CHART_COLOURS =
      Map.of(
          Verdict.READY,
          "63BE7B",
          Verdict.READY_WITH_WARNINGS,
          "FFD966",
          Verdict.INCONCLUSIVE,
          "8E7CC3",
          Verdict.NOT_READY,
          "F8696B",
          Verdict.UNREACHABLE,
          "808080");

  /** A link from the Summary to another sheet, with what it holds and how many rows. */
  record SheetLink(String sheet, String holds, int rows) {}

  private final XSSFSheet sheet;
  private final ExcelStyles styles;
  private int next;

  SummarySheet(XSSFSheet sheet, ExcelStyles styles) {
    this.sheet = sheet;
    this.styles = styles;
  }

  void write(ScanReport report, List<SheetLink> links) {
    int[] widths = {30, 44, 13, 11, 9};
    for (int i = 0; i < widths.length; i++) {
      sheet.setColumnWidth(i, widths[i] * 256);
    }
    sheet.setColumnWidth(5, 3 * 256);
    TableSheet.printOnePageWide(sheet);
    Row title = sheet.createRow(next++);
    title.setHeightInPoints(24);
    cell(title, 0, "capfleet report: can eCapture run with least privilege?", Look.TITLE);
    next++;

    header("Scan", "");
    ScanReport.Summary summary =
        report.summary() != null ? report.summary() : ScanReport.Summary.of(hosts(report));
    pair("Generated at", report.generatedAt());
    pair(
        "Tool",
        report.tool() == null ? null : report.tool().name() + " " + report.tool().version());
    pair(
        "Requirement model",
        report.model() == null ? null : report.model().id() + " " + report.model().version());
    pair("Purpose", report.purpose());
    pair("Inventory", report.inventory());
    ScanReport.ScanInfo scan = report.scan();
    if (scan != null) {
      pair(
          "Scan",
          join(
              " / ",
              scan.kind(),
              scan.mode() == null ? null : "mode " + scan.mode(),
              scan.limit() == null ? null : "limit " + scan.limit(),
              scan.forks() == null ? null : scan.forks() + " forks"));
      pair("Started / finished", join(" / ", scan.startedAt(), scan.finishedAt()));
      numberPair("Duration (s)", scan.millis() / 1000.0, Look.SECONDS);
      if (Boolean.TRUE.equals(scan.interrupted())) {
        pair("Interrupted", "yes: hosts not reached before the interruption are missing");
      }
    }
    numberPair("Hosts", summary.hosts());
    if (summary.fleetScore() == null) {
      pair("Fleet score (0-100)", "n/a: no host was reached");
    } else {
      numberPair("Fleet score (0-100)", summary.fleetScore());
    }
    next++;

    int verdictHeader = next;
    header("Verdict", "Hosts", "Share");
    int firstVerdictRow = next;
    for (Verdict v : Verdict.values()) {
      int n = summary.verdicts() == null ? 0 : summary.verdicts().getOrDefault(v, 0);
      Row r = sheet.createRow(next++);
      cell(r, 0, v.name(), ExcelStyles.of(v));
      number(r, 1, n);
      if (summary.hosts() == 0) {
        cell(r, 2, "-", Look.TEXT);
      } else {
        Cell share = r.createCell(2);
        share.setCellValue((double) n / summary.hosts());
        share.setCellStyle(styles.get(Look.PERCENT, false));
      }
    }
    int lastVerdictRow = next - 1;
    Row total = sheet.createRow(next++);
    cell(total, 0, "Total", Look.BOLD);
    number(total, 1, summary.hosts());
    if (summary.docDrift() != null) {
      Row drift = sheet.createRow(next++);
      cell(drift, 0, "Doc drift (docs would judge differently)", Look.TEXT);
      number(drift, 1, summary.docDrift());
    }
    next++;

    header("Top findings (rule)", "Finding", "Severity", "Findings", "Hosts");
    List<TopFindings.Top> top = TopFindings.of(hosts(report), TOP_FINDINGS);
    if (top.isEmpty()) {
      cell(sheet.createRow(next++), 0, "No findings.", Look.TEXT);
    }
    for (TopFindings.Top t : top) {
      Row r = sheet.createRow(next++);
      cell(r, 0, t.id(), Look.TEXT);
      cell(r, 1, t.title(), Look.WRAP);
      cell(
          r,
          2,
          t.severity() == null ? null : t.severity().id(),
          ExcelStyles.ofSeverity(t.severity()));
      number(r, 3, t.findings());
      number(r, 4, t.hosts());
    }
    next++;

    header("Sheet", "What it holds", "Rows");
    for (SheetLink l : links) {
      Row r = sheet.createRow(next++);
      Cell c = cell(r, 0, l.sheet(), Look.LINK);
      Hyperlink link =
          sheet.getWorkbook().getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
      link.setAddress("'" + l.sheet() + "'!A1");
      c.setHyperlink(link);
      cell(r, 1, l.holds(), Look.WRAP);
      number(r, 2, l.rows());
    }
    next++;

    header("Best practices", "");
    for (String p : report.bestPractices() == null ? List.<String>of() : report.bestPractices()) {
      Row r = sheet.createRow(next++);
      cell(r, 0, p, Look.TEXT);
    }
    int max = 0;
    for (Verdict v : Verdict.values()) {
      max = Math.max(max, summary.verdicts() == null ? 0 : summary.verdicts().getOrDefault(v, 0));
    }
    chart(verdictHeader, firstVerdictRow, lastVerdictRow, max);
  }

  private void chart(int top, int first, int last, int maxCount) {
    XSSFDrawing drawing = sheet.createDrawingPatriarch();
    XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 6, 2, 16, Math.max(top + 8, 24));
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText("Hosts per verdict");
    chart.setTitleOverlay(false);
    XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
    XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
    y.setCrosses(AxisCrosses.AUTO_ZERO);
    y.setCrossBetween(AxisCrossBetween.BETWEEN);
    y.setMinimum(0);
    y.setNumberFormat("0");
    y.setMajorUnit(Math.max(1, Math.ceil(maxCount / 6.0)));
    var categories =
        XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(first, last, 0, 0));
    var values =
        XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(first, last, 1, 1));
    XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
    data.setBarDirection(BarDirection.COL);
    data.setVaryColors(false);
    XDDFChartData.Series series = data.addSeries(categories, values);
    series.setTitle("Hosts", null);
    chart.plot(data);
    Verdict[] verdicts = Verdict.values();
    for (int i = 0; i < verdicts.length; i++) {
      series
          .getDataPoint(i)
          .setFillProperties(
              new XDDFSolidFillProperties(
                  XDDFColor.from(ExcelStyles.rgb(CHART_COLOURS.get(verdicts[i])))));
    }
  }

  private static List<HostReport> hosts(ScanReport r) {
    return r.hosts() == null ? List.of() : r.hosts();
  }

  private void header(String... titles) {
    Row r = sheet.createRow(next++);
    for (int i = 0; i < titles.length; i++) {
      Cell c = r.createCell(i);
      c.setCellValue(titles[i]);
      c.setCellStyle(styles.get(Look.HEADER, false));
    }
  }

  private void pair(String label, String value) {
    Row r = sheet.createRow(next++);
    cell(r, 0, label, Look.BOLD);
    if (value != null) {
      cell(r, 1, value, Look.WRAP);
    }
  }

  private void numberPair(String label, int value) {
    numberPair(label, value, Look.NUMBER_LEFT);
  }

  private void numberPair(String label, double value, Look look) {
    Row r = sheet.createRow(next++);
    cell(r, 0, label, Look.BOLD);
    Cell c = r.createCell(1);
    c.setCellValue(value);
    c.setCellStyle(styles.get(look, false));
  }

  private Cell cell(Row r, int col, String value, Look look) {
    Cell c = r.createCell(col);
    TableSheet.text(c, value, look, styles);
    return c;
  }

  private void number(Row r, int col, int value) {
    Cell c = r.createCell(col);
    c.setCellValue(value);
    c.setCellStyle(styles.get(Look.NUMBER, false));
  }

  private static String join(String sep, String... parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        kept.add(p);
      }
    }
    return kept.isEmpty() ? null : String.join(sep, kept);
  }
}
