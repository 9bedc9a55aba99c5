package dev.capfleet.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.io.IoConnector;

/**
 * MINA's client, able to reach a ProxyJump hop as {@code ssh -J} does: the next session runs over a
 * direct-tcpip channel of the previous one. MINA's own ProxyJump opens a TCP listener on 127.0.0.1
 * per jumped session, which any local user could connect to and be tunnelled through the bastion as
 * the audit account; here no socket listens at all.
 */
final class HopClient extends SshClient {
  static HopClient create() {
    return (HopClient) ClientBuilder.builder().factory(HopClient::new).build();
  }

  @Override
  protected IoConnector createConnector() {
    return new ChannelConnector(super.createConnector(), getSessionFactory());
  }

  /**
   * Starts a session to {@code hop} through {@code via}, an authenticated session of the previous
   * hop; the jump host resolves the name, as with {@code ssh -J}.
   */
  ConnectFuture connectThrough(
      ClientSession via, Hop hop, AttributeKey<SshExchange> key, SshExchange exchange)
      throws IOException {
    HostConfigEntry entry =
        new HostConfigEntry(hop.address(), hop.address(), hop.port(), hop.user());
    AttributeRepository context =
        AttributeRepository.ofAttributesMap(Map.of(key, exchange, ChannelConnector.VIA, via));
    return doConnect(
        hop.user(),
        InetSocketAddress.createUnresolved(hop.address(), hop.port()),
        context,
        null,
        preloadClientIdentities(java.util.List.of()),
        entry);
  }
}
