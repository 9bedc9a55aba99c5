package dev.capfleet.assess;

import dev.capfleet.core.Severity;
import java.util.List;
import java.util.Map;

/**
 * One rule a host failed, or could not be checked against.
 *
 * @param status FAIL, or UNKNOWN when a fact the rule needs could not be gathered (reports spell
 *     them {@code failed} and {@code unknown}: {@link CheckStatus#findingId})
 * @param capability the capability the finding is about, for per-capability rules (else null)
 * @param evidence fact name to the value seen on the host
 * @param remediation commands for this finding alone (the host's ordered list is in {@link
 *     Assessment})
 */
public record Finding(
    String id,
    Severity severity,
    CheckStatus status,
    String title,
    String detail,
    String capability,
    Map<String, String> evidence,
    List<String> remediation,
    String reference) {
  public Finding {
    evidence = Map.copyOf(evidence);
    remediation = List.copyOf(remediation);
  }

  public boolean failed() {
    return status == CheckStatus.FAIL;
  }

  public boolean unknown() {
    return status == CheckStatus.UNKNOWN;
  }

  /** A failed blocker: what makes a host NOT_READY. */
  public boolean failedBlocker() {
    return failed() && severity == Severity.BLOCKER;
  }
}
