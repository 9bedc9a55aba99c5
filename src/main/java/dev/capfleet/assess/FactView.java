package dev.capfleet.assess;

import dev.capfleet.core.Fact;
import dev.capfleet.core.Facts;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

  /**
   * Facts that read as their plain rendering in templates, with the value each had when {@link
   * #renderRemainingFacts} was called; rendered only when a template asks (a host's mount table
   * rendered for every host and never shown was a visible share of a large scan's CPU).
   */
  private final Map<String, Object> plain = new HashMap<>();

  private final Map<String, String> rendered = new HashMap<>();

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

  /**
   * From now on every fact known and without a word of its own reads, in templates, as its plain
   * rendering (collections joined with {@code ", "}). Facts put later get no such word.
   */
  void renderRemainingFacts() {
    values.forEach(
        (name, value) -> {
          if (!words.containsKey(name)) {
            plain.put(name, value);
          }
        });
  }

  /** The template words: the ones set, and the plain renderings of facts (read-only). */
  public Map<String, String> words() {
    return wordView;
  }

  private final Map<String, String> wordView =
      new AbstractMap<>() {
        @Override
        public String get(Object name) {
          String w = words.get(name);
          if (w != null || !plain.containsKey(name)) {
            return w;
          }
          return rendered.computeIfAbsent((String) name, n -> render(plain.get(n)));
        }

        @Override
        public boolean containsKey(Object name) {
          return words.containsKey(name) || plain.containsKey(name);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
          Map<String, String> all = new HashMap<>();
          plain.keySet().forEach(n -> all.put(n, get(n)));
          all.putAll(words);
          return Collections.unmodifiableMap(all).entrySet();
        }
      };

  private static String render(Object value) {
    return value instanceof Collection<?> c
        ? c.stream().map(Object::toString).collect(Collectors.joining(", "))
        : value.toString();
  }
}
