package dev.capfleet.assess;

import dev.capfleet.core.Fact;
import dev.capfleet.core.Facts;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One host's facts, keyed by the typed {@link Fact} constants of {@link Facts}. A fact with no
 * value is one that could not be gathered; {@link #gap} says why. Code reads and writes facts
 * through their keys ({@link #get(Fact)}, {@link #put(Fact, Object)}); only the evaluation of a
 * model's conditions, which name facts by their model names, looks them up by name.
 */
public final class FactView {
  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, String> gaps = new HashMap<>();
  private final Map<String, String> words = new HashMap<>();

  public <T> FactView put(Fact<T> fact, T value) {
    if (value != null) {
      values.put(fact.name(), fact.cast(value));
    }
    return this;
  }

  public <T> T get(Fact<T> fact) {
    return fact.cast(values.get(fact.name()));
  }

  public boolean known(Fact<?> fact) {
    return values.containsKey(fact.name());
  }

  /** Records why a fact is unknown; the first reason given for a fact is kept. */
  public FactView gap(Fact<?> fact, String why) {
    gaps.putIfAbsent(fact.name(), why);
    return this;
  }

  /** A rendering for templates that is not itself a fact (e.g. {@code binary.caps.text}). */
  public FactView word(String name, String text) {
    if (text != null) {
      words.put(name, text);
    }
    return this;
  }

  /** A rendering of a fact for templates, under the fact's name. */
  public FactView word(Fact<?> fact, String text) {
    return word(fact.name(), text);
  }

  /** A fact by the name a model's condition uses (validated against the vocabulary at load). */
  Object value(String name) {
    return values.get(name);
  }

  boolean known(String name) {
    return values.containsKey(name);
  }

  /** Why the fact a model names is unknown. */
  String gap(String name) {
    return gaps.getOrDefault(name, name + " could not be gathered");
  }

  public Map<String, String> gaps() {
    return Collections.unmodifiableMap(gaps);
  }

  public Map<String, String> words() {
    return Collections.unmodifiableMap(words);
  }
}
