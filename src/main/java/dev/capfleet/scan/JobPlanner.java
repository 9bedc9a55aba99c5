package dev.capfleet.scan;

import dev.capfleet.core.BinaryPath;
import dev.capfleet.core.HostText;
import dev.capfleet.inventory.Host;
import dev.capfleet.inventory.HostTarget;
import dev.capfleet.inventory.InventoryException;
import dev.capfleet.inventory.JumpHost;
import dev.capfleet.inventory.TaggedText;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.transport.SshConfigException;
import dev.capfleet.transport.SshTarget;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns inventory hosts into scan jobs. As in Ansible, a host's own variables win over the command
 * line's defaults ({@code ecapture_path} over {@code --binary}, {@code ansible_user} over {@code
 * -u}). A host whose settings are unusable (bad port, path or mode) becomes a job with a {@code
 * problem}: it is reported, not probed, and the other hosts are scanned as usual.
 */
public final class JobPlanner {
  /**
   * The scan's defaults.
   *
   * @param binary default binary path, already validated
   * @param mode default canonical mode
   * @param user default login user, or null
   * @param privateKey default identity, or null
   */
  public record Defaults(
      String binary,
      String mode,
      String purpose,
      String user,
      Path privateKey,
      Instant windowUntil,
      String module) {
    public Defaults(
        String binary,
        String mode,
        String purpose,
        String user,
        Path privateKey,
        Instant windowUntil) {
      this(binary, mode, purpose, user, privateKey, windowUntil, null);
    }
  }

  private final RequirementModel model;
  private final Defaults defaults;
  private final ConnectionConfig connection;

  public JobPlanner(RequirementModel model, Defaults defaults) {
    this(model, defaults, ConnectionConfig.NONE);
  }

  public JobPlanner(RequirementModel model, Defaults defaults, ConnectionConfig connection) {
    this.model = model;
    this.defaults = defaults;
    this.connection = connection;
  }

  public List<HostJob> plan(List<Host> hosts) {
    List<HostJob> jobs = new ArrayList<>(hosts.size());
    for (Host h : hosts) {
      jobs.add(plan(h));
    }
    return jobs;
  }

  public HostJob plan(Host host) {
    HostTarget t;
    try {
      t = HostTarget.of(host, connection.ansibleSshArgs());
    } catch (InventoryException | IllegalArgumentException e) {
      String address = unvaulted(host, "ansible_host").orElse(host.name());
      return new HostJob(
          new HostPlan(
              host.name(),
              address,
              null,
              unvaulted(host, "ansible_user").orElse(defaults.user()),
              groupNames(host),
              defaults.binary(),
              defaults.mode(),
              defaults.purpose(),
              null,
              e.getMessage(),
              null),
          null,
          false);
    }
    List<String> problems = new ArrayList<>();
    String binary = t.ecapturePath() == null ? defaults.binary() : t.ecapturePath();
    String pathProblem = BinaryPath.problem(binary);
    if (pathProblem != null) {
      problems.add("ecapture_path: " + pathProblem);
    }
    String mode = defaults.mode();
    if (t.ecaptureMode() != null) {
      mode = model.canonicalMode(t.ecaptureMode()).orElse(null);
      if (mode == null) {
        problems.add(
            "ecapture_mode: unknown mode '"
                + HostText.printable(t.ecaptureMode())
                + "' (valid: "
                + String.join(", ", new java.util.TreeSet<>(model.modes().keySet()))
                + ")");
      }
    }
    String module = defaults.module();
    String moduleVar = host.var("ecapture_module").orElse(null);
    if (moduleVar != null) {
      module = model.canonicalModule(moduleVar).orElse(null);
      if (module == null) {
        problems.add(
            "ecapture_module: unknown module '"
                + HostText.printable(moduleVar)
                + "' (valid: "
                + String.join(", ", new java.util.TreeSet<>(model.modules().keySet()))
                + ")");
      }
    }
    Instant window = defaults.windowUntil();
    String windowVar = host.var("ecapture_window_until").orElse(null);
    if (windowVar != null) {
      try {
        window = Instant.parse(windowVar.trim());
      } catch (DateTimeParseException e) {
        problems.add(
            "ecapture_window_until: not an ISO-8601 instant: '"
                + HostText.printable(windowVar)
                + "'");
      }
    }
    String user = t.user() == null ? defaults.user() : t.user();
    Path key = defaults.privateKey();
    ResolvedRoute route = null;
    if (!t.local()) {
      problems.addAll(connectionProblems(host, t, user));
      try {
        key = t.privateKey() == null ? key : Path.of(t.privateKey());
      } catch (InvalidPathException e) {
        problems.add(
            "ansible_ssh_private_key_file: not a file path: '"
                + HostText.printable(t.privateKey())
                + "'");
      }
      if (problems.isEmpty()) {
        try {
          route = ResolvedRoute.of(t, user, key, connection);
          problems.addAll(route.problems());
        } catch (SshConfigException e) {
          problems.add("ssh_config: " + e.getMessage());
        }
      }
    }
    String problem = problems.isEmpty() ? null : String.join("; ", problems);
    boolean routed = route != null && problem == null;
    HostPlan plan =
        new HostPlan(
            t.name(),
            routed ? route.address() : t.address(),
            t.local() ? null : routed ? route.port() : t.port(),
            routed ? route.user() : user,
            groupNames(host),
            pathProblem == null ? binary : HostText.printable(binary),
            mode,
            defaults.purpose(),
            window,
            problem,
            module);
    if (!routed) {
      return new HostJob(plan, null, t.local());
    }
    SshTarget target = route.target(t.name());
    return new HostJob(
        plan,
        route.proxyCommandReason() == null ? target : null,
        false,
        route.proxyCommandReason());
  }

  /**
   * A variable's text unless it is vault ciphertext, which no report shows as an address or user.
   */
  private static Optional<String> unvaulted(Host host, String name) {
    return host.value(name).filter(v -> !(v instanceof TaggedText t && t.isVault())).isPresent()
        ? host.var(name)
        : Optional.empty();
  }

  /**
   * Ansible's {@code group_names}: the host's groups, sorted, without {@code all} (every host is in
   * it).
   */
  static List<String> groupNames(Host host) {
    return host.groups().stream().filter(g -> !g.equals("all")).sorted().toList();
  }

  /** Addresses and user names that are not names at all (a pasted command, a quote, a newline). */
  private static List<String> connectionProblems(Host host, HostTarget t, String user) {
    List<String> problems = new ArrayList<>();
    String addressProblem = TargetNames.addressProblem(t.address());
    if (addressProblem != null) {
      boolean named =
          host.var("ansible_host").isPresent() || host.var("ansible_ssh_host").isPresent();
      problems.add(
          (named ? "ansible_host: " : "host name (the address, as ansible_host is not set): ")
              + addressProblem);
    }
    if (user != null && TargetNames.userProblem(user) != null) {
      problems.add("ansible_user: " + TargetNames.userProblem(user));
    }
    for (JumpHost j : t.jumpHosts()) {
      String jump = TargetNames.addressProblem(j.host());
      String jumpUser = j.user() == null ? null : TargetNames.userProblem(j.user());
      if (jump != null || jumpUser != null) {
        problems.add("ProxyJump in ansible_ssh_common_args: " + (jump != null ? jump : jumpUser));
      }
    }
    return problems;
  }
}
