package dev.capfleet.assess;

import dev.capfleet.core.Severity;
import dev.capfleet.model.RequirementModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a host's verdict under the verified model with what eCapture's documentation (the
 * documented model) would say, so that a reader sees why following the docs fails on this host,
 * with the reasons' sources.
 */
public final class DocDrift {
  /** The id of the info finding; the report summary counts the hosts that carry it. */
  public static final String FINDING_ID = "doc-drift";

  private DocDrift() {}

  /** An info finding when the two verdicts or capability sets differ; empty when they agree. */
  public static Optional<Finding> compare(
      Assessment verified, Assessment documented, RequirementModel docModel) {
    boolean sameVerdict = verified.verdict() == documented.verdict();
    boolean sameCaps =
        Set.copyOf(verified.requiredCapabilities())
            .equals(Set.copyOf(documented.requiredCapabilities()));
    if (sameVerdict && sameCaps) {
      return Optional.empty();
    }
    Set<String> verifiedFailed = failed(verified);
    Set<String> docFailed = failed(documented);
    List<String> why = new ArrayList<>();
    for (Finding f : verified.findings()) {
      if (blocksOrWarns(f) && !docFailed.contains(key(f))) {
        why.add(
            "kernel: "
                + f.title()
                + (f.capability() == null ? "" : " (" + f.capability() + ")")
                + " ["
                + f.reference()
                + "]");
      }
    }
    for (Finding f : documented.findings()) {
      if (blocksOrWarns(f)
          && !verifiedFailed.contains(key(f))
          && verified.findings().stream()
              .noneMatch(v -> v.id().equals(f.id()) && blocksOrWarns(v))) {
        why.add(
            "docs only: "
                + f.title()
                + (f.capability() == null ? "" : " (" + f.capability() + ")")
                + " is not needed ["
                + f.reference()
                + "]");
      }
    }
    String detail =
        "eCapture's documentation ("
            + docModel.id()
            + ") says "
            + documented.verdict()
            + " with "
            + names(documented.requiredCapabilities())
            + "; this kernel requires "
            + names(verified.requiredCapabilities())
            + " and the verified verdict is "
            + verified.verdict()
            + "."
            + (why.isEmpty() ? "" : " Why: " + String.join("; ", why) + ".");
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("documented.verdict", documented.verdict().name());
    evidence.put("documented.requiredCapabilities", names(documented.requiredCapabilities()));
    evidence.put("verified.verdict", verified.verdict().name());
    evidence.put("verified.requiredCapabilities", names(verified.requiredCapabilities()));
    return Optional.of(
        new Finding(
            FINDING_ID,
            Severity.INFO,
            CheckStatus.FAIL,
            "eCapture's documentation would judge this host differently",
            detail,
            null,
            evidence,
            List.of(),
            "capfleet shared/ecapture-truth.md against " + docModel.source("minimum-privileges")));
  }

  /** The verified assessment with the drift finding added, when there is one. */
  public static Assessment withDrift(
      Assessment verified, Assessment documented, RequirementModel docModel) {
    Optional<Finding> drift = compare(verified, documented, docModel);
    if (drift.isEmpty()) {
      return verified;
    }
    List<Finding> findings = new ArrayList<>(verified.findings());
    findings.add(drift.get());
    return new Assessment(
        verified.verdict(),
        verified.score(),
        verified.requiredCapabilities(),
        findings,
        verified.remediation(),
        verified.cleanup(),
        verified.checks(),
        verified.actions());
  }

  private static boolean blocksOrWarns(Finding f) {
    return f.severity() != Severity.INFO;
  }

  private static Set<String> failed(Assessment a) {
    Set<String> out = new LinkedHashSet<>();
    a.findings().stream().filter(DocDrift::blocksOrWarns).forEach(f -> out.add(key(f)));
    return out;
  }

  private static String key(Finding f) {
    return f.id() + "/" + f.capability() + "/" + f.status().findingId();
  }

  private static String names(List<String> caps) {
    return caps.isEmpty() ? "no capability set" : String.join(", ", caps);
  }
}
