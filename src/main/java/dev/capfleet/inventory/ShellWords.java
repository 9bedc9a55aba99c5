package dev.capfleet.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line into words the way Python's {@code shlex.split(line, comments=True)} does, which
 * is what Ansible's INI plugin uses for host lines: POSIX quoting, backslash escapes, {@code #}
 * comments.
 */
final class ShellWords {
  private static final char WHITESPACE = ' ';
  private static final char WORD = 'a';
  private static final char ESCAPE = '\\';

  private ShellWords() {}

  /**
   * Throws IllegalArgumentException with shlex's own words for unbalanced quotes or a dangling
   * escape.
   */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean quoted = false;
    char state = WHITESPACE;
    char escapedState = WORD;
    for (int i = 0; i <= line.length(); i++) {
      boolean end = i == line.length();
      char c = end ? 0 : line.charAt(i);
      if (state == '\'' || state == '"') {
        if (end) {
          throw new IllegalArgumentException("No closing quotation");
        }
        quoted = true;
        if (c == state) {
          state = WORD;
        } else if (c == ESCAPE && state == '"') {
          escapedState = state;
          state = ESCAPE;
        } else {
          token.append(c);
        }
      } else if (state == ESCAPE) {
        if (end) {
          throw new IllegalArgumentException("No escaped character");
        }
        // Inside double quotes only the quote and the backslash itself can be escaped.
        if (escapedState != WORD && c != ESCAPE && c != escapedState) {
          token.append(ESCAPE);
        }
        token.append(c);
        state = escapedState;
      } else if (end || isWhitespace(c) || c == '#') {
        if (token.length() > 0 || quoted) {
          words.add(token.toString());
        }
        token.setLength(0);
        quoted = false;
        state = WHITESPACE;
        if (c == '#') {
          break;
        }
      } else if (c == ESCAPE) {
        escapedState = WORD;
        state = ESCAPE;
      } else if (c == '\'' || c == '"') {
        state = c;
      } else {
        token.append(c);
        state = WORD;
      }
    }
    return words;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
