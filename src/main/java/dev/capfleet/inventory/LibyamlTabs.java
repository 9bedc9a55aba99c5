package dev.capfleet.inventory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libyaml (which Ansible's loader uses) takes a tab as the white space between a mapping key's
 * {@code :} and its value, as YAML 1.1 allows; SnakeYAML refuses it. This turns each such tab into
 * a space, in place, so lines and columns stay where they were. Tabs in indentation (an error to
 * both), inside quotes and inside block scalars are left alone.
 */
final class LibyamlTabs {
  /**
   * A block-context key line: indentation, optional "- " items, a plain key, ':', then tabs or
   * spaces.
   */
  private static final Pattern KEY_TAB =
      Pattern.compile("^( *(?:- +)*[^\\s#'\"{\\[][^#'\"\\t]*?:)([ \\t]*\\t[ \\t]*)(.*)$");

  /**
   * A line that opens a block scalar ({@code key: |} or {@code - >-}), whose more-indented lines
   * are text.
   */
  private static final Pattern BLOCK_SCALAR =
      Pattern.compile(".*(?:^|[:\\s-])[|>][0-9+-]*[ \\t]*(?:#.*)?$");

  private LibyamlTabs() {}

  static String normalize(String text) {
    if (text.indexOf('\t') < 0) {
      return text;
    }
    String[] lines = text.split("\n", -1);
    int blockIndent =
        -1; // the indentation of the line that opened a block scalar, while inside one
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int indent = indentation(line);
      boolean blank = line.strip().isEmpty();
      if (blockIndent >= 0 && (blank || indent > blockIndent)) {
        out.append(line);
      } else {
        blockIndent = -1;
        Matcher m = KEY_TAB.matcher(line);
        String fixed = m.matches() ? m.group(1) + m.group(2).replace('\t', ' ') + m.group(3) : line;
        out.append(fixed);
        if (BLOCK_SCALAR.matcher(fixed).matches()) {
          blockIndent = indent;
        }
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static int indentation(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
