/**
 * The scan stage: plans one job per inventory host ({@link dev.capfleet.scan.JobPlanner}: host
 * variables win over flags, as in Ansible; unusable settings make that host INCONCLUSIVE), runs
 * them with a bounded number of forks ({@link dev.capfleet.scan.FleetScanner}), and turns each
 * host's outcome into exactly one report entry ({@link dev.capfleet.scan.HostAuditor}), whatever
 * the host did: unreachable, hung, flooded or answered garbage.
 *
 * <p>Imports: core, inventory, transport, probe, model, assess and report records; nothing of cli.
 */
package dev.capfleet.scan;
