package dev.capfleet.assess;

import java.util.List;

/**
 * What the model concluded about one host.
 *
 * @param requiredCapabilities what eCapture needs there for the kernel and mode (empty when the kernel is unknown)
 * @param remediation every fix in the model's rule order, without repeats
 * @param cleanup {@code setcap -r} reminders, present wherever the binary carries or is told to carry capabilities
 */
public record Assessment(Verdict verdict, Integer score, List<String> requiredCapabilities, List<Finding> findings,
    List<String> remediation, List<String> cleanup, List<Check> checks) {
  public Assessment {
    requiredCapabilities = List.copyOf(requiredCapabilities);
    findings = List.copyOf(findings);
    remediation = List.copyOf(remediation);
    cleanup = List.copyOf(cleanup);
    checks = List.copyOf(checks);
  }
}
