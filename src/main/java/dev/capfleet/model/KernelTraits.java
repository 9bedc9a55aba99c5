package dev.capfleet.model;

import dev.capfleet.core.KernelVersion;

/**
 * What selects a capability set besides mode and module.
 *
 * @param capLastCap {@code /proc/sys/kernel/cap_last_cap}, or null when unread: then CAP_BPF's
 *     existence is guessed from the version (5.8)
 * @param uprobeRevert {@code present}, {@code absent}, {@code unconfirmed} or {@code assumed} (see
 *     {@code assess.UprobeRevert}); null is read as assumed, since a wrong "not needed" is the
 *     worse mistake
 */
public record KernelTraits(KernelVersion version, Integer capLastCap, String uprobeRevert) {
  /** CAP_BPF is number 39. */
  private static final int CAP_BPF = 39;

  private static final KernelVersion FIRST_WITH_CAP_BPF = new KernelVersion(5, 8, 0);

  public boolean hasCapBpf() {
    return capLastCap != null ? capLastCap >= CAP_BPF : version.atLeast(FIRST_WITH_CAP_BPF);
  }

  /** True unless the kernel is known (or believed, with a warning) to predate the uprobe revert. */
  public boolean uprobeNeedsSysAdmin() {
    return !"absent".equals(uprobeRevert) && !"unconfirmed".equals(uprobeRevert);
  }
}
