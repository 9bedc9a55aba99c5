package dev.capfleet.core;

/**
 * The one sanitiser for text a host, an inventory or a report file supplies, with a method per
 * place it lands.
 *
 * <p>Every method drops the same characters: C0, DEL and C1 controls, and the Unicode line
 * separators and format characters (bidirectional overrides, zero-width marks), because each of
 * them can end a line, move a terminal's cursor or make shown text read differently from the bytes
 * behind it.
 */
public final class HostText {
  private static final int DEFAULT_MAX = 200;

  private HostText() {}

  /** True for a code point that must never reach a terminal, a log line or a report as it is. */
  public static boolean unsafe(int cp) {
    if (Character.isISOControl(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * For error messages: the first 200 code points, each unsafe one shown as an escape ({@code
   * \x1b}).
   */
  public static String printable(String s) {
    return printable(s, DEFAULT_MAX);
  }

  /** For error messages: the first {@code max} code points, each unsafe one shown as an escape. */
  public static String printable(String s, int max) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(max)
        .forEach(
            cp -> {
              if (!unsafe(cp)) {
                b.appendCodePoint(cp);
              } else if (cp <= 0xFF) {
                b.append(String.format("\\x%02x", cp));
              } else {
                b.append(String.format("\\u%04x", cp));
              }
            });
    return b.toString();
  }

  /**
   * For prose built from host values: the whole text, each unsafe code point shown as {@code ?}.
   */
  public static String masked(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> b.appendCodePoint(unsafe(cp) ? '?' : cp));
    return b.toString();
  }

  /**
   * For a shell or YAML comment: each unsafe code point as a space, so nothing can end the comment
   * early.
   */
  public static String spaced(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> b.appendCodePoint(unsafe(cp) ? ' ' : cp));
    return b.toString();
  }

  /**
   * The first non-blank line of a tool's output, at most {@code max} code points, unsafe ones as
   * {@code ?}.
   */
  public static String firstLine(String text, int max) {
    if (text == null) {
      return "";
    }
    String line = text.strip().lines().findFirst().orElse("");
    StringBuilder b = new StringBuilder();
    line.codePoints().limit(max).forEach(cp -> b.appendCodePoint(unsafe(cp) ? '?' : cp));
    return b.toString();
  }

  /**
   * All of the text on one line of at most {@code max} chars: every run of whitespace and unsafe
   * characters becomes one space, none at either end, and a surrogate pair is never cut in half.
   */
  public static String oneLine(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max));
    boolean space = false;
    for (int i = 0; i < text.length() && sb.length() < max; ) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      i += width;
      if (Character.isWhitespace(cp) || unsafe(cp)) {
        space = sb.length() > 0;
        continue;
      }
      if (sb.length() + (space ? 1 : 0) + width > max) {
        break; // no room for the whole code point
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  /**
   * For a terminal table: printable ASCII only, line breaks and tabs as spaces, anything else as
   * {@code ?}.
   */
  public static String ascii(String s) {
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

  /** {@link #ascii} text of at most {@code width} characters; a cut ends with {@code ...}. */
  public static String fit(String s, int width) {
    String a = ascii(s);
    return a.length() <= width ? a : a.substring(0, Math.max(0, width - 3)) + "...";
  }
}
