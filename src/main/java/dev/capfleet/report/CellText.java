package dev.capfleet.report;

/**
 * Makes any host or inventory string safe as spreadsheet text: bounded, XML-clean, flagged when
 * formula-like.
 */
final class CellText {
  /** Excel refuses cells longer than this. */
  static final int EXCEL_MAX = 32_767;

  private CellText() {}

  /**
   * The text as a cell can hold it: characters XML 1.0 cannot carry become U+FFFD, and text beyond
   * Excel's limit is cut (never inside a surrogate pair) and ends with a marker saying how long it
   * was.
   */
  static String clean(String s) {
    String t = xmlSafe(s);
    if (t.length() <= EXCEL_MAX) {
      return t;
    }
    String marker = " [... cut: " + t.length() + " characters in all, see the JSON report]";
    int keep = EXCEL_MAX - marker.length();
    if (Character.isHighSurrogate(t.charAt(keep - 1))) {
      keep--;
    }
    return t.substring(0, keep) + marker;
  }

  /**
   * The text with every character XML 1.0 cannot carry (controls other than tab and line ends,
   * U+FFFE/U+FFFF, lone surrogates) replaced by U+FFFD; null becomes empty. Shared by the workbook,
   * HTML and JUnit writers.
   */
  static String xmlSafe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean bad =
          (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
              || c == 0xFFFE
              || c == 0xFFFF
              || (Character.isSurrogate(c) && !pairedSurrogate(s, i));
      if (bad && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        b.append(bad ? '\uFFFD' : c);
      }
    }
    return b == null ? s : b.toString();
  }

  private static boolean pairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /**
   * True for text that a spreadsheet or a CSV export would read as a formula or DDE call (OWASP's
   * list: {@code = + - @}, tab, carriage return at the start).
   */
  static boolean formulaLike(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }
}
