package dev.capfleet.inventory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/** Decodes one Python string or bytes literal (quotes, triple quotes, escapes, raw prefix). */
final class PythonStrings {
  private PythonStrings() {}

  /**
   * Reads the literal whose opening quote is at {@code start}, reports the position after it to
   * {@code moveTo}, and returns its text (bytes are decoded as UTF-8, as Ansible's {@code to_text}
   * does).
   */
  static String readQuoted(String text, int start, boolean raw, boolean bytes, IntConsumer moveTo) {
    char quote = text.charAt(start);
    boolean triple = text.startsWith(String.valueOf(quote).repeat(3), start);
    int pos = start + (triple ? 3 : 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder chars = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw PythonLiteral.notLiteral();
      }
      char c = text.charAt(pos);
      if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
        moveTo.accept(pos + (triple ? 3 : 1));
        return bytes ? out.toString(StandardCharsets.UTF_8) : chars.toString();
      }
      if ((c == '\n' || c == '\r') && !triple) {
        throw PythonLiteral.notLiteral();
      }
      if (bytes && c > 0x7f) {
        throw PythonLiteral.notLiteral();
      }
      if (c != '\\') {
        append(out, chars, c, bytes);
        pos++;
        continue;
      }
      if (pos + 1 >= text.length()) {
        throw PythonLiteral.notLiteral();
      }
      char next = text.charAt(pos + 1);
      if (raw) {
        append(out, chars, '\\', bytes);
        append(out, chars, next, bytes);
        pos += 2;
        continue;
      }
      pos = escape(text, pos + 1, bytes, out, chars);
    }
  }

  /** Decodes the escape whose letter is at {@code pos}; returns the position after it. */
  private static int escape(
      String text, int pos, boolean bytes, ByteArrayOutputStream out, StringBuilder chars) {
    char e = text.charAt(pos);
    String simple = "\n\\'\"abfnrtv";
    String meaning = "\0\\'\"\u0007\b\f\n\r\t\u000b";
    int index = simple.indexOf(e);
    if (index == 0) {
      return pos + 1; // backslash-newline continues the line
    }
    if (index > 0) {
      append(out, chars, meaning.charAt(index), bytes);
      return pos + 1;
    }
    if (e >= '0' && e <= '7') {
      int end = pos;
      while (end < text.length()
          && end < pos + 3
          && text.charAt(end) >= '0'
          && text.charAt(end) <= '7') {
        end++;
      }
      appendCodePoint(out, chars, Integer.parseInt(text.substring(pos, end), 8), bytes);
      return end;
    }
    int hexDigits = e == 'x' ? 2 : bytes ? 0 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (hexDigits > 0) {
      String hex =
          text.length() >= pos + 1 + hexDigits ? text.substring(pos + 1, pos + 1 + hexDigits) : "";
      if (!hex.matches("[0-9a-fA-F]{" + hexDigits + "}")) {
        throw PythonLiteral.notLiteral();
      }
      long cp = Long.parseLong(hex, 16);
      if (cp > Character.MAX_CODE_POINT) {
        throw PythonLiteral.notLiteral();
      }
      appendCodePoint(out, chars, (int) cp, bytes);
      return pos + 1 + hexDigits;
    }
    if (e == 'N' && !bytes) {
      int close = text.indexOf('}', pos);
      if (pos + 1 >= text.length() || text.charAt(pos + 1) != '{' || close < 0) {
        throw PythonLiteral.notLiteral();
      }
      try {
        chars.appendCodePoint(Character.codePointOf(text.substring(pos + 2, close)));
      } catch (IllegalArgumentException unknown) {
        throw PythonLiteral.notLiteral();
      }
      return close + 1;
    }
    // Python keeps unknown escapes as written.
    append(out, chars, '\\', bytes);
    return pos;
  }

  private static void append(
      ByteArrayOutputStream out, StringBuilder chars, char c, boolean bytes) {
    if (bytes) {
      out.write(c);
    } else {
      chars.append(c);
    }
  }

  private static void appendCodePoint(
      ByteArrayOutputStream out, StringBuilder chars, int cp, boolean bytes) {
    if (bytes) {
      out.write(cp & 0xff);
    } else {
      chars.appendCodePoint(cp);
    }
  }

  /**
   * Python's {@code str.isspace()} for one code point: Java's whitespace plus the no-break spaces
   * (U+00A0, U+2007, U+202F) and NEL (U+0085), which Java leaves out and Python strips.
   */
  static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || cp == 0x85 || cp == 0xa0 || cp == 0x2007 || cp == 0x202f;
  }

  /** Python's {@code str.strip()} with no argument, which Ansible's INI parser applies. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }
}
