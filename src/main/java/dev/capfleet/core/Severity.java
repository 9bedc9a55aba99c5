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

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
