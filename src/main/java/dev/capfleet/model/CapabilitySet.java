package dev.capfleet.model;

import dev.capfleet.core.Capability;
import dev.capfleet.core.KernelVersion;
import java.util.List;
import java.util.Set;

/**
 * The capabilities eCapture needs for some output modes (and modules) on some kernels.
 *
 * @param modules eCapture modules the set is for; empty means every module (the documented model
 *     has none)
 * @param capBpf when not null, the set applies only where CAP_BPF exists (true) or does not (false)
 * @param uprobeRevert when not null, the set applies only where the uprobe CAP_SYS_ADMIN revert is
 *     (true) or is not (false) in the kernel; an unknown revert counts as present
 * @param capabilities the least-privilege set, the one capfleet recommends
 * @param alternatives other sets that also work (e.g. CAP_SYS_ADMIN for CAP_BPF + CAP_PERFMON); a
 *     binary with one of them is ready, and the capabilities of the least-privilege set it then
 *     lacks are redundant, not missing
 * @param memlock the capability that lets eCapture raise RLIMIT_MEMLOCK, or null when the model
 *     does not ask
 * @param evidence why this set, for the explain output and doc-drift findings
 */
public record CapabilitySet(
    KernelVersion kernelAtLeast,
    KernelVersion kernelBelow,
    Set<String> modes,
    Set<String> modules,
    Boolean capBpf,
    Boolean uprobeRevert,
    List<Capability> capabilities,
    List<List<Capability>> alternatives,
    Capability memlock,
    String evidence) {
  public CapabilitySet {
    modes = Set.copyOf(modes);
    modules = Set.copyOf(modules);
    capabilities = List.copyOf(capabilities);
    alternatives = alternatives.stream().map(List::copyOf).toList();
    evidence = evidence == null ? "" : evidence;
  }

  /** The documented model's shape: kernel range and modes only. */
  public CapabilitySet(
      KernelVersion kernelAtLeast,
      KernelVersion kernelBelow,
      Set<String> modes,
      List<Capability> capabilities) {
    this(
        kernelAtLeast, kernelBelow, modes, Set.of(), null, null, capabilities, List.of(), null, "");
  }

  public boolean matches(KernelVersion kernel, String mode) {
    return matches(new KernelTraits(kernel, null, null), mode, null);
  }

  public boolean matches(KernelTraits k, String mode, String module) {
    return modes.contains(mode)
        && (module == null || modules.isEmpty() || modules.contains(module))
        && (kernelAtLeast == null || k.version().atLeast(kernelAtLeast))
        && (kernelBelow == null || !k.version().atLeast(kernelBelow))
        && (capBpf == null || capBpf == k.hasCapBpf())
        && (uprobeRevert == null || uprobeRevert == k.uprobeNeedsSysAdmin());
  }

  /** The least-privilege set followed by the alternatives, in the model's order of preference. */
  public List<List<Capability>> accepted() {
    List<List<Capability>> all = new java.util.ArrayList<>();
    all.add(capabilities);
    all.addAll(alternatives);
    return all;
  }
}
