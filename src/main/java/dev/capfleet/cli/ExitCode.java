package dev.capfleet.cli;

import dev.capfleet.core.Verdict;
import java.util.Collection;

/** The documented exit codes of capfleet (README, design.md). */
public enum ExitCode {
  /** Every host READY or READY_WITH_WARNINGS; {@code diff}: no host got worse. */
  OK(0),
  /** A bug in capfleet. */
  INTERNAL(1),
  /** Usage or input error: bad flag, inventory, model or key file, unwritable output. */
  USAGE(2),
  /** At least one host NOT_READY or INCONCLUSIVE; {@code diff}: at least one host got worse. */
  NOT_READY(3),
  /**
   * At least one host UNREACHABLE (takes precedence over 3: the fleet's state is not fully known).
   */
  UNREACHABLE(4),
  /**
   * Ctrl-C (SIGINT): the report of the hosts done so far is written, then the JVM ends as a shell
   * expects of a process killed by SIGINT, 128 + 2 (SIGTERM gives 143). Not returned by code; named
   * for the help and docs.
   */
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static ExitCode forVerdicts(Collection<Verdict> verdicts) {
    if (verdicts.contains(Verdict.UNREACHABLE)) {
      return UNREACHABLE;
    }
    if (verdicts.contains(Verdict.NOT_READY) || verdicts.contains(Verdict.INCONCLUSIVE)) {
      return NOT_READY;
    }
    return OK;
  }
}
