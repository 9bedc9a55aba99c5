package dev.capfleet.assess;

import java.util.List;
import java.util.Map;

/**
 * One rule a host failed, or could not be checked against.
 *
 * @param status {@code failed}, or {@code unknown} when a fact the rule needs could not be gathered
 * @param capability the capability the finding is about, for per-capability rules (else null)
 * @param evidence fact name to the value seen on the host
 * @param remediation commands for this finding alone (the host's ordered list is in {@link
 *     Assessment})
 */
public record Finding(
    String id,
    String severity,
    String status,
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
}
