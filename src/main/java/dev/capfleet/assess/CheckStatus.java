package dev.capfleet.assess;

import java.util.Locale;
import java.util.Optional;

/**
 * How one rule (and item) came out on a host. One enum for checks and findings alike; reports spell
 * it as they have since schema 1.0: a check {@code fail}s, a finding is {@code failed} (a finding
 * is only ever FAIL or UNKNOWN).
 */
public enum CheckStatus {
  PASS("pass", "passed"),
  FAIL("fail", "failed"),
  UNKNOWN("unknown", "unknown"),
  SKIPPED("skipped", "skipped");

  private final String id;
  private final String findingId;

  CheckStatus(String id, String findingId) {
    this.id = id;
    this.findingId = findingId;
  }

  /** The spelling in a report's {@code checks}. */
  public String id() {
    return id;
  }

  /** The spelling in a report's {@code findings}. */
  public String findingId() {
    return findingId;
  }

  /** Either spelling, in any case (reports written by any version read back). */
  public static Optional<CheckStatus> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (CheckStatus s : values()) {
      if (s.id.equals(t) || s.findingId.equals(t)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
