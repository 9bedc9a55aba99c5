package dev.capfleet.inventory;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scanner needs to reach one host, read from its inventory variables the way Ansible's ssh
 * connection does (for each setting the {@code ansible_ssh_*} spelling wins over the short one, as the
 * later name in Ansible's list does). Values are raw: no Jinja templating, no validation of ecapture settings.
 */
public record HostTarget(String name, String address, int port, String user, String privateKey, boolean local,
    List<JumpHost> jumpHosts, String ecapturePath, String ecaptureMode) {
  public static final int DEFAULT_SSH_PORT = 22;

  public HostTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    jumpHosts = List.copyOf(jumpHosts);
  }

  /** Reads a host's target; a port outside 1-65535 or an unreadable ProxyJump is an error naming the host. */
  public static HostTarget of(Host host) {
    String address = setting(host, "ansible_host", "ansible_ssh_host").orElse(host.name());
    int port = port(host);
    String user = setting(host, "ansible_user", "ansible_ssh_user").orElse(null);
    String key = setting(host, "ansible_private_key_file", "ansible_ssh_private_key_file")
        .map(HostTarget::expandHome).orElse(null);
    boolean local = host.var("ansible_connection").map("local"::equals).orElse(false);
    List<JumpHost> jumps = jumpHosts(host);
    return new HostTarget(host.name(), address, port, user, key, local, jumps,
        host.var("ecapture_path").orElse(null), host.var("ecapture_mode").orElse(null));
  }

  /** The later name wins when both are set, as in Ansible's connection settings. */
  private static Optional<String> setting(Host host, String name, String sshName) {
    Optional<String> ssh = host.var(sshName);
    return ssh.isPresent() ? ssh : host.var(name);
  }

  private static int port(Host host) {
    String var = host.value("ansible_ssh_port").isPresent() ? "ansible_ssh_port" : "ansible_port";
    Optional<Object> value = host.value(var);
    if (value.isEmpty()) {
      return DEFAULT_SSH_PORT;
    }
    Object v = value.get();
    BigInteger port = v instanceof Long l ? BigInteger.valueOf(l)
        : v instanceof String s ? HostRange.pythonInt(s)
        : null;
    if (port == null || port.signum() <= 0 || port.compareTo(BigInteger.valueOf(65535)) > 0) {
      throw new InventoryException("host " + host.name() + ": " + var + " is '" + Values.text(v)
          + "', not a port number (1-65535)");
    }
    return port.intValue();
  }

  private static List<JumpHost> jumpHosts(Host host) {
    Optional<String> args = host.var("ansible_ssh_common_args");
    if (args.isEmpty()) {
      return List.of();
    }
    try {
      return SshArgs.proxyJump(args.get());
    } catch (IllegalArgumentException e) {
      throw new InventoryException("host " + host.name() + ": ansible_ssh_common_args: " + e.getMessage());
    }
  }

  private static String expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return System.getProperty("user.home") + path.substring(1);
    }
    return path;
  }
}
