package dev.capfleet.inventory;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scanner needs to reach one host, read from its inventory variables the way Ansible's ssh
 * connection does (for each setting the {@code ansible_ssh_*} spelling wins over the short one, as
 * the later name in Ansible's list does). Values are raw: no Jinja templating, no validation of
 * ecapture settings.
 */
public record HostTarget(
    String name,
    String address,
    int port,
    String user,
    String privateKey,
    boolean local,
    List<JumpHost> jumpHosts,
    String ecapturePath,
    String ecaptureMode,
    boolean portGiven,
    String proxyCommand,
    String routeSource) {
  public static final int DEFAULT_SSH_PORT = 22;

  /** Ansible's ssh arguments in the order its ssh connection puts them on the command line. */
  public static final List<String> SSH_ARG_SETTINGS =
      List.of("ssh_args", "ssh_common_args", "ssh_extra_args");

  public HostTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    jumpHosts = List.copyOf(jumpHosts);
  }

  /** A target whose port is set and whose route, if any, is ProxyJump hosts. */
  public HostTarget(
      String name,
      String address,
      int port,
      String user,
      String privateKey,
      boolean local,
      List<JumpHost> jumpHosts,
      String ecapturePath,
      String ecaptureMode) {
    this(
        name,
        address,
        port,
        user,
        privateKey,
        local,
        jumpHosts,
        ecapturePath,
        ecaptureMode,
        true,
        null,
        jumpHosts.isEmpty() ? null : "ansible_ssh_common_args");
  }

  /**
   * Reads a host's target; a port outside 1-65535 or an unreadable ProxyJump is an error naming the
   * host.
   */
  public static HostTarget of(Host host) {
    return of(host, Map.of());
  }

  /**
   * As {@link #of(Host)}, with ansible.cfg's {@code ssh_args}, {@code ssh_common_args} and {@code
   * ssh_extra_args} for hosts that do not set {@code ansible_ssh_args}, {@code
   * ansible_ssh_common_args} or {@code ansible_ssh_extra_args}. The first ProxyJump or ProxyCommand
   * on that command line wins, as in ssh.
   */
  public static HostTarget of(Host host, Map<String, String> configArgs) {
    refuseVaulted(host);
    String address = setting(host, "ansible_host", "ansible_ssh_host").orElse(host.name());
    int port = port(host);
    boolean portGiven =
        host.value("ansible_ssh_port").isPresent() || host.value("ansible_port").isPresent();
    String user = setting(host, "ansible_user", "ansible_ssh_user").orElse(null);
    String key =
        setting(host, "ansible_private_key_file", "ansible_ssh_private_key_file")
            .map(HostTarget::expandHome)
            .orElse(null);
    boolean local = host.var("ansible_connection").map("local"::equals).orElse(false);
    for (String setting : SSH_ARG_SETTINGS) {
      String var = "ansible_" + setting;
      Optional<String> own = host.var(var);
      String args = own.orElse(configArgs.get(setting));
      String source = own.isPresent() ? var : "ansible.cfg " + setting;
      if (args == null) {
        continue;
      }
      SshArgs.Proxy proxy;
      try {
        proxy = SshArgs.proxy(args);
      } catch (IllegalArgumentException e) {
        throw new InventoryException("host " + host.name() + ": " + source + ": " + e.getMessage());
      }
      if (proxy != null) {
        return new HostTarget(
            host.name(),
            address,
            port,
            user,
            key,
            local,
            proxy.jumps(),
            host.var("ecapture_path").orElse(null),
            host.var("ecapture_mode").orElse(null),
            portGiven,
            proxy.command(),
            source);
      }
    }
    return new HostTarget(
        host.name(),
        address,
        port,
        user,
        key,
        local,
        List.of(),
        host.var("ecapture_path").orElse(null),
        host.var("ecapture_mode").orElse(null),
        portGiven,
        null,
        null);
  }

  /**
   * Connection variables capfleet reads; a vaulted one cannot be used, as capfleet never decrypts
   * vaults.
   */
  private static final List<String> CONNECTION_VARS =
      List.of(
          "ansible_host",
          "ansible_ssh_host",
          "ansible_port",
          "ansible_ssh_port",
          "ansible_user",
          "ansible_ssh_user",
          "ansible_private_key_file",
          "ansible_ssh_private_key_file",
          "ansible_ssh_args",
          "ansible_ssh_common_args",
          "ansible_ssh_extra_args",
          "ansible_connection");

  private static void refuseVaulted(Host host) {
    for (String var : CONNECTION_VARS) {
      boolean vaulted =
          host.value(var).map(v -> v instanceof TaggedText t && t.isVault()).orElse(false)
              || host.var(var).map(v -> v.strip().startsWith("$ANSIBLE_VAULT;")).orElse(false);
      if (vaulted) {
        throw new InventoryException(
            "host "
                + host.name()
                + ": "
                + var
                + " is vault-encrypted (!vault); capfleet "
                + "never decrypts vaults, so set it in plain text (or with -u, --private-key, ssh_config)");
      }
    }
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
    if (v instanceof TaggedText t && !t.isVault()) {
      v = t.text(); // !unsafe 22 is the text 22, which Ansible's int() reads as a port
    }
    BigInteger port =
        v instanceof Long l
            ? BigInteger.valueOf(l)
            : v instanceof String s ? HostRange.pythonInt(s) : null;
    if (port == null || port.signum() <= 0 || port.compareTo(BigInteger.valueOf(65535)) > 0) {
      throw new InventoryException(
          "host "
              + host.name()
              + ": "
              + var
              + " is '"
              + Values.text(v)
              + "', not a port number (1-65535)");
    }
    return port.intValue();
  }

  private static String expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return System.getProperty("user.home") + path.substring(1);
    }
    return path;
  }
}
