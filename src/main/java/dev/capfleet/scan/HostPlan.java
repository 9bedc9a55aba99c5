package dev.capfleet.scan;

import java.time.Instant;
import java.util.List;

/**
 * One host as the scan will audit it: where it is, and what to check there.
 *
 * @param binary the eCapture path to check (from --binary, ecapture_path or the model's default)
 * @param mode the canonical mode, or null when {@code problem} says the host's mode is invalid
 * @param windowUntil end of an approved capture window ({@code ecapture_window_until}), or null
 * @param groups the host's inventory groups as Ansible's {@code group_names} has them (sorted,
 *     without {@code all}); empty for a host outside an inventory
 * @param problem why this host cannot be probed as configured (bad path, mode or module), or null
 * @param module the canonical eCapture module ({@code ecapture_module}, {@code --module}), null for
 *     the model's
 */
public record HostPlan(
    String name,
    String address,
    Integer port,
    String user,
    List<String> groups,
    String binary,
    String mode,
    String purpose,
    Instant windowUntil,
    String problem,
    String module) {
  public HostPlan {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
