package dev.capfleet.assess;

import dev.capfleet.core.Verdict;
import java.util.List;

/**
 * What the model concluded about one host.
 *
 * @param requiredCapabilities what eCapture needs there for the kernel and mode (empty when the
 *     kernel is unknown)
 * @param remediation the commands of {@code actions} that are part of the fix, in order, without
 *     repeats
 * @param actions the ordered remediation every output follows, with the cleanup step last (if any)
 * @param cleanup {@code setcap -r} reminders, present wherever the binary carries or is told to
 *     carry capabilities
 */
public record Assessment(
    Verdict verdict,
    Integer score,
    List<String> requiredCapabilities,
    List<Finding> findings,
    List<String> remediation,
    List<String> cleanup,
    List<Check> checks,
    List<RemediationStep> actions) {
  public Assessment {
    requiredCapabilities = List.copyOf(requiredCapabilities);
    findings = List.copyOf(findings);
    remediation = List.copyOf(remediation);
    cleanup = List.copyOf(cleanup);
    checks = List.copyOf(checks);
    actions = List.copyOf(actions);
  }
}
