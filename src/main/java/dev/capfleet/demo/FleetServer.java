package dev.capfleet.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/**
 * The one MINA server behind every demo host: one acceptor bound to many loopback endpoints, the
 * host key and the answers picked per connection by the local endpoint the client reached.
 * Public-key authentication of one user with one key; exec of the probe command only; no shell,
 * subsystem or forwarding.
 */
final class FleetServer {
  private final Server server;
  private final Map<SocketAddress, ServedHost> byEndpoint = new ConcurrentHashMap<>();

  FleetServer(String user, KeyPair client, ScheduledExecutorService scheduler, Duration latency) {
    server = (Server) ServerBuilder.builder().factory(() -> new Server(scheduler, latency)).build();
    CoreModuleProperties.NIO_WORKERS.set(
        server, Math.max(2, Runtime.getRuntime().availableProcessors()));
    CoreModuleProperties.SOCKET_BACKLOG.set(server, 256);
    // curve25519-sha256 only: every OpenSSH and MINA client has it, and it is cheap. MINA's default
    // list puts the
    // post-quantum hybrids first (mlkem768x25519, sntrup761x25519), computed in pure Java: several
    // times the
    // CPU per connection, which would make a benchmark measure the demo server instead of the
    // scanner.
    server.setKeyExchangeFactories(
        NamedFactory.setUpTransformedFactories(
            false, List.of(BuiltinDHFactories.curve25519), ServerBuilder.DH2KEX));
    server.setKeyPairProvider(
        new KeyPairProvider() {
          @Override
          public Iterable<KeyPair> loadKeys(SessionContext session) {
            ServedHost h = hostOf(session);
            return h == null || h.hostKey() == null ? List.of() : List.of(h.hostKey());
          }
        });
    server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setGSSAuthenticator(null);
    server.setHostBasedAuthenticator(null);
    server.setPublickeyAuthenticator(
        (name, offered, session) ->
            user.equals(name) && KeyUtils.compareKeys(client.getPublic(), offered));
    server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
    server.setShellFactory(null);
    server.setSubsystemFactories(List.of());
    server.setCommandFactory(
        (channel, command) -> {
          ServedHost h = hostOf(channel.getSession());
          if (h == null) {
            throw new IOException("no demo host on " + channel.getSession().getLocalAddress());
          }
          return new ProbeCommand(h, command, scheduler, latency);
        });
  }

  /**
   * Serves {@code host} on {@code address}, on {@code port} when that is free there (0: any), else
   * on any free port of that address; returns the port.
   */
  int serve(String address, int port, ServedHostFactory host) throws IOException {
    InetAddress ip = InetAddress.getByName(address);
    int bound;
    if (!server.isStarted()) {
      server.setHost(address);
      server.setPort(port);
      server.start();
      bound = ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
    } else {
      bound = bind(server.acceptor(), ip, port);
    }
    byEndpoint.put(new InetSocketAddress(ip, bound), host.at(bound));
    return bound;
  }

  private static int bind(IoAcceptor acceptor, InetAddress ip, int port) throws IOException {
    try {
      acceptor.bind(new InetSocketAddress(ip, port));
      return port;
    } catch (IOException e) {
      acceptor.bind(new InetSocketAddress(ip, 0));
      return acceptor.getBoundAddresses().stream()
          .map(a -> (InetSocketAddress) a)
          .filter(a -> a.getAddress().equals(ip))
          .mapToInt(InetSocketAddress::getPort)
          .findFirst()
          .orElseThrow(
              () -> new IOException("bound " + ip.getHostAddress() + " but cannot find its port"));
    }
  }

  ServedHost host(InetSocketAddress endpoint) {
    return byEndpoint.get(endpoint);
  }

  void stop() throws IOException {
    server.stop(true);
  }

  private ServedHost hostOf(SessionContext context) {
    if (!(context instanceof Session session) || session.getIoSession() == null) {
      return null;
    }
    return byEndpoint.get(session.getIoSession().getLocalAddress());
  }

  /** Makes a host's description once its port is known. */
  @FunctionalInterface
  interface ServedHostFactory {
    ServedHost at(int port);
  }

  /**
   * MINA's server with its acceptor reachable (to bind many endpoints) and latency added when
   * asked.
   */
  private static final class Server extends SshServer {
    private final ScheduledExecutorService scheduler;
    private final Duration latency;

    Server(ScheduledExecutorService scheduler, Duration latency) {
      this.scheduler = scheduler;
      this.latency = latency;
    }

    IoAcceptor acceptor() {
      return acceptor;
    }

    @Override
    protected IoAcceptor createAcceptor() {
      return latency.isZero()
          ? super.createAcceptor()
          : getIoServiceFactory()
              .createAcceptor(new DelayedWrites(getSessionFactory(), scheduler, latency));
    }
  }
}
