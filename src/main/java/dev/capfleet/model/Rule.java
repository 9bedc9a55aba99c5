package dev.capfleet.model;

import dev.capfleet.core.Severity;
import java.util.List;

/**
 * One requirement of the model.
 *
 * @param when applicability: the rule is skipped when this does not hold (null: always applies)
 * @param forEach a set-valued fact; the rule is checked once per element, bound to {@code {item}}
 *     (null: once)
 * @param require what must hold for the host to pass
 * @param detail template explaining a failure
 * @param evidence names of facts shown as evidence in a finding
 * @param remediation command templates, in order; lines starting with {@code #} are guidance
 * @param grantsCapabilities true when the remediation sets file capabilities (so cleanup applies)
 * @param failureMeansUnknown true when failing this rule means other facts cannot be gathered (a
 *     probe tool is missing): the host is INCONCLUSIVE rather than NOT_READY, and the finding
 *     carries the fix
 * @param reference key into the model's sources
 */
public record Rule(
    String id,
    Severity severity,
    String title,
    Condition when,
    String forEach,
    Condition require,
    String detail,
    List<String> evidence,
    List<String> remediation,
    boolean grantsCapabilities,
    boolean failureMeansUnknown,
    String reference) {
  public Rule {
    evidence = List.copyOf(evidence);
    remediation = List.copyOf(remediation);
  }
}
