package dev.capfleet.scan;

import dev.capfleet.transport.SshTarget;

/**
 * One host to scan: the plan to assess it by and how to reach it.
 *
 * @param target the SSH endpoint; ignored when {@code local}
 * @param local true for {@code ansible_connection=local}: the probe runs on this machine, no SSH
 */
public record HostJob(HostPlan plan, SshTarget target, boolean local) {}
