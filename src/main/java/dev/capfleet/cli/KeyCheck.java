package dev.capfleet.cli;

import dev.capfleet.core.HostText;
import dev.capfleet.scan.HostJob;
import dev.capfleet.transport.SshExecutor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every private key a scan will use before the first host is contacted: a passphrase is asked
 * for (or found missing) once, up front, and a key that cannot work is named on standard error
 * instead of surfacing as thousands of identical per-host failures.
 *
 * <p>{@code --private-key} that cannot be used (missing, not a key, too open, encrypted without a
 * passphrase, wrong passphrase) is a usage error, exit 2, unless an ssh-agent may still log in.
 * Default identities and per-host keys ({@code ansible_ssh_private_key_file}) only warn: other keys
 * or hosts may work, and the hosts that needed the key are reported UNREACHABLE (auth-failed) with
 * the same reason.
 */
final class KeyCheck {
  private KeyCheck() {}

  static void run(
      SshExecutor ssh,
      Path explicitKey,
      List<Path> defaultKeys,
      List<HostJob> jobs,
      boolean agent,
      PrintWriter err) {
    if (explicitKey != null) {
      String problem = ssh.identityProblem(explicitKey);
      if (problem != null && !agent) {
        throw new UsageException("--private-key: " + HostText.printable(problem, 4000));
      }
      if (problem != null) {
        err.println(
            "capfleet: warning: --private-key: "
                + HostText.printable(problem, 4000)
                + "; only the ssh-agent's keys are offered");
      }
    } else {
      for (Path key : defaultKeys) {
        warn(err, ssh.identityProblem(key), null, 0);
      }
    }
    Map<Path, List<String>> perHost = new LinkedHashMap<>();
    for (HostJob job : jobs) {
      Path key = job.target() == null ? null : job.target().privateKey();
      if (key != null && !key.equals(explicitKey)) {
        perHost.computeIfAbsent(key, k -> new ArrayList<>()).add(job.plan().name());
      }
    }
    perHost.forEach(
        (key, hosts) -> warn(err, ssh.identityProblem(key), hosts.get(0), hosts.size() - 1));
  }

  private static void warn(PrintWriter err, String problem, String firstHost, int others) {
    if (problem == null) {
      return;
    }
    String who =
        firstHost == null
            ? ""
            : " (key of host "
                + HostText.printable(firstHost)
                + (others > 0 ? " and " + others + " more" : "")
                + ")";
    err.println("capfleet: warning: " + HostText.printable(problem, 4000) + who);
  }
}
