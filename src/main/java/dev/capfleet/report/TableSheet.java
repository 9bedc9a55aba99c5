package dev.capfleet.report;

import dev.capfleet.report.ExcelStyles.Look;
import java.util.List;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * One data sheet written top to bottom: a frozen, filtered header row and fixed column widths
 * (autoSizeColumn would have to measure every streamed row). Text always goes in as a string value.
 */
final class TableSheet {
  /** A column: its header, its width in characters and how its text looks. */
  record Column(String header, int width, Look look) {}

  /** A value with its own look, e.g. a verdict with its fill colour. */
  record Styled(Object value, Look look) {}

  /**
   * A web link from the model (never from host data): the URL as the cell's text and its hyperlink.
   */
  record Link(String url) {}

  static final int MAX_LINES = 8;
  static final float LINE_POINTS = 15f;
  private final Sheet sheet;
  private final ExcelStyles styles;
  private final List<Column> columns;
  private int next;

  TableSheet(Sheet sheet, ExcelStyles styles, List<Column> columns) {
    this.sheet = sheet;
    this.styles = styles;
    this.columns = columns;
    Row header = sheet.createRow(next++);
    header.setHeightInPoints(20);
    for (int i = 0; i < columns.size(); i++) {
      sheet.setColumnWidth(i, Math.min(255, columns.get(i).width()) * 256);
      Cell c = header.createCell(i);
      c.setCellValue(columns.get(i).header());
      c.setCellStyle(styles.get(Look.HEADER, false));
    }
    sheet.createFreezePane(0, 1);
    printOnePageWide(sheet);
    sheet.setRepeatingRows(new CellRangeAddress(0, 0, 0, columns.size() - 1));
  }

  /**
   * Landscape, as many pages down as needed but one page across, so a printout or PDF keeps rows
   * whole.
   */
  static void printOnePageWide(Sheet sheet) {
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
    sheet.setFitToPage(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) 0);
  }

  /**
   * Appends one row; null and empty values leave the cell out, numbers become numbers, everything
   * else text.
   */
  void row(Object... values) {
    Row row = sheet.createRow(next++);
    int lines = 1;
    for (int i = 0; i < values.length && i < columns.size(); i++) {
      Object v = values[i];
      Look look = columns.get(i).look();
      if (v instanceof Styled s) {
        v = s.value();
        look = s.look();
      }
      if (v == null || (v instanceof String str && str.isEmpty())) {
        continue;
      }
      Cell c = row.createCell(i);
      if (v instanceof Link link) {
        text(c, link.url(), Look.LINK, styles);
        if (HostViews.linkable(link.url())) {
          Hyperlink h = sheet.getWorkbook().getCreationHelper().createHyperlink(HyperlinkType.URL);
          h.setAddress(link.url());
          c.setHyperlink(h);
        }
      } else if (v instanceof Number n) {
        c.setCellValue(n.doubleValue());
        c.setCellStyle(styles.get(look, false));
      } else {
        text(c, v.toString(), look, styles);
        if (look == Look.WRAP) {
          lines = Math.max(lines, lines(v.toString(), columns.get(i).width()));
        }
      }
    }
    if (lines > 1) {
      row.setHeightInPoints(LINE_POINTS * lines);
    }
  }

  /**
   * Wrapped lines a text needs in a column, at most {@link #MAX_LINES}. Set as the row height
   * because viewers differ in fitting rows to wrapped text (LibreOffice does not on import); a
   * longer text stays whole in the cell.
   */
  static int lines(String text, int width) {
    int n = 0;
    int perLine =
        Math.max(
            1, width + width / 5); // Calibri averages narrower than the digit of the width unit
    for (String part : text.split("\n", -1)) {
      n += Math.max(1, (part.length() + perLine - 1) / perLine);
      if (n >= MAX_LINES) {
        return MAX_LINES;
      }
    }
    return n;
  }

  /** Puts the filter over the header and every row written; call once, after the last row. */
  void finish() {
    int last = Math.max(1, next - 1);
    sheet.setAutoFilter(new CellRangeAddress(0, last, 0, columns.size() - 1));
  }

  int rowsWritten() {
    return next - 1;
  }

  /**
   * Writes host-supplied text as a string; formula-like text also gets the quote-prefix flag
   * (CSV/DDE exports).
   */
  static void text(Cell c, String value, Look look, ExcelStyles styles) {
    String clean = CellText.clean(value);
    c.setCellValue(clean);
    c.setCellStyle(styles.get(look, CellText.formulaLike(clean)));
  }
}
