package dev.capfleet.model;

import dev.capfleet.probe.Capability;
import dev.capfleet.probe.KernelVersion;
import java.util.List;
import java.util.Set;

/** The capabilities eCapture needs for some output modes within a kernel version range. */
public record CapabilitySet(KernelVersion kernelAtLeast, KernelVersion kernelBelow, Set<String> modes,
    List<Capability> capabilities) {
  public CapabilitySet {
    modes = Set.copyOf(modes);
    capabilities = List.copyOf(capabilities);
  }

  public boolean matches(KernelVersion kernel, String mode) {
    return modes.contains(mode)
        && (kernelAtLeast == null || kernel.atLeast(kernelAtLeast))
        && (kernelBelow == null || !kernel.atLeast(kernelBelow));
  }
}
