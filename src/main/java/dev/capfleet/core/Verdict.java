package dev.capfleet.core;

/** A host's answer, from best to worst; the order is what "got worse" means between two scans. */
public enum Verdict {
  READY,
  READY_WITH_WARNINGS,
  INCONCLUSIVE,
  NOT_READY,
  UNREACHABLE;

  public boolean worseThan(Verdict other) {
    return compareTo(other) > 0;
  }
}
