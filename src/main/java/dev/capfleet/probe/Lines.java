package dev.capfleet.probe;

/** The one text chore every section reader shares: its first line. */
final class Lines {
  private Lines() {}

  /** The first non-blank line, stripped; "" for blank text. */
  static String first(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return (nl < 0 ? t : t.substring(0, nl)).strip();
  }
}
