package dev.capfleet.report;

/**
 * Strict YAML quoting for values that come from a report: always a double-quoted, ASCII-only scalar
 * tagged {@code !unsafe}, so neither YAML (no plain-scalar surprises, no line breaks) nor Ansible's
 * Jinja (no {@code {{ }}} evaluation) can read anything but the literal text.
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
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
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

  /**
   * One Ansible task of the model as a block-style list item: keys as they are (the loader allows
   * only module names and task keywords), strings double-quoted and not {@code !unsafe}, since the
   * model's own Jinja must run.
   */
  static void task(StringBuilder y, java.util.Map<String, Object> task, String indent) {
    boolean first = true;
    for (java.util.Map.Entry<String, Object> e : task.entrySet()) {
      y.append(indent).append(first ? "- " : "  ").append(e.getKey()).append(':');
      value(y, e.getValue(), indent + "    ");
      first = false;
    }
  }

  private static void value(StringBuilder y, Object v, String indent) {
    if (v instanceof java.util.Map<?, ?> m) {
      y.append('\n');
      for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
        y.append(indent).append(e.getKey()).append(':');
        value(y, e.getValue(), indent + "  ");
      }
    } else if (v instanceof java.util.List<?> l) {
      y.append(" [");
      for (int i = 0; i < l.size(); i++) {
        y.append(i == 0 ? "" : ", ").append(scalar(l.get(i)));
      }
      y.append("]\n");
    } else {
      y.append(' ').append(scalar(v)).append('\n');
    }
  }

  private static String scalar(Object v) {
    if (v instanceof Boolean || v instanceof Number) {
      return v.toString();
    }
    if (v == null) {
      return "null";
    }
    return quoted(v.toString());
  }
}
