package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares two {@code ansible-inventory --list} documents by meaning: groups, members, hostvars.
 */
final class JsonSemantics {
  /** Python's json writes Infinity and NaN bare, so the reader must accept them. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private JsonSemantics() {}

  /** Lists every difference, one per line; empty when the documents mean the same. */
  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    compare("", expected, actual, out);
    return out;
  }

  static void assertSameInventory(JsonNode expected, JsonNode actual, String context) {
    List<String> diffs = differences(expected, actual);
    assertEquals("", String.join("\n", diffs), context + ": differs from ansible-inventory");
  }

  private static void compare(String path, JsonNode e, JsonNode a, List<String> out) {
    if (e == null || a == null) {
      out.add(path + ": expected " + e + " but was " + a);
    } else if (e.isNumber() && a.isNumber()) {
      if (!sameNumber(e, a)) {
        out.add(path + ": expected " + e + " but was " + a);
      }
    } else if (e.isObject() && a.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      e.fieldNames().forEachRemaining(keys::add);
      a.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        compare(path + "/" + k, e.get(k), a.get(k), out);
      }
    } else if (e.isArray() && a.isArray()) {
      if (e.size() != a.size()) {
        out.add(path + ": expected " + e + " but was " + a);
        return;
      }
      Iterator<JsonNode> ei = e.elements();
      Iterator<JsonNode> ai = a.elements();
      for (int i = 0; ei.hasNext(); i++) {
        compare(path + "[" + i + "]", ei.next(), ai.next(), out);
      }
    } else if (!e.equals(a)) {
      out.add(path + ": expected " + e + " but was " + a);
    }
  }

  private static boolean sameNumber(JsonNode e, JsonNode a) {
    double ed = e.asDouble();
    double ad = a.asDouble();
    if (Double.isNaN(ed) || Double.isInfinite(ed) || Double.isNaN(ad) || Double.isInfinite(ad)) {
      return Double.compare(ed, ad) == 0;
    }
    if (e.isIntegralNumber() != a.isIntegralNumber()) {
      return false; // 1 and 1.0 are different values in Python's output
    }
    return new BigDecimal(e.asText()).compareTo(new BigDecimal(a.asText())) == 0;
  }
}
