package dev.capfleet.core;

import java.util.List;

/**
 * The kernel filesystems a host's report shows and the evidence cites: debugfs and tracefs (probe
 * events), bpf (pinning) and securityfs (where {@code /sys/kernel/security/lockdown} lives: without
 * it an absent lockdown file means "unknown", not "none").
 */
public final class SpecialFilesystems {
  /** In the order prose names them. */
  public static final List<String> TYPES = List.of("debugfs", "tracefs", "bpf", "securityfs");

  private SpecialFilesystems() {}

  public static boolean contains(String fsType) {
    return TYPES.contains(fsType);
  }

  /** {@code debugfs, tracefs, bpf or securityfs}: for a sentence that says none is mounted. */
  public static String names() {
    return String.join(", ", TYPES.subList(0, TYPES.size() - 1))
        + " or "
        + TYPES.get(TYPES.size() - 1);
  }
}
