package dev.capfleet.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A typed key for one host fact: its one name (the name models use in conditions and templates),
 * its kind (which decides the operators a condition may apply), the Java type its value has, the
 * probe gap that explains it when it is missing, and where the JSON report shows it. Every fact is
 * declared once, in {@link Facts}; model, assess, scan and report take the name from there.
 *
 * <p>Constants are made by the kind-specific factories ({@link #bool}, {@link #string}, ...), so a
 * key's Java type and its kind cannot disagree.
 *
 * @param <T> the type of the fact's value
 */
public final class Fact<T> {
  /** What kind of value a fact holds, which decides the operators that make sense on it. */
  public enum Kind {
    VERSION(KernelVersion.class),
    STRING(String.class),
    BOOLEAN(Boolean.class),
    INTEGER(Integer.class),
    CAPABILITIES(Set.class),
    STRINGS(Set.class),
    MOUNTS(List.class);

    private final Class<?> type;

    Kind(Class<?> type) {
      this.type = type;
    }
  }

  /** The prefix of report locations inside a host's {@code facts} map. */
  private static final String FACTS_MAP = "/facts/";

  private final String name;
  private final Kind kind;
  private final ProbeGap gap;
  private final String report;

  private Fact(String name, Kind kind, ProbeGap gap, String report) {
    this.name = Objects.requireNonNull(name);
    this.kind = Objects.requireNonNull(kind);
    this.gap = gap;
    this.report = report;
  }

  static Fact<KernelVersion> version(String name, ProbeGap gap, String report) {
    return new Fact<>(name, Kind.VERSION, gap, report);
  }

  static Fact<String> string(String name, ProbeGap gap, String report) {
    return new Fact<>(name, Kind.STRING, gap, report);
  }

  static Fact<Boolean> bool(String name, ProbeGap gap, String report) {
    return new Fact<>(name, Kind.BOOLEAN, gap, report);
  }

  static Fact<Integer> integer(String name, ProbeGap gap, String report) {
    return new Fact<>(name, Kind.INTEGER, gap, report);
  }

  static Fact<Set<Capability>> capabilities(String name, ProbeGap gap, String report) {
    return new Fact<>(name, Kind.CAPABILITIES, gap, report);
  }

  static Fact<Set<String>> strings(String name, ProbeGap gap, String report) {
    return new Fact<>(name, Kind.STRINGS, gap, report);
  }

  static Fact<List<Mount>> mounts(String name, ProbeGap gap, String report) {
    return new Fact<>(name, Kind.MOUNTS, gap, report);
  }

  /** The one name: what models write, what templates render, what evidence is keyed by. */
  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The probe gap that explains this fact when it is missing; empty for facts no probe reads. */
  public Optional<ProbeGap> gap() {
    return Optional.ofNullable(gap);
  }

  /**
   * Where a host's JSON entry shows this fact (or the reading it is derived from), as a JSON
   * pointer from the host entry ({@code /kernel/version}, {@code /facts/btf}); empty for facts
   * derived from the model or the scan's options, which the report shows through their effects.
   */
  public Optional<String> report() {
    return Optional.ofNullable(report);
  }

  /**
   * The key of this fact in the host's {@code facts} map, for facts kept there. Declared rather
   * than derived from {@link #name()}: these keys are the report's schema since 1.0 (e.g. {@code
   * libcap.newNames} is {@code libcapKnowsNewNames}), and reports stay readable by older tools.
   */
  public String reportKey() {
    if (report == null || !report.startsWith(FACTS_MAP)) {
      throw new IllegalStateException(name + " is not kept in the report's facts map");
    }
    return report.substring(FACTS_MAP.length());
  }

  /** Checks a value against the kind before it is stored under this key. */
  @SuppressWarnings("unchecked")
  public T cast(Object value) {
    if (value != null && !kind.type.isInstance(value)) {
      throw new IllegalArgumentException(
          name + " holds " + kind + ", not " + value.getClass().getSimpleName());
    }
    return (T) value;
  }

  @Override
  public String toString() {
    return name;
  }
}
