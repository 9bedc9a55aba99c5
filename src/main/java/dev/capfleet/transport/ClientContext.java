package dev.capfleet.transport;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link SshExchange} of one {@link SshExecutor} shares.
 *
 * @param client the one MINA client for all hosts and hops
 * @param settings trust and authentication settings
 * @param knownHosts the known_hosts file
 * @param identities private keys, loaded once
 * @param timer runs timeouts
 * @param starter resolves names and starts connects, off the caller's thread
 * @param handshakes bounds the connections in their CPU-bound part; their timeouts start on entry
 */
record ClientContext(
    HopClient client,
    SshSettings settings,
    KnownHosts knownHosts,
    IdentityFiles identities,
    ScheduledExecutorService timer,
    Executor starter,
    HandshakeGate handshakes) {

  boolean agent() {
    return client.getAgentFactory() != null;
  }
}
