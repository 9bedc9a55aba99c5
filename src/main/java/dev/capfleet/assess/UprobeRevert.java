package dev.capfleet.assess;

import dev.capfleet.model.RequirementModel;
import dev.capfleet.probe.KernelInfo;
import dev.capfleet.probe.SecurityFacts;

/**
 * Whether a kernel carries Linux ba677dbe77af (uprobes need CAP_SYS_ADMIN again), in the words the
 * model's capability sets and rules test: {@code present}, {@code absent}, {@code unconfirmed} (the
 * version says no, but a vendor back-port after 2025-07-03 may say yes) or {@code assumed}
 * (upstream version unknown).
 */
final class UprobeRevert {
  private UprobeRevert() {}

  static String of(RequirementModel.UprobeRevertRule rule, KernelInfo kernel, SecurityFacts s) {
    if (rule == null || kernel == null) {
      return null;
    }
    RequirementModel.UprobeRevertRule r = rule;
    boolean pastEveryBranch =
        kernel
            .version()
            .atLeast(
                r.fixedIn().stream().max(dev.capfleet.core.KernelVersion::compareTo).orElseThrow());
    if (pastEveryBranch) {
      return "present";
    }
    if (s.buildDate() != null && s.buildDate().isBefore(r.builtBefore())) {
      return "absent"; // built before the revert existed, whatever the version says
    }
    if (!s.upstreamKnown()) {
      return "assumed";
    }
    return r.fixedAt(kernel.version()) ? "present" : "unconfirmed";
  }
}
