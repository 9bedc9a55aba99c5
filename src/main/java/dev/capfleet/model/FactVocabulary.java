package dev.capfleet.model;

import dev.capfleet.core.Fact;
import dev.capfleet.core.Facts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The names a model may use: facts a condition can test (with their kinds) and the extra words a
 * template can show. The assessment stage fills every one of them for each host; a model naming
 * anything else is refused when it is loaded, not when a host is scored.
 */
public final class FactVocabulary {
  /** Every fact's name and kind, derived from the one declaration of each ({@link Facts}). */
  private static final Map<String, Fact.Kind> FACTS = new LinkedHashMap<>();

  static {
    for (Fact<?> f : Facts.all()) {
      FACTS.put(f.name(), f.kind());
    }
  }

  /** Words only templates use: renderings of facts and of the rule being checked. */
  public static final Set<String> TEMPLATE_EXTRAS =
      Set.of(
          "binary",
          "item",
          "item.name",
          "item.short",
          "item.setcap",
          "expected",
          "required.setcap",
          "required.getcap",
          "required.names",
          "binary.caps.text",
          "boundingSet.text",
          "boundingSet.source",
          "mounts.special",
          "window.until",
          "account",
          "kernel.buildDate",
          "required.accepted",
          "required.why",
          "required.adminSetcap",
          "uidMap");

  private FactVocabulary() {}

  public static Map<String, Fact.Kind> facts() {
    return Map.copyOf(FACTS);
  }

  public static Fact.Kind kind(String fact) {
    return FACTS.get(fact);
  }

  public static boolean isTemplateWord(String word) {
    return FACTS.containsKey(word) || TEMPLATE_EXTRAS.contains(word);
  }
}
