package dev.capfleet.report;

/**
 * Console wording shared by the summary and the diff (the sanitising lives in {@link
 * dev.capfleet.core.HostText}).
 */
final class ConsoleText {
  private ConsoleText() {}

  /** {@code 1 host}, {@code 2 hosts}: a count with its noun in the right number. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
