package dev.capfleet.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One host to reach over SSH, as the inventory describes it.
 *
 * @param name inventory name, used in messages only
 * @param address host name or IP literal to connect to; known_hosts is matched on exactly this text
 * @param port TCP port, 1-65535
 * @param user login user, or null for {@link SshSettings#defaultUser()}
 * @param privateKey identity file for this host, or null for {@link SshSettings#identityFiles()}
 * @param jumps ProxyJump hosts, first hop first; empty for a direct connection
 * @param knownHostsFiles the known_hosts files this host's key is checked against, in order
 *     (ssh_config's {@code UserKnownHostsFile}); empty for {@link SshSettings#knownHostsFile()}
 * @param connectTimeout this host's connect timeout (ssh_config's {@code ConnectTimeout}), or null
 *     for the scan's {@link ExecLimits#connectTimeout()}
 */
public record SshTarget(
    String name,
    String address,
    int port,
    String user,
    Path privateKey,
    List<Jump> jumps,
    List<Path> knownHostsFiles,
    Duration connectTimeout) {

  public static final int DEFAULT_PORT = 22;

  public SshTarget {
    requireText(name, "name");
    requireText(address, "address");
    requirePort(port);
    jumps = jumps == null ? List.of() : List.copyOf(jumps);
    knownHostsFiles = knownHostsFiles == null ? List.of() : List.copyOf(knownHostsFiles);
    if (connectTimeout != null && (connectTimeout.isNegative() || connectTimeout.isZero())) {
      throw new IllegalArgumentException("connect timeout must be positive: " + connectTimeout);
    }
  }

  /** A target with the scan's known_hosts file and connect timeout. */
  public SshTarget(
      String name, String address, int port, String user, Path privateKey, List<Jump> jumps) {
    this(name, address, port, user, privateKey, jumps, List.of(), null);
  }

  /** A direct connection with the default user and identities. */
  public static SshTarget of(String name, String address, int port) {
    return new SshTarget(name, address, port, null, null, List.of());
  }

  public SshTarget withUser(String newUser) {
    return new SshTarget(
        name, address, port, newUser, privateKey, jumps, knownHostsFiles, connectTimeout);
  }

  public SshTarget withPrivateKey(Path key) {
    return new SshTarget(name, address, port, user, key, jumps, knownHostsFiles, connectTimeout);
  }

  public SshTarget withJumps(List<Jump> newJumps) {
    return new SshTarget(
        name, address, port, user, privateKey, newJumps, knownHostsFiles, connectTimeout);
  }

  /** The same target checked against {@code files} (in order) instead of the scan's known_hosts. */
  public SshTarget withKnownHostsFiles(List<Path> files) {
    return new SshTarget(name, address, port, user, privateKey, jumps, files, connectTimeout);
  }

  public SshTarget withConnectTimeout(Duration timeout) {
    return new SshTarget(name, address, port, user, privateKey, jumps, knownHostsFiles, timeout);
  }

  /** {@code address:port}, with IPv6 literals in brackets. */
  public String endpoint() {
    return Jump.endpoint(address, port);
  }

  /**
   * One ProxyJump hop.
   *
   * @param user login user on the jump host, or null for the target's user
   * @param address host name or IP literal, as known_hosts names it
   * @param port TCP port
   */
  public record Jump(String user, String address, int port) {
    public Jump {
      requireText(address, "jump address");
      requirePort(port);
    }

    public String endpoint() {
      return endpoint(address, port);
    }

    static String endpoint(String address, int port) {
      return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
  }

  private static void requireText(String value, String what) {
    if (Objects.requireNonNull(value, what).isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
  }

  private static void requirePort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }
}
