package dev.capfleet.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * @param knownHostsFiles the known_hosts files this host's key is checked against, in order (ssh_config's
 *     {@code UserKnownHostsFile}); empty for {@link SshSettings#knownHostsFile()}
 * @param connectTimeout this host's connect timeout (ssh_config's {@code ConnectTimeout}), or null for the
 *     scan's {@link ExecLimits#connectTimeout()}
 */
public record SshTarget(
    String name, String address, int port, String user, Path privateKey, List<Jump> jumps,
    List<Path> knownHostsFiles, Duration connectTimeout) {

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
  public SshTarget(String name, String address, int port, String user, Path privateKey, List<Jump> jumps) {
    this(name, address, port, user, privateKey, jumps, List.of(), null);
  }

  /** A direct connection with the default user and identities. */
  public static SshTarget of(String name, String address, int port) {
    return new SshTarget(name, address, port, null, null, List.of());
  }

  public SshTarget withUser(String newUser) {
    return new SshTarget(name, address, port, newUser, privateKey, jumps, knownHostsFiles, connectTimeout);
  }

  public SshTarget withPrivateKey(Path key) {
    return new SshTarget(name, address, port, user, key, jumps, knownHostsFiles, connectTimeout);
  }

  public SshTarget withJumps(List<Jump> newJumps) {
    return new SshTarget(name, address, port, user, privateKey, newJumps, knownHostsFiles, connectTimeout);
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

    /**
     * Parses an OpenSSH {@code ProxyJump} value: {@code [user@]host[:port][,...]}, IPv6 hosts in
     * brackets. {@code none} or blank gives no hops.
     */
    public static List<Jump> parseList(String spec) {
      List<Jump> hops = new ArrayList<>();
      if (spec == null || spec.isBlank() || spec.trim().equals("none")) {
        return hops;
      }
      for (String part : spec.split(",")) {
        hops.add(parse(part.trim()));
      }
      return hops;
    }

    static Jump parse(String hop) {
      String rest = hop.startsWith("ssh://") ? hop.substring(6) : hop;
      String user = null;
      int at = rest.lastIndexOf('@');
      if (at >= 0) {
        user = rest.substring(0, at);
        rest = rest.substring(at + 1);
      }
      String host = rest;
      int port = DEFAULT_PORT;
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '[' in ProxyJump hop: " + hop);
        }
        host = rest.substring(1, close);
        if (rest.length() > close + 1) {
          port = parsePort(rest.substring(close + 1), hop);
        }
      } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
        host = rest.substring(0, rest.indexOf(':'));
        port = parsePort(rest.substring(rest.indexOf(':')), hop);
      }
      return new Jump(user == null || user.isEmpty() ? null : user, host, port);
    }

    private static int parsePort(String colonPort, String hop) {
      if (!colonPort.startsWith(":")) {
        throw new IllegalArgumentException("bad ProxyJump hop: " + hop);
      }
      try {
        return Integer.parseInt(colonPort.substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad port in ProxyJump hop: " + hop);
      }
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
