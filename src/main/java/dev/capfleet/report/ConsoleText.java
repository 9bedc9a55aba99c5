package dev.capfleet.report;

/** Host-supplied text made safe for a terminal: printable ASCII only (no escape sequences), cut to a width. */
final class ConsoleText {
  private ConsoleText() {}

  static String ascii(String s) {
    if (s == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7F ? c : (c == '\n' || c == '\r' || c == '\t') ? ' ' : '?');
    }
    return b.toString();
  }

  /** ASCII text of at most {@code width} characters; a cut ends with {@code ...}. */
  static String fit(String s, int width) {
    String a = ascii(s);
    return a.length() <= width ? a : a.substring(0, Math.max(0, width - 3)) + "...";
  }

  /** {@code 1 host}, {@code 2 hosts}: a count with its noun in the right number. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
