/**
 * The probe stage: the one read-only POSIX shell script sent to every host ({@link
 * dev.capfleet.probe.ProbeScript}, {@code probe.sh}), the framing of its answer into sections that
 * carry a random nonce ({@link dev.capfleet.probe.ProbeOutput}), and one parser per tool output
 * (getcap, capsh, /proc/self/status, mounts, findmnt, stat, kernel strings), gathered into {@link
 * dev.capfleet.probe.HostFacts} by {@link dev.capfleet.probe.FactsCollector}. A section that is
 * missing, cut or unreadable is recorded as a gap, never guessed.
 *
 * <p>Imports: core (capabilities, kernel versions, host text, the binary-path rule); no other
 * stage; every byte it parses is host data.
 */
package dev.capfleet.probe;
