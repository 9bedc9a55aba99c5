package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecOutcome.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Many hosts on one client, and hosts behind a ProxyJump host. */
@ExtendWith(RealSshd.StopAll.class)
class SshExecutorFleetTest {
  private static final int HOSTS = 20;
  private static final ExecLimits FLEET =
      SshRuns.FAST
          .withConnectTimeout(Duration.ofSeconds(20))
          .withAuthTimeout(Duration.ofSeconds(20));

  @TempDir static Path dir;
  static KeyFile me;
  static List<RealSshd> fleet = new ArrayList<>();
  static RealSshd bastion;
  static RealSshd inner;

  @BeforeAll
  static void startServers() {
    RealSshd.assumeAvailable();
    me = SshKeys.generate(dir.resolve("keys"), "id", Type.ED25519);
    for (int i = 1; i <= HOSTS; i++) {
      fleet.add(
          RealSshd.builder(dir)
              .address("127.0.13." + i)
              .hostKeys(Type.ED25519)
              .authorizeLogin(me.publicKey())
              .start());
    }
    bastion =
        RealSshd.builder(dir)
            .address("127.0.14.1")
            .hostKeys(Type.ED25519, Type.ECDSA)
            .authorizeLogin(me.publicKey())
            .start();
    inner =
        RealSshd.builder(dir)
            .address("127.0.14.2")
            .hostKeys(Type.ED25519)
            .authorizeLogin(me.publicKey())
            .start();
  }

  @Test
  void runsTwentyHostsInParallelOnOneClient() throws Exception {
    Path kh = dir.resolve("fleet_known_hosts");
    List<String> lines = new ArrayList<>();
    fleet.forEach(s -> lines.addAll(s.knownHostsLines()));
    Files.write(kh, lines);
    try (SshExecutor ssh = new SshExecutor(SshRuns.settings(kh, me.privateKey()))) {
      SshRuns.await(ssh.run(SshRuns.target("warm-up", fleet.get(0)), "true", null, FLEET));
      long start = System.nanoTime();
      List<CompletableFuture<ExecOutcome>> runs = new ArrayList<>();
      for (RealSshd s : fleet) {
        runs.add(
            ssh.run(
                SshRuns.target("h" + s.address(), s),
                "sh -s",
                SshRuns.bytes("echo \"$SSH_CONNECTION\""),
                FLEET));
      }
      long sum = 0;
      for (int i = 0; i < HOSTS; i++) {
        ExecOutcome o = SshRuns.await(runs.get(i));
        assertEquals(Status.OK, o.status(), o.message());
        assertTrue(o.stdoutText().contains(" " + fleet.get(i).address() + " "), o.stdoutText());
        sum += o.millis();
      }
      long wall = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "%d hosts in parallel: wall %d ms, mean per host %d ms%n", HOSTS, wall, sum / HOSTS);
    }
  }

  @Test
  void reachesAHostThroughAJumpHostCheckingBothHostKeys() throws Exception {
    Path kh = dir.resolve("jump_known_hosts");
    Files.write(
        kh, List.of(bastion.knownHostsLine(Type.ED25519), inner.knownHostsLine(Type.ED25519)));
    SshTarget t =
        SshRuns.target("inner", inner)
            .withJumps(List.of(new SshTarget.Jump(null, bastion.address(), bastion.port())));
    ExecOutcome o =
        SshRuns.runOnce(SshRuns.settings(kh, me.privateKey()), t, "echo \"$SSH_CONNECTION\"", null);
    assertEquals(Status.OK, o.status(), o.message());
    assertTrue(o.stdoutText().contains(" " + inner.address() + " "), o.stdoutText());
    assertEquals("ED25519 " + inner.hostKey(Type.ED25519).fingerprint(), o.hostKeyFingerprint());
  }

  @Test
  void unknownJumpHostKeyIsReportedAsTheJumpHosts() throws Exception {
    Path kh = dir.resolve("jump_unknown_known_hosts");
    Files.write(kh, inner.knownHostsLines());
    SshTarget t =
        SshRuns.target("inner", inner)
            .withJumps(List.of(new SshTarget.Jump(null, bastion.address(), bastion.port())));
    ExecOutcome o = SshRuns.runOnce(SshRuns.settings(kh, me.privateKey()), t, "true", null);
    assertEquals(Status.HOST_KEY_UNKNOWN, o.status(), o.message());
    assertTrue(o.message().startsWith("host key for jump host " + bastion.address()), o.message());
    assertEquals(null, o.hostKeyFingerprint());
  }

  @Test
  void changedTargetKeyBehindAJumpHostIsRejected() throws Exception {
    Path kh = dir.resolve("jump_changed_known_hosts");
    Files.write(
        kh,
        List.of(
            bastion.knownHostsLine(Type.ED25519),
            inner.knownHostsName() + " " + bastion.hostKey(Type.ED25519).publicLine()));
    SshTarget t =
        SshRuns.target("inner", inner)
            .withJumps(List.of(new SshTarget.Jump(null, bastion.address(), bastion.port())));
    ExecOutcome o =
        SshRuns.runOnce(
            SshRuns.settings(kh, me.privateKey()).withAcceptNewHostKeys(true), t, "true", null);
    assertEquals(Status.HOST_KEY_CHANGED, o.status(), o.message());
    assertTrue(o.message().contains("inner (" + inner.endpoint()), o.message());
  }
}
