package dev.capfleet.scan;

import dev.capfleet.inventory.HostTarget;
import dev.capfleet.inventory.JumpHost;
import dev.capfleet.transport.HostSettings;
import dev.capfleet.transport.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one host really is once ssh_config has been applied, with Ansible's order: the host's
 * variables, then capfleet's flags and ansible.cfg, then ssh_config, then ssh's defaults (port 22,
 * the local user).
 *
 * @param user the login user, or null for the scan's default
 * @param key the identity file given (inventory, --private-key), or null
 * @param proxyCommandReason why the host is not contacted (it is configured with a ProxyCommand),
 *     or null
 * @param knownHostsFiles ssh_config's {@code UserKnownHostsFile} list, or empty for the scan's
 *     known_hosts
 * @param connectTimeout ssh_config's {@code ConnectTimeout}, or null for the scan's
 * @param identityFiles ssh_config's readable {@code IdentityFile}s, tried in order after {@code
 *     key} (ssh skips the missing ones without a word)
 * @param identitiesOnly ssh_config's {@code IdentitiesOnly}, or null
 */
record ResolvedRoute(
    String address,
    int port,
    String user,
    Path key,
    List<SshTarget.Jump> jumps,
    String proxyCommandReason,
    List<String> problems,
    List<Path> knownHostsFiles,
    Duration connectTimeout,
    List<Path> identityFiles,
    Boolean identitiesOnly) {

  static ResolvedRoute of(HostTarget t, String user, Path key, ConnectionConfig c) {
    HostSettings s = c.sshConfig().resolve(t.address(), user, c.localUser());
    int port =
        t.portGiven()
            ? t.port()
            : c.remotePort() != null
                ? c.remotePort()
                : s.port() != null ? s.port() : SshTarget.DEFAULT_PORT;
    String login = user != null ? user : s.user();
    // ssh adds ssh_config's IdentityFile lines after the command line's (Ansible passes the
    // inventory's key as -o IdentityFile) and tries them all in order
    List<Path> identityFiles = readable(s.identityFiles());
    List<String> problems = new ArrayList<>();
    String reason = null;
    List<JumpHost> hops = List.of();
    if (t.routeSource() != null) {
      hops = t.jumpHosts();
      if (t.proxyCommand() != null) {
        reason = proxyCommand(t.routeSource());
      }
    } else if (s.proxyCommand() != null) {
      reason = proxyCommand("ssh_config " + s.proxyCommandAt());
    } else if (s.proxyJump() != null) {
      try {
        hops = JumpHost.parseChain(s.proxyJump());
      } catch (IllegalArgumentException e) {
        problems.add("ProxyJump in ssh_config: " + e.getMessage());
      }
    }
    List<SshTarget.Jump> jumps = new ArrayList<>();
    for (JumpHost j : hops) {
      // Each hop is a host of its own to ssh: its ssh_config block gives its address, port and
      // user.
      HostSettings hop = c.sshConfig().resolve(j.host(), j.user(), c.localUser());
      int hopPort =
          j.port() != SshTarget.DEFAULT_PORT || hop.port() == null ? j.port() : hop.port();
      String hopUser = j.user() != null ? j.user() : hop.user();
      String bad = TargetNames.addressProblem(hop.hostName());
      if (bad == null && hopUser != null) {
        bad = TargetNames.userProblem(hopUser);
      }
      if (bad != null) {
        problems.add("ProxyJump host " + j.host() + ": " + bad);
        continue;
      }
      jumps.add(
          new SshTarget.Jump(
              hopUser,
              hop.hostName(),
              hopPort,
              readable(hop.identityFiles()),
              hop.identitiesOnly()));
    }
    String addressProblem = TargetNames.addressProblem(s.hostName());
    if (addressProblem != null) {
      problems.add("HostName in ssh_config: " + addressProblem);
    }
    if (login != null && TargetNames.userProblem(login) != null) {
      problems.add("User in ssh_config: " + TargetNames.userProblem(login));
    }
    List<Path> knownHosts = c.knownHostsGiven() ? List.of() : s.userKnownHostsFiles();
    // ConnectTimeout 0 leaves the scan's timeout: capfleet never waits on a host without a bound
    Duration timeout =
        c.timeoutGiven() || s.connectTimeout() == null || s.connectTimeout() == 0
            ? null
            : Duration.ofSeconds(s.connectTimeout());
    return new ResolvedRoute(
        s.hostName(),
        port,
        login,
        key,
        jumps,
        reason,
        problems,
        knownHosts,
        timeout,
        identityFiles,
        s.identitiesOnly());
  }

  /** The transport's target for this route, named {@code name} in messages. */
  SshTarget target(String name) {
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

  private static List<Path> readable(List<Path> files) {
    return files.stream().filter(Files::isReadable).toList();
  }

  private static String proxyCommand(String where) {
    return "ProxyCommand ("
        + where
        + ") is not supported: capfleet never runs commands from the configuration "
        + "and did not contact this host; reach it with ProxyJump instead (-J in ansible_ssh_common_args, or "
        + "ProxyJump in ssh_config)";
  }
}
