package dev.capfleet.assess;

/** Quotes a value as one POSIX shell word, so remediation commands stay copy-ready and safe. */
public final class ShellWords {
  private ShellWords() {}

  /** The value as it is when it holds only characters no shell treats specially, else single-quoted. */
  public static String quote(String value) {
    if (!value.isEmpty() && value.chars().allMatch(ShellWords::plain)) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._-+,:@%".indexOf(c) >= 0;
  }
}
