package dev.capfleet.core;

import java.util.Locale;

/**
 * How much a failed rule weighs: blockers decide NOT_READY, warnings READY_WITH_WARNINGS, info
 * never.
 */
public enum Severity {
  BLOCKER,
  WARNING,
  INFO;

  /** The spelling in models and reports: {@code blocker}, {@code warning}, {@code info}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A severity by its spelling, in any case; empty for anything else. */
  public static java.util.Optional<Severity> parse(String text) {
    if (text == null) {
      return java.util.Optional.empty();
    }
    for (Severity s : values()) {
      if (s.name().equalsIgnoreCase(text.strip())) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }
}
