package dev.capfleet.report;

import dev.capfleet.core.Severity;
import dev.capfleet.core.Verdict;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.DefaultIndexedColorMap;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;

/**
 * The workbook's few cell styles, made once: a workbook holds at most 64,000 styles, so never one
 * per cell.
 */
final class ExcelStyles {
  /** What a cell shows; each look has a quote-prefixed twin for formula-like text. */
  enum Look {
    TEXT,
    WRAP,
    HEADER,
    TITLE,
    LINK,
    NUMBER,
    NUMBER_LEFT,
    PERCENT,
    SECONDS,
    BOLD,
    READY,
    READY_WITH_WARNINGS,
    INCONCLUSIVE,
    NOT_READY,
    UNREACHABLE,
    BLOCKER,
    WARNING,
    INFO
  }

  private static final Map<Look, String> FILLS =
      Map.of(
          Look.HEADER, "1F3864",
          Look.READY, "C6EFCE",
          Look.READY_WITH_WARNINGS, "FFEB9C",
          Look.INCONCLUSIVE, "D9D2E9",
          Look.NOT_READY, "FFC7CE",
          Look.UNREACHABLE, "BFBFBF",
          Look.BLOCKER, "FFC7CE",
          Look.WARNING, "FFEB9C",
          Look.INFO, "DDEBF7");

  private final Workbook workbook;
  private final Map<String, CellStyle> made = new HashMap<>();

  ExcelStyles(Workbook workbook) {
    this.workbook = workbook;
  }

  /** The fill colour (RRGGBB) a look uses, or null; tests compare cells against it. */
  static String fill(Look look) {
    return FILLS.get(look);
  }

  static Look of(Verdict v) {
    return v == null ? Look.TEXT : Look.valueOf(v.name());
  }

  static Look ofSeverity(Severity severity) {
    if (severity == null) {
      return Look.TEXT;
    }
    return switch (severity) {
      case BLOCKER -> Look.BLOCKER;
      case WARNING -> Look.WARNING;
      case INFO -> Look.INFO;
    };
  }

  CellStyle get(Look look, boolean quotePrefixed) {
    return made.computeIfAbsent(look + "/" + quotePrefixed, k -> create(look, quotePrefixed));
  }

  private CellStyle create(Look look, boolean quotePrefixed) {
    XSSFCellStyle s = (XSSFCellStyle) workbook.createCellStyle();
    s.setVerticalAlignment(VerticalAlignment.TOP);
    s.setQuotePrefixed(quotePrefixed);
    String fill = FILLS.get(look);
    if (fill != null) {
      s.setFillForegroundColor(new XSSFColor(rgb(fill), new DefaultIndexedColorMap()));
      s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }
    switch (look) {
      case WRAP -> s.setWrapText(true);
      case HEADER -> {
        s.setFont(font(true, 11, IndexedColors.WHITE.getIndex(), false));
        s.setWrapText(true);
        s.setBorderBottom(BorderStyle.THIN);
      }
      case TITLE -> s.setFont(font(true, 16, IndexedColors.BLACK.getIndex(), false));
      case BOLD -> s.setFont(font(true, 11, IndexedColors.BLACK.getIndex(), false));
      case LINK -> s.setFont(font(false, 11, IndexedColors.BLUE.getIndex(), true));
      case NUMBER -> number(s, HorizontalAlignment.CENTER, "0");
      case NUMBER_LEFT -> number(s, HorizontalAlignment.LEFT, "0");
      // numbers stay numbers (sortable, summable); the format only shows them as a share or in
      // seconds
      case PERCENT -> number(s, HorizontalAlignment.RIGHT, "0%");
      case SECONDS -> number(s, HorizontalAlignment.RIGHT, "0.0");
      default -> {}
    }
    return s;
  }

  private void number(XSSFCellStyle s, HorizontalAlignment align, String format) {
    s.setAlignment(align);
    s.setDataFormat(workbook.createDataFormat().getFormat(format));
  }

  private Font font(boolean bold, int points, short colour, boolean underline) {
    Font f = workbook.createFont();
    f.setFontName(workbook.getFontAt(0).getFontName());
    f.setBold(bold);
    f.setFontHeightInPoints((short) points);
    f.setColor(colour);
    if (underline) {
      f.setUnderline(Font.U_SINGLE);
    }
    return f;
  }

  static byte[] rgb(String hex) {
    int v = Integer.parseInt(hex, 16);
    return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
  }
}
