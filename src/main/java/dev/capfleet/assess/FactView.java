package dev.capfleet.assess;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One host's facts under the names of the model's vocabulary ({@code
 * dev.capfleet.model.FactVocabulary}). A name with no value is a fact that could not be gathered;
 * {@link #gap} says why.
 */
public final class FactView {
  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, String> gaps = new HashMap<>();
  private final Map<String, String> words = new HashMap<>();

  public FactView put(String name, Object value) {
    if (value != null) {
      values.put(name, value);
    }
    return this;
  }

  /** Records why a fact is unknown; the first reason given for a name is kept. */
  public FactView gap(String name, String why) {
    gaps.putIfAbsent(name, why);
    return this;
  }

  /** A rendering for templates that is not itself a fact (e.g. {@code binary.caps.text}). */
  public FactView word(String name, String text) {
    if (text != null) {
      words.put(name, text);
    }
    return this;
  }

  public Object get(String name) {
    return values.get(name);
  }

  public boolean known(String name) {
    return values.containsKey(name);
  }

  public String gap(String name) {
    return gaps.getOrDefault(name, name + " could not be gathered");
  }

  public Map<String, String> gaps() {
    return Collections.unmodifiableMap(gaps);
  }

  public Map<String, String> words() {
    return Collections.unmodifiableMap(words);
  }
}
