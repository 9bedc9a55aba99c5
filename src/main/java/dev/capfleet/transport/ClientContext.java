package dev.capfleet.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link SshExchange} of one {@link SshExecutor} shares.
 *
 * @param client the one MINA client for all hosts and hops
 * @param settings trust and authentication settings
 * @param knownHosts the known_hosts file
 * @param otherKnownHosts the known_hosts files hosts name for themselves (ssh_config), by absolute
 *     path, each read once and shared as the main file is
 * @param identities private keys, loaded once
 * @param timer runs timeouts
 * @param starter resolves names and starts connects, off the caller's thread
 * @param handshakes bounds the connections in their CPU-bound part; their timeouts start on entry
 */
record ClientContext(
    HopClient client,
    SshSettings settings,
    KnownHosts knownHosts,
    Map<Path, KnownHosts> otherKnownHosts,
    IdentityFiles identities,
    ScheduledExecutorService timer,
    Executor starter,
    HandshakeGate handshakes) {

  /**
   * The files a hop's key is checked against: the target's own list if it has one, else the scan's
   * file.
   */
  KnownHostsFiles knownHostsFor(SshTarget target, Hop hop) {
    if (!hop.target() || target.knownHostsFiles().isEmpty()) {
      return KnownHostsFiles.of(knownHosts);
    }
    List<KnownHosts> files = new ArrayList<>();
    for (Path p : target.knownHostsFiles()) {
      Path abs = p.toAbsolutePath();
      files.add(
          abs.equals(knownHosts.file())
              ? knownHosts
              : otherKnownHosts.computeIfAbsent(abs, KnownHosts::new));
    }
    return new KnownHostsFiles(files);
  }

  boolean agent() {
    return client.getAgentFactory() != null;
  }
}
