package dev.capfleet.scan;

import dev.capfleet.transport.SshTarget;

/**
 * One host to scan: the plan to assess it by and how to reach it.
 *
 * @param target the SSH endpoint; ignored when {@code local}
 * @param local true for {@code ansible_connection=local}: the probe runs on this machine, no SSH
 * @param unreachable why the host cannot be reached as configured (a ProxyCommand), so that no
 *     connection is attempted and the host is UNREACHABLE with this reason; null otherwise
 */
public record HostJob(HostPlan plan, SshTarget target, boolean local, String unreachable) {
  public HostJob(HostPlan plan, SshTarget target, boolean local) {
    this(plan, target, local, null);
  }
}
