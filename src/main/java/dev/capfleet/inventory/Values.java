package dev.capfleet.inventory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts inventory values into one immutable shape: String, {@link TaggedText}, Boolean, Long,
 * BigInteger (past 64 bits), Double, List, Map with String keys, or null.
 */
final class Values {
  private Values() {}

  static Object normalize(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof TaggedText
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      return freezeMap(map);
    }
    if (value instanceof Collection<?> items) {
      List<Object> copy = new ArrayList<>(items.size());
      items.forEach(item -> copy.add(normalize(item)));
      return value instanceof PythonTuple
          ? new PythonTuple(copy)
          : Collections.unmodifiableList(copy);
    }
    if (value instanceof Object[] array) {
      return normalize(List.of(array));
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return value.toString();
  }

  /** An immutable copy whose keys are the strings Python's json module would write. */
  static Map<String, Object> freezeMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(key(k), normalize(v)));
    return Collections.unmodifiableMap(copy);
  }

  static String key(Object key) {
    if (key instanceof String s) {
      return s;
    }
    if (key instanceof TaggedText t) {
      return t.text(); // JSON object keys are plain text, tagged or not
    }
    if (key == null) {
      return "null";
    }
    if (key instanceof Double || key instanceof Float) {
      return PythonRepr.floatRepr(((Number) key).doubleValue());
    }
    return String.valueOf(key);
  }

  /**
   * A value as text, the way Ansible's templating would print it ({@code True}, {@code 22}, {@code
   * [1, 2]}).
   */
  static String text(Object value) {
    return PythonRepr.str(value);
  }
}
