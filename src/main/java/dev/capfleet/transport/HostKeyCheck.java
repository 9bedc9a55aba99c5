package dev.capfleet.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.function.BiConsumer;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Strict known_hosts check for one hop's session, trusting unknown keys on first use only when told
 * to. Reports every verdict, so a rejected key becomes a clear outcome instead of MINA's generic
 * "server key did not validate".
 */
final class HostKeyCheck implements ServerKeyVerifier {
  private final KnownHostsFiles knownHosts;
  private final Hop hop;
  private final boolean acceptNew;
  private final BiConsumer<Hop, HostKeyVerdict> report;

  HostKeyCheck(
      KnownHostsFiles knownHosts,
      Hop hop,
      boolean acceptNew,
      BiConsumer<Hop, HostKeyVerdict> report) {
    this.knownHosts = knownHosts;
    this.hop = hop;
    this.acceptNew = acceptNew;
    this.report = report;
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
    HostKeyVerdict verdict = knownHosts.check(hop.address(), hop.port(), key);
    if (verdict.kind() == HostKeyVerdict.Kind.UNKNOWN && acceptNew) {
      try {
        verdict = knownHosts.trustOnFirstUse(hop.address(), hop.port(), key);
      } catch (IOException e) {
        verdict =
            new HostKeyVerdict(
                HostKeyVerdict.Kind.UNKNOWN,
                verdict.offered(),
                "cannot append to known_hosts " + knownHosts.describe() + ": " + e.getMessage());
      }
    }
    report.accept(hop, verdict);
    return verdict.accepted();
  }
}
