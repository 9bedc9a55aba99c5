package dev.capfleet.inventory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Formats values as Python's {@code str()} does, which is how {@code ansible-inventory --graph
 * --vars} prints them.
 */
final class PythonRepr {
  private PythonRepr() {}

  /** Python's {@code str(value)}: text as it is, everything else as its repr. */
  static String str(Object value) {
    if (value instanceof TaggedText t) {
      return t.text();
    }
    return value instanceof String s ? s : repr(value);
  }

  static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Double d) {
      return floatRepr(d);
    }
    if (value instanceof Float f) {
      return floatRepr(f.doubleValue());
    }
    if (value instanceof String s) {
      return stringRepr(s);
    }
    if (value instanceof TaggedText t) {
      return stringRepr(t.text()); // both classes are str subclasses with str's repr
    }
    if (value instanceof PythonTuple tuple) {
      return tuple.size() == 1
          ? "(" + repr(tuple.get(0)) + ",)"
          : tuple.stream().map(PythonRepr::repr).collect(Collectors.joining(", ", "(", ")"));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(PythonRepr::repr).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return value.toString();
  }

  /**
   * Python's shortest round-trip float repr: {@code 1.0}, {@code 1e+16}, {@code 1.5e-05}, {@code
   * inf}.
   */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = exact.unscaledValue().toString();
    int exponent = digits.length() - 1 - exact.scale(); // position of the first digit
    String sign = d < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exponent));
    }
    String plain = exact.toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }

  private static String stringRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
              } else if (cp == '\n') {
                out.append("\\n");
              } else if (cp == '\r') {
                out.append("\\r");
              } else if (cp == '\t') {
                out.append("\\t");
              } else if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.append(quote).toString();
  }
}
