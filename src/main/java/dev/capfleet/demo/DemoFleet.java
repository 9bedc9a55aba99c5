package dev.capfleet.demo;

import dev.capfleet.demo.DemoHost.Behaviour;
import dev.capfleet.demo.FleetSpec.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.IntStream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * A fleet of SSH hosts on loopback, served by ONE embedded MINA SshServer in this JVM ({@link
 * FleetServer}): each host has its own address (127.0.x.y, all on one port where the port is free
 * on every address) and its own ed25519 host key, chosen per connection by the local address the
 * client reached. Hosts answer the capfleet probe with recorded real probe runs ({@code
 * src/main/resources/dev/capfleet/demo}); a few never answer or are not there at all.
 *
 * <p>The work folder receives the client key ({@code id_ed25519}), {@code known_hosts} with every
 * host key, and the Ansible inventory {@code demo.ini}. Public-key authentication only, for user
 * {@value #USER} with that key. Threads: the server's NIO workers (one per core), its timer, and
 * one scheduler for answers; none per host.
 */
public final class DemoFleet implements AutoCloseable {
  /** The login the inventory names and the only one the fleet accepts. */
  public static final String USER = "audit";

  /** Loopback addresses 127.0.x.1-254 for x from 1: room for 64,516 hosts. */
  static final int MAX_HOSTS = 254 * 254;

  private static final String LOOPBACK = "127.0";

  private final FleetServer server;
  private final ScheduledThreadPoolExecutor scheduler;
  private final List<DemoHost> hosts;
  private final Path clientKey;
  private final Path knownHosts;
  private final Path inventory;
  private final Duration startup;

  private DemoFleet(
      FleetServer server,
      ScheduledThreadPoolExecutor scheduler,
      List<DemoHost> hosts,
      Path clientKey,
      Path knownHosts,
      Path inventory,
      Duration startup) {
    this.server = server;
    this.scheduler = scheduler;
    this.hosts = List.copyOf(hosts);
    this.clientKey = clientKey;
    this.knownHosts = knownHosts;
    this.inventory = inventory;
    this.startup = startup;
  }

  /**
   * The bundled demo fleet (fleet.json): every verdict, an unreachable host and a host that never
   * answers.
   */
  public static DemoFleet start(Path workDir) throws IOException {
    return start(workDir, FleetSpec.bundled(), Duration.ZERO, LOOPBACK);
  }

  /**
   * {@code hostCount} answering hosts cycling through the bundled recorded answers, for load tests.
   */
  public static DemoFleet start(Path workDir, int hostCount) throws IOException {
    return start(workDir, hostCount, Duration.ZERO);
  }

  /**
   * {@code hostCount} answering hosts; every server write, and the answer once more, is delayed by
   * {@code addedLatency} (zero for none) to stand in for a network.
   */
  public static DemoFleet start(Path workDir, int hostCount, Duration addedLatency)
      throws IOException {
    return start(workDir, hostCount, addedLatency, LOOPBACK);
  }

  /**
   * As {@link #start(Path, int, Duration)}, with the hosts on {@code network}.x.y (x from 1, y
   * 1-254) instead of 127.0.x.y: the latency bench serves the fleet inside a network namespace
   * where that /16 is routed to lo.
   */
  public static DemoFleet start(Path workDir, int hostCount, Duration addedLatency, String network)
      throws IOException {
    if (!network.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)")) {
      throw new IllegalArgumentException(
          "network must be the first two octets of an IPv4 address: " + network);
    }
    if (hostCount < 1 || hostCount > MAX_HOSTS) {
      throw new IllegalArgumentException("host count must be 1-" + MAX_HOSTS + ": " + hostCount);
    }
    List<Template> answering = FleetSpec.answering();
    List<Template> cycle = new ArrayList<>(hostCount);
    int width = Math.max(4, String.valueOf(hostCount).length());
    for (int i = 0; i < hostCount; i++) {
      Template t = answering.get(i % answering.size());
      cycle.add(
          new Template(
              String.format("%s-%0" + width + "d", t.name(), i + 1),
              t.groups(),
              t.mode(),
              t.binary(),
              t.behaviour(),
              t.fixture(),
              t.answer(),
              t.expect(),
              t.why()));
    }
    return start(workDir, cycle, addedLatency, network);
  }

  private static DemoFleet start(
      Path workDir, List<Template> templates, Duration latency, String network) throws IOException {
    Objects.requireNonNull(workDir, "workDir");
    if (latency == null || latency.isNegative()) {
      throw new IllegalArgumentException("added latency must be zero or positive: " + latency);
    }
    long t0 = System.nanoTime();
    Files.createDirectories(workDir);
    KeyPair client = newKey();
    // Host keys: ed25519 generation costs ~0.2 ms each; spread over the cores for large fleets.
    KeyPair[] keys = new KeyPair[templates.size()];
    IntStream.range(0, keys.length)
        .parallel()
        .forEach(
            i -> {
              if (templates.get(i).behaviour() != Behaviour.UNREACHABLE) {
                keys[i] = newKey();
              }
            });

    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "capfleet-demo-timer");
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    FleetServer server = new FleetServer(USER, client, scheduler, latency);
    try {
      List<ServedHost> served = serveAll(server, templates, keys, network);
      List<DemoHost> hosts = served.stream().map(ServedHost::host).toList();
      Path key = FleetFiles.writeClientKey(workDir, client);
      Path known = FleetFiles.writeKnownHosts(workDir, served);
      Path ini = FleetFiles.writeInventory(workDir, hosts, USER, key);
      return new DemoFleet(
          server, scheduler, hosts, key, known, ini, Duration.ofNanos(System.nanoTime() - t0));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      server.stop();
      scheduler.shutdownNow();
      throw e instanceof IOException io
          ? io
          : new IOException("cannot start the demo fleet: " + e, e);
    }
  }

  /**
   * Serves every answering or hanging host on its own address, all on the first host's port where
   * that port is free; unreachable hosts get an address and a port where nothing listens.
   */
  private static List<ServedHost> serveAll(
      FleetServer server, List<Template> templates, KeyPair[] keys, String network)
      throws IOException {
    List<ServedHost> served = new ArrayList<>(templates.size());
    int port = 0;
    for (int i = 0; i < templates.size(); i++) {
      Template t = templates.get(i);
      String address = address(network, i);
      if (t.behaviour() == Behaviour.UNREACHABLE) {
        served.add(null);
        continue;
      }
      KeyPair key = keys[i];
      int bound = server.serve(address, port, p -> served(t, address, p, key));
      port = port == 0 ? bound : port;
      served.add(server.host(new InetSocketAddress(InetAddress.getByName(address), bound)));
    }
    for (int i = 0; i < templates.size(); i++) {
      if (served.get(i) == null) {
        String address = address(network, i);
        served.set(i, served(templates.get(i), address, refusedPort(address, port), null));
      }
    }
    return served;
  }

  /** A port on {@code address} where a connection is refused right now (checked, not assumed). */
  private static int refusedPort(String address, int preferred) throws IOException {
    int candidate = preferred > 0 ? preferred : 22;
    for (int attempt = 0; attempt < 5; attempt++) {
      if (refuses(address, candidate)) {
        return candidate;
      }
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address))) {
        candidate = probe.getLocalPort(); // free at this moment; closed again before use
      }
    }
    throw new IOException("found no refused port on " + address + " for an unreachable demo host");
  }

  private static boolean refuses(String address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 1000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static ServedHost served(Template t, String address, int port, KeyPair key) {
    DemoHost host =
        new DemoHost(
            t.name(),
            t.groups(),
            address,
            port,
            t.mode(),
            t.binary(),
            t.behaviour(),
            t.fixture(),
            t.expect(),
            t.why());
    String text = t.answer() == null ? null : new String(t.answer(), StandardCharsets.UTF_8);
    return new ServedHost(host, key, text);
  }

  /** 127.0.x.y for host {@code i}: x from 1, y 1-254, never .0 or .255. */
  static String address(int i) {
    return address(LOOPBACK, i);
  }

  static String address(String network, int i) {
    return network + "." + (1 + i / 254) + "." + (1 + i % 254);
  }

  private static KeyPair newKey() {
    try {
      return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an ed25519 key", e);
    }
  }

  /** Every host, in inventory order, with the address and port it was given. */
  public List<DemoHost> hosts() {
    return hosts;
  }

  public Optional<DemoHost> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /** The Ansible INI inventory ({@code demo.ini}) listing every host. */
  public Path inventory() {
    return inventory;
  }

  /** known_hosts with every served host's key, for strict host key checking. */
  public Path knownHosts() {
    return knownHosts;
  }

  /** The client's private key (OpenSSH format, unencrypted); the inventory names it too. */
  public Path clientKey() {
    return clientKey;
  }

  public String user() {
    return USER;
  }

  /** Wall time {@code start} took: keys, binds and files. */
  public Duration startupTime() {
    return startup;
  }

  /** Stops the server, closing every connection, and the answer scheduler. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the demo fleet's SSH server", e);
    } finally {
      scheduler.shutdownNow();
    }
  }
}
