package dev.capfleet.scan;

import dev.capfleet.inventory.Host;
import dev.capfleet.inventory.HostTarget;
import dev.capfleet.inventory.InventoryException;
import dev.capfleet.inventory.JumpHost;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.probe.ProbeScript;
import dev.capfleet.transport.SshTarget;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns inventory hosts into scan jobs. As in Ansible, a host's own variables win over the command line's
 * defaults ({@code ecapture_path} over {@code --binary}, {@code ansible_user} over {@code -u}). A host whose
 * settings are unusable (bad port, path or mode) becomes a job with a {@code problem}: it is reported, not
 * probed, and the other hosts are scanned as usual.
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
  public record Defaults(String binary, String mode, String purpose, String user, Path privateKey,
      Instant windowUntil) {}

  private final RequirementModel model;
  private final Defaults defaults;

  public JobPlanner(RequirementModel model, Defaults defaults) {
    this.model = model;
    this.defaults = defaults;
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
      t = HostTarget.of(host);
    } catch (InventoryException | IllegalArgumentException e) {
      String address = host.var("ansible_host").orElse(host.name());
      return new HostJob(new HostPlan(host.name(), address, null, host.var("ansible_user").orElse(defaults.user()),
          groupNames(host), defaults.binary(), defaults.mode(), defaults.purpose(), null, e.getMessage()), null, false);
    }
    List<String> problems = new ArrayList<>();
    String binary = t.ecapturePath() == null ? defaults.binary() : t.ecapturePath();
    String pathProblem = ProbeScript.binaryPathProblem(binary);
    if (pathProblem != null) {
      problems.add("ecapture_path: " + pathProblem);
    }
    String mode = defaults.mode();
    if (t.ecaptureMode() != null) {
      mode = model.canonicalMode(t.ecaptureMode()).orElse(null);
      if (mode == null) {
        problems.add("ecapture_mode: unknown mode '" + ProbeScript.printable(t.ecaptureMode()) + "' (valid: "
            + String.join(", ", new java.util.TreeSet<>(model.modes().keySet())) + ")");
      }
    }
    Instant window = defaults.windowUntil();
    String windowVar = host.var("ecapture_window_until").orElse(null);
    if (windowVar != null) {
      try {
        window = Instant.parse(windowVar.trim());
      } catch (DateTimeParseException e) {
        problems.add("ecapture_window_until: not an ISO-8601 instant: '" + ProbeScript.printable(windowVar) + "'");
      }
    }
    String user = t.user() == null ? defaults.user() : t.user();
    Path key = defaults.privateKey();
    if (!t.local()) {
      problems.addAll(connectionProblems(host, t, user));
      try {
        key = t.privateKey() == null ? key : Path.of(t.privateKey());
      } catch (InvalidPathException e) {
        problems.add("ansible_ssh_private_key_file: not a file path: '" + ProbeScript.printable(t.privateKey())
            + "'");
      }
    }
    String problem = problems.isEmpty() ? null : String.join("; ", problems);
    HostPlan plan = new HostPlan(t.name(), t.address(), t.local() ? null : t.port(), user, groupNames(host),
        pathProblem == null ? binary : ProbeScript.printable(binary), mode, defaults.purpose(), window, problem);
    SshTarget target = null;
    if (!t.local() && problem == null) {
      List<SshTarget.Jump> jumps = new ArrayList<>();
      for (JumpHost j : t.jumpHosts()) {
        jumps.add(new SshTarget.Jump(j.user(), j.host(), j.port()));
      }
      target = new SshTarget(t.name(), t.address(), t.port(), user, key, jumps);
    }
    return new HostJob(plan, target, t.local());
  }

  /** Ansible's {@code group_names}: the host's groups, sorted, without {@code all} (every host is in it). */
  static List<String> groupNames(Host host) {
    return host.groups().stream().filter(g -> !g.equals("all")).sorted().toList();
  }

  /** Addresses and user names that are not names at all (a pasted command, a quote, a newline). */
  private static List<String> connectionProblems(Host host, HostTarget t, String user) {
    List<String> problems = new ArrayList<>();
    String addressProblem = TargetNames.addressProblem(t.address());
    if (addressProblem != null) {
      boolean named = host.var("ansible_host").isPresent() || host.var("ansible_ssh_host").isPresent();
      problems.add((named ? "ansible_host: " : "host name (the address, as ansible_host is not set): ")
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
