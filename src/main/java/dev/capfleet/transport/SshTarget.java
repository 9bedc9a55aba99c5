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
 * @param identityFiles more identity files, tried in order after {@code privateKey} (ssh_config's
 *     {@code IdentityFile} lines, which OpenSSH adds to the command line's); when both are empty
 *     {@link SshSettings#identityFiles()} are used, as ssh uses its defaults only without any
 * @param identitiesOnly ssh_config's {@code IdentitiesOnly}, or null when it says nothing (see
 *     {@link KeysBeforeAgent} for what each means for the ssh-agent's keys)
 */
public record SshTarget(
    String name,
    String address,
    int port,
    String user,
    Path privateKey,
    List<Jump> jumps,
    List<Path> knownHostsFiles,
    Duration connectTimeout,
    List<Path> identityFiles,
    Boolean identitiesOnly) {

  public static final int DEFAULT_PORT = 22;

  public SshTarget {
    requireText(name, "name");
    requireText(address, "address");
    requirePort(port);
    jumps = jumps == null ? List.of() : List.copyOf(jumps);
    knownHostsFiles = knownHostsFiles == null ? List.of() : List.copyOf(knownHostsFiles);
    identityFiles = identityFiles == null ? List.of() : List.copyOf(identityFiles);
    if (connectTimeout != null && (connectTimeout.isNegative() || connectTimeout.isZero())) {
      throw new IllegalArgumentException("connect timeout must be positive: " + connectTimeout);
    }
  }

  /** A target with the scan's known_hosts file and connect timeout. */
  public SshTarget(
      String name, String address, int port, String user, Path privateKey, List<Jump> jumps) {
    this(name, address, port, user, privateKey, jumps, List.of(), null);
  }

  /** A target with no identity files beyond {@code privateKey} and no IdentitiesOnly. */
  public SshTarget(
      String name,
      String address,
      int port,
      String user,
      Path privateKey,
      List<Jump> jumps,
      List<Path> knownHostsFiles,
      Duration connectTimeout) {
    this(
        name,
        address,
        port,
        user,
        privateKey,
        jumps,
        knownHostsFiles,
        connectTimeout,
        List.of(),
        null);
  }

  /** A direct connection with the default user and identities. */
  public static SshTarget of(String name, String address, int port) {
    return new SshTarget(name, address, port, null, null, List.of());
  }

  public SshTarget withUser(String newUser) {
    return new SshTarget(
        name,
        address,
        port,
        newUser,
        privateKey,
        jumps,
        knownHostsFiles,
        connectTimeout,
        identityFiles,
        identitiesOnly);
  }

  public SshTarget withPrivateKey(Path key) {
    return new SshTarget(
        name,
        address,
        port,
        user,
        key,
        jumps,
        knownHostsFiles,
        connectTimeout,
        identityFiles,
        identitiesOnly);
  }

  public SshTarget withJumps(List<Jump> newJumps) {
    return new SshTarget(
        name,
        address,
        port,
        user,
        privateKey,
        newJumps,
        knownHostsFiles,
        connectTimeout,
        identityFiles,
        identitiesOnly);
  }

  /** The same target checked against {@code files} (in order) instead of the scan's known_hosts. */
  public SshTarget withKnownHostsFiles(List<Path> files) {
    return new SshTarget(
        name,
        address,
        port,
        user,
        privateKey,
        jumps,
        files,
        connectTimeout,
        identityFiles,
        identitiesOnly);
  }

  public SshTarget withConnectTimeout(Duration timeout) {
    return new SshTarget(
        name,
        address,
        port,
        user,
        privateKey,
        jumps,
        knownHostsFiles,
        timeout,
        identityFiles,
        identitiesOnly);
  }

  /** The same target with ssh_config's IdentityFile list and IdentitiesOnly. */
  public SshTarget withIdentities(List<Path> files, Boolean only) {
    return new SshTarget(
        name, address, port, user, privateKey, jumps, knownHostsFiles, connectTimeout, files, only);
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
   * @param identityFiles the jump host's own identity files (its ssh_config block's {@code
   *     IdentityFile}), tried in order; empty for the target's keys
   * @param identitiesOnly the jump host's {@code IdentitiesOnly}, or null
   */
  public record Jump(
      String user, String address, int port, List<Path> identityFiles, Boolean identitiesOnly) {
    public Jump {
      requireText(address, "jump address");
      requirePort(port);
      identityFiles = identityFiles == null ? List.of() : List.copyOf(identityFiles);
    }

    /** A jump host authenticated with the target's keys. */
    public Jump(String user, String address, int port) {
      this(user, address, port, List.of(), null);
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
