package dev.capfleet.report;

/**
 * Strict YAML quoting for values that come from a report: always a double-quoted, ASCII-only scalar tagged
 * {@code !unsafe}, so neither YAML (no plain-scalar surprises, no line breaks) nor Ansible's Jinja (no
 * {@code {{ }}} evaluation) can read anything but the literal text.
 */
final class YamlText {
  private YamlText() {}

  static String unsafe(String s) {
    return "!unsafe " + quoted(s);
  }

  static String quoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c >= 0x20 && c < 0x7F) {
            b.append(c);
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(String.format("\\U%08X", s.codePointAt(i)));
            i++;
          } else if (Character.isSurrogate(c)) {
            b.append("\\uFFFD");
          } else {
            b.append(String.format("\\u%04X", (int) c));
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
