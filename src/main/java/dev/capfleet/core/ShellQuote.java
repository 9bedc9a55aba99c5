package dev.capfleet.core;

/**
 * The one POSIX shell quoter: a value made one shell word for the quoting context it is written
 * into.
 */
public final class ShellQuote {
  /** Where a value stands in a command line, as a POSIX shell reads it. */
  public enum Context {
    PLAIN,
    SINGLE,
    DOUBLE,
    COMMENT
  }

  private ShellQuote() {}

  /**
   * One word outside any quotes: the value as it is when nothing in it is special to a shell, else
   * single-quoted.
   */
  public static String word(String value) {
    return inContext(value, Context.PLAIN);
  }

  /**
   * The value for a place inside a command: unquoted, inside single quotes (closed and reopened
   * around each {@code '}), inside double quotes (closed, a single-quoted word, reopened) or in a
   * comment. A value that holds a newline must not go into a comment: strip it first ({@link
   * HostText#masked}).
   */
  public static String inContext(String value, Context ctx) {
    if (!value.isEmpty() && isPlain(value)) {
      return value;
    }
    return switch (ctx) {
      case PLAIN -> singleQuoted(value);
      case SINGLE -> value.replace("'", "'\\''");
      case DOUBLE -> "\"" + singleQuoted(value) + "\"";
      case COMMENT -> value; // a comment ends only at a newline
    };
  }

  /**
   * Always single quotes, even around a plain value, for scripts that quote every variable the same
   * way.
   */
  public static String singleQuoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** True when no shell treats any character of the value specially, in any quoting context. */
  public static boolean isPlain(String value) {
    return value.chars().allMatch(ShellQuote::plain);
  }

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "/._-+,:@%".indexOf(c) >= 0;
  }
}
