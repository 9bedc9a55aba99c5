package dev.capfleet.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an INI inventory value the way Ansible does: Python's {@code ast.literal_eval}, and the
 * text itself when that fails. Numbers, strings, booleans, None, lists, tuples, dicts and sets are
 * understood; tuples and sets become lists (Ansible itself cannot print a set), complex numbers
 * stay text.
 */
final class PythonLiteral {
  private static final Pattern RADIX_INT =
      Pattern.compile("0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)");
  private static final String DIGITS = "[0-9](?:_?[0-9])*";
  private static final String EXPONENT = "[eE][+-]?" + DIGITS;
  private static final Pattern FLOAT =
      Pattern.compile(
          "(?:(?:" + DIGITS + ")?\\." + DIGITS + "|" + DIGITS + "\\.)(?:" + EXPONENT + ")?" + "|"
              + DIGITS + EXPONENT);
  private static final Pattern DECIMAL_INT = Pattern.compile("[1-9](?:_?[0-9])*|0(?:_?0)*");

  /** Thrown (without a stack) when the text is not a Python literal; the caller keeps the text. */
  private static final class NotLiteral extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotLiteral() {
      super(null, null, false, false);
    }
  }

  private static final NotLiteral NOT_LITERAL = new NotLiteral();

  /**
   * A number that came with a sign, kept apart so that {@code --1} and {@code -True} are refused.
   */
  private record Signed(Object number) {}

  private final String text;
  private int pos;

  private PythonLiteral(String text) {
    this.text = text;
  }

  /**
   * The literal's value (String, Boolean, Long, BigInteger, Double, List, Map, or null), else the
   * text.
   */
  static Object valueOrText(String text) {
    try {
      PythonLiteral parser = new PythonLiteral(stripLeadingBlanks(text));
      Object value = parser.expressionList();
      parser.skipBlanks();
      if (parser.pos != parser.text.length()) {
        throw NOT_LITERAL;
      }
      return unwrap(value);
    } catch (NotLiteral e) {
      return text;
    }
  }

  private static String stripLeadingBlanks(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(i);
  }

  private Object expressionList() {
    Object first = expression();
    skipBlanks();
    if (!peek(',')) {
      return first;
    }
    List<Object> tuple = new ArrayList<>();
    tuple.add(unwrap(first));
    while (accept(',')) {
      skipBlanks();
      if (atEnd() || peek(')')) {
        break;
      }
      tuple.add(unwrap(expression()));
      skipBlanks();
    }
    return new PythonTuple(tuple);
  }

  private Object expression() {
    skipBlanks();
    if (atEnd()) {
      throw NOT_LITERAL;
    }
    char c = text.charAt(pos);
    if (c == '-' || c == '+') {
      pos++;
      Object operand = expression();
      if (!(operand instanceof Number)) {
        throw NOT_LITERAL;
      }
      return new Signed(c == '-' ? negate((Number) operand) : operand);
    }
    Object atom = atom();
    skipBlanks();
    // Anything that continues the expression (operators, calls, subscripts) is not a literal.
    if (!atEnd() && "+-*/%@&|^<>=.([!~".indexOf(text.charAt(pos)) >= 0) {
      throw NOT_LITERAL;
    }
    return atom;
  }

  private Object atom() {
    char c = text.charAt(pos);
    if (c == '[') {
      pos++;
      return sequence(']');
    }
    if (c == '(') {
      pos++;
      skipBlanks();
      if (accept(')')) {
        return new PythonTuple(List.of());
      }
      Object inner = expressionList();
      skipBlanks();
      expect(')');
      return inner;
    }
    if (c == '{') {
      pos++;
      return braces();
    }
    if (c == '\'' || c == '"') {
      return strings(null);
    }
    if (Character.isDigit(c)
        || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      return number();
    }
    if (Character.isUnicodeIdentifierStart(c) || c == '_') {
      return name();
    }
    throw NOT_LITERAL;
  }

  private List<Object> sequence(char close) {
    List<Object> items = new ArrayList<>();
    skipBlanks();
    while (!accept(close)) {
      items.add(unwrap(expression()));
      skipBlanks();
      if (!accept(',')) {
        expect(close);
        break;
      }
      skipBlanks();
    }
    return items;
  }

  private Object braces() {
    skipBlanks();
    if (accept('}')) {
      return new LinkedHashMap<String, Object>();
    }
    Object first = unwrap(expression());
    skipBlanks();
    if (!accept(':')) {
      List<Object> set = new ArrayList<>();
      set.add(first);
      if (accept(',')) {
        set.addAll(sequence('}'));
      } else {
        expect('}');
      }
      return set;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    Object key = first;
    while (true) {
      Object value = unwrap(expression());
      map.put(jsonKey(key), value);
      skipBlanks();
      if (!accept(',')) {
        expect('}');
        return map;
      }
      skipBlanks();
      if (accept('}')) {
        return map;
      }
      key = unwrap(expression());
      skipBlanks();
      expect(':');
    }
  }

  /** The key Python's json module writes for a dict key; a list or dict key makes Ansible fail. */
  private static String jsonKey(Object key) {
    if (key instanceof List || key instanceof Map) {
      throw NOT_LITERAL;
    }
    return Values.key(key);
  }

  private Object name() {
    int start = pos;
    while (pos < text.length() && Character.isUnicodeIdentifierPart(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
      return strings(word.toLowerCase(java.util.Locale.ROOT));
    }
    switch (word) {
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      case "None":
        return null;
      case "set":
        skipBlanks();
        if (accept('(')) {
          skipBlanks();
          expect(')');
          return new ArrayList<>();
        }
        throw NOT_LITERAL;
      default:
        throw NOT_LITERAL;
    }
  }

  /** Adjacent string literals concatenate, as in Python; bytes and text cannot be mixed. */
  private Object strings(String firstPrefix) {
    StringBuilder joined = new StringBuilder();
    Boolean bytes = null;
    String prefix = firstPrefix == null ? "" : firstPrefix;
    while (true) {
      if (!prefix.matches("|r|u|b|br|rb")) {
        throw NOT_LITERAL; // f-strings and unknown prefixes are not literals
      }
      boolean isBytes = prefix.contains("b");
      if (bytes != null && bytes != isBytes) {
        throw NOT_LITERAL;
      }
      bytes = isBytes;
      joined.append(
          PythonStrings.readQuoted(text, pos, prefix.contains("r"), isBytes, this::moveTo));
      skipBlanks();
      int save = pos;
      prefix = "";
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        pos++;
      }
      if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
        prefix = text.substring(save, pos).toLowerCase(java.util.Locale.ROOT);
      } else {
        pos = save;
        return joined.toString();
      }
    }
  }

  private void moveTo(int position) {
    pos = position;
  }

  private Object number() {
    Matcher m = RADIX_INT.matcher(text).region(pos, text.length());
    Object value;
    if (m.lookingAt()) {
      String digits = m.group().substring(2).replace("_", "");
      char kind = Character.toLowerCase(m.group().charAt(1));
      value = normalize(new BigInteger(digits, kind == 'x' ? 16 : kind == 'o' ? 8 : 2));
    } else if ((m = FLOAT.matcher(text).region(pos, text.length())).lookingAt()) {
      value = Double.parseDouble(m.group().replace("_", ""));
    } else if ((m = DECIMAL_INT.matcher(text).region(pos, text.length())).lookingAt()) {
      value = normalize(new BigInteger(m.group().replace("_", "")));
    } else {
      throw NOT_LITERAL;
    }
    pos = m.end();
    // "01", "1j" (complex), "1abc" and the like are not literals Ansible can print.
    if (pos < text.length()
        && (Character.isUnicodeIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
      throw NOT_LITERAL;
    }
    return value;
  }

  private static Object normalize(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private static Number negate(Number n) {
    if (n instanceof Long l) {
      return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : (Number) (-l);
    }
    if (n instanceof BigInteger b) {
      return (Number) normalize(b.negate());
    }
    return -n.doubleValue();
  }

  /** A sign is allowed only directly on a number literal, never twice. */
  private static Object unwrap(Object value) {
    return value instanceof Signed s ? s.number() : value;
  }

  private void skipBlanks() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\f') {
        pos++;
      } else if (c == '#') {
        pos = text.length();
      } else {
        return;
      }
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private boolean accept(char c) {
    if (peek(c)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw NOT_LITERAL;
    }
  }

  /** Raised by {@link PythonStrings} for malformed string literals. */
  static RuntimeException notLiteral() {
    return NOT_LITERAL;
  }
}
