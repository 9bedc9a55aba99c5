package dev.capfleet.assess;

/** Quotes a value as one POSIX shell word, so remediation commands stay copy-ready and safe. */
public final class ShellWords {
  private ShellWords() {}

  /** The value as it is when it holds only characters no shell treats specially, else single-quoted. */
  public static String quote(String value) {
    if (!value.isEmpty() && isPlain(value)) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** True when no shell treats any character of the value specially, in any quoting context. */
  public static boolean isPlain(String value) {
    return value.chars().allMatch(ShellWords::plain);
  }

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._-+,:@%".indexOf(c) >= 0;
  }
}
