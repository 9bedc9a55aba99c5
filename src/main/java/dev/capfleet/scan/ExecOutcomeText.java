package dev.capfleet.scan;

/** Small text helpers for what hosts print, kept to one bounded printable line. */
final class ExecOutcomeText {
  private static final int MAX = 300;

  private ExecOutcomeText() {}

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().lines().findFirst().orElse("");
    StringBuilder b = new StringBuilder();
    line.codePoints().limit(MAX).forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return b.toString();
  }
}
