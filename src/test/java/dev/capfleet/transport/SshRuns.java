package dev.capfleet.transport;

import dev.capfleet.testing.RealSshd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small helpers shared by the transport tests against real sshd. */
final class SshRuns {
  /** Short limits so a failing test fails fast. */
  static final ExecLimits FAST =
      new ExecLimits(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          1024 * 1024);

  private SshRuns() {}

  static SshSettings settings(Path knownHosts, Path key) {
    return SshSettings.strict(knownHosts)
        .withDefaultUser(RealSshd.loginUser())
        .withIdentityFiles(List.of(key));
  }

  static SshTarget target(String name, RealSshd sshd) {
    return SshTarget.of(name, sshd.address(), sshd.port());
  }

  /** Runs one command with its own executor and waits (bounded) for the outcome. */
  static ExecOutcome runOnce(SshSettings settings, SshTarget target, String command, String stdin) {
    try (SshExecutor ssh = new SshExecutor(settings)) {
      return await(ssh.run(target, command, bytes(stdin), FAST));
    }
  }

  static ExecOutcome await(java.util.concurrent.CompletableFuture<ExecOutcome> f) {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("outcome did not arrive: " + e, e);
    }
  }

  static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What OpenSSH's own client decides against the same server and known_hosts file: its exit code
   * (0 logged in, 255 refused). No config file, no agent, no global known_hosts: only what the test
   * gives.
   */
  static int realSsh(String host, int port, Path knownHosts, String strict, Path key)
      throws Exception {
    List<String> argv =
        List.of(
            "ssh",
            "-F",
            "/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=" + strict,
            "-o",
            "UserKnownHostsFile=" + knownHosts,
            "-o",
            "GlobalKnownHostsFile=/dev/null",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "IdentityAgent=none",
            "-i",
            key.toString(),
            "-p",
            "" + port,
            "-l",
            RealSshd.loginUser(),
            host,
            "true");
    Process p =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ssh hung");
    }
    return p.exitValue();
  }
}
