package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.inventory.Host;
import dev.capfleet.inventory.HostTarget;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecLimits;
import dev.capfleet.transport.ExecOutcome;
import dev.capfleet.transport.SshConfig;
import dev.capfleet.transport.SshExecutor;
import dev.capfleet.transport.SshSettings;
import dev.capfleet.transport.SshTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ProxyJump hop is a host of its own, as {@code ssh -J alias} makes it: its ssh_config block
 * gives its HostName, Port, User and IdentityFile. A real bastion accepts only its own key, the
 * target behind it only another; OpenSSH's client reaches the target with the same file, and so
 * does capfleet.
 */
@ExtendWith(RealSshd.StopAll.class)
class JumpHostIdentityTest {
  @TempDir static Path dir;
  static RealSshd bastion;
  static RealSshd inner;
  static KeyFile bastionKey;
  static KeyFile innerKey;
  static Path sshConfig;
  static Path knownHosts;

  @BeforeAll
  static void servers() throws Exception {
    RealSshd.assumeAvailable();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    bastionKey = SshKeys.generate(dir.resolve("keys"), "bastion_only", Type.ED25519);
    innerKey = SshKeys.generate(dir.resolve("keys"), "inner_only", Type.ED25519);
    bastion =
        RealSshd.builder(dir.resolve("bastion"))
            .address("127.0.14.51")
            .hostKeys(Type.ED25519)
            .authorizeLogin(bastionKey.publicKey())
            .config("AllowTcpForwarding yes")
            .start();
    inner =
        RealSshd.builder(dir.resolve("inner"))
            .address("127.0.14.52")
            .hostKeys(Type.ED25519)
            .authorizeLogin(innerKey.publicKey())
            .start();
    knownHosts = dir.resolve("known_hosts");
    Files.write(
        knownHosts,
        List.of(bastion.knownHostsLine(Type.ED25519), inner.knownHostsLine(Type.ED25519)));
    sshConfig = dir.resolve("ssh_config");
    Files.writeString(
        sshConfig,
        String.join(
            "\n",
            "Host gate",
            "  HostName " + bastion.address(),
            "  Port " + bastion.port(),
            "  User " + RealSshd.loginUser(),
            "  IdentityFile " + bastionKey.privateKey(),
            "  IdentitiesOnly yes",
            "",
            "Host behind",
            "  HostName " + inner.address(),
            "  Port " + inner.port(),
            "  ProxyJump gate",
            "  IdentityFile " + innerKey.privateKey(),
            "  IdentitiesOnly yes",
            "",
            "Host *",
            "  UserKnownHostsFile " + knownHosts,
            "  GlobalKnownHostsFile /dev/null",
            "  IdentityAgent none",
            "  BatchMode yes",
            ""));
  }

  private static String ssh(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ssh", "-F", sshConfig.toString()));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", argv) + "\n" + out);
    return out;
  }

  @Test
  void theJumpHostsOwnBlockGivesItsKeyAsSshGShowsAndOpenSshUsesIt() throws Exception {
    String g = ssh("-G", "gate");
    assertTrue(g.contains("identityfile " + bastionKey.privateKey() + "\n"), g);
    assertTrue(g.contains("hostname " + bastion.address() + "\n"), g);
    assertTrue(ssh("-l", RealSshd.loginUser(), "behind", "echo", "reached").contains("reached"));
  }

  @Test
  void capfleetReachesTheTargetWithEachHopsOwnKey() throws Exception {
    ConnectionConfig config =
        new ConnectionConfig(
            SshConfig.read(sshConfig, dir),
            Map.of(),
            null,
            System.getProperty("user.name"),
            true,
            false);
    HostTarget t = HostTarget.of(new Host("behind", Map.of(), List.of("all")));
    ResolvedRoute route = ResolvedRoute.of(t, RealSshd.loginUser(), null, config);
    assertEquals(List.of(), route.problems());
    assertEquals(
        List.of(bastionKey.privateKey()), route.jumps().get(0).identityFiles(), "the hop's key");
    assertEquals(List.of(innerKey.privateKey()), route.identityFiles(), "the target's key");
    SshTarget target = route.target("behind");
    ExecLimits limits =
        new ExecLimits(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            Duration.ofSeconds(30),
            1024 * 1024);
    try (SshExecutor executor = new SshExecutor(SshSettings.strict(knownHosts))) {
      ExecOutcome o =
          executor.run(target, "echo \"$SSH_CONNECTION\"", null, limits).get(60, TimeUnit.SECONDS);
      assertEquals(ExecOutcome.Status.OK, o.status(), o.message() + "\n" + bastion.log());
      assertTrue(o.stdoutText().contains(" " + inner.address() + " "), o.stdoutText());
    }
  }
}
