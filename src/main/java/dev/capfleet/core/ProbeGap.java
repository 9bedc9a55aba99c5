package dev.capfleet.core;

/**
 * Why a group of facts the probe reads is missing. One probe reading often feeds several facts
 * ({@code stat} gives the binary's mode, owner, group and permission bits), so a gap is per
 * reading, and each {@link Fact} names the gap that explains it. The label is the key of the
 * report's {@code facts.gaps} map, spelled as reports have spelled it since schema 1.0.
 */
public enum ProbeGap {
  KERNEL("kernel"),
  ARCH("arch"),
  GETCAP("getcap"),
  BINARY("binary"),
  BINARY_STAT("binary stat"),
  BINARY_REALPATH("binary realpath"),
  BINARY_MOUNT("binary mount"),
  MOUNTS("mounts"),
  BOUNDING_SET("bounding set"),
  NO_NEW_PRIVS("no_new_privs"),
  LOCKDOWN("lockdown"),
  BTF("btf"),
  UNPRIVILEGED_BPF_DISABLED("unprivileged_bpf_disabled"),
  PERF_EVENT_PARANOID("perf_event_paranoid"),
  MEMLOCK("memlock"),
  CONTAINER("container"),
  LIBCAP_NAMES("libcap names"),
  UPROBE_PMU("uprobe pmu"),
  UID_MAP("uid map"),
  CAP_LAST_CAP("cap_last_cap"),
  LOCKDOWN_MODE("lockdown mode");

  private final String label;

  ProbeGap(String label) {
    this.label = label;
  }

  /** The key under which the reason is kept (HostFacts, the report's {@code facts.gaps}). */
  public String label() {
    return label;
  }
}
