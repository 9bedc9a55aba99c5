package dev.capfleet.transport;

import static dev.capfleet.transport.SshRuns.runOnce;
import static dev.capfleet.transport.SshRuns.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecOutcome.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Authentication and command plumbing against one real sshd. */
@ExtendWith(RealSshd.StopAll.class)
class SshExecutorAuthTest {
  private static final String PASSPHRASE = "tr0ub4dor&3-horse";

  @TempDir static Path dir;
  static RealSshd sshd;
  static Map<Type, KeyFile> keys;
  static KeyFile encrypted;
  static KeyFile stranger;
  static Path knownHosts;

  @BeforeAll
  static void startServer() throws Exception {
    RealSshd.assumeAvailable();
    Path k = dir.resolve("keys");
    keys =
        Map.of(
            Type.ED25519, SshKeys.generate(k, "id_ed25519", Type.ED25519),
            Type.ECDSA, SshKeys.generate(k, "id_ecdsa", Type.ECDSA),
            Type.RSA, SshKeys.generate(k, "id_rsa", Type.RSA));
    encrypted = SshKeys.generate(k, "id_encrypted", Type.ED25519, PASSPHRASE);
    stranger = SshKeys.generate(k, "id_stranger", Type.ED25519);
    RealSshd.Builder b =
        RealSshd.builder(dir)
            .address("127.0.10.1")
            .hostKeys(Type.ED25519)
            .authorizeLogin(
                keys.get(Type.ED25519).publicKey(),
                keys.get(Type.ECDSA).publicKey(),
                keys.get(Type.RSA).publicKey(),
                encrypted.publicKey());
    sshd = b.start();
    knownHosts = dir.resolve("known_hosts");
    Files.write(knownHosts, sshd.knownHostsLines());
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void connectsWithEachClientKeyType(Type type) {
    ExecOutcome o =
        runOnce(settings(knownHosts, keys.get(type).privateKey()), target(), "id -un", null);
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals(0, o.exitCode());
    assertEquals(RealSshd.loginUser() + "\n", o.stdoutText());
    assertEquals("ED25519 " + sshd.hostKey(Type.ED25519).fingerprint(), o.hostKeyFingerprint());
  }

  @Test
  void decryptsEncryptedKeyWithPassphrase() {
    SshSettings s = settings(knownHosts, encrypted.privateKey()).withPassphrase(() -> PASSPHRASE);
    ExecOutcome o = runOnce(s, target(), "echo ok", null);
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals("ok\n", o.stdoutText());
  }

  @Test
  void wrongPassphraseIsAuthFailedWithoutRevealingIt() {
    String wrong = "not-the-passphrase-42";
    SshSettings s = settings(knownHosts, encrypted.privateKey()).withPassphrase(() -> wrong);
    ExecOutcome o = runOnce(s, target(), "echo ok", null);
    assertEquals(Status.AUTH_FAILED, o.status());
    assertTrue(o.message().contains("wrong passphrase"), o.message());
    assertTrue(o.message().contains(encrypted.privateKey().toString()), o.message());
    assertFalse(o.message().contains(wrong), o.message());
    assertFalse(s.toString().contains(wrong), s.toString());
  }

  @Test
  void encryptedKeyWithoutPassphraseSaysWhereToGiveIt() {
    ExecOutcome o = runOnce(settings(knownHosts, encrypted.privateKey()), target(), "true", null);
    assertEquals(Status.AUTH_FAILED, o.status());
    assertTrue(o.message().contains(SshSettings.PASSPHRASE_ENV), o.message());
  }

  @Test
  void asksForThePassphraseOncePerKeyFile() {
    AtomicInteger asked = new AtomicInteger();
    SshSettings s =
        settings(knownHosts, encrypted.privateKey())
            .withPassphrase(
                () -> {
                  asked.incrementAndGet();
                  return PASSPHRASE;
                });
    try (SshExecutor ssh = new SshExecutor(s)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(
            Status.OK, SshRuns.await(ssh.run(target(), "true", null, SshRuns.FAST)).status());
      }
    }
    assertEquals(1, asked.get());
  }

  @Test
  void keyTheServerDoesNotKnowIsAuthFailedNamingIt() {
    ExecOutcome o = runOnce(settings(knownHosts, stranger.privateKey()), target(), "true", null);
    assertEquals(Status.AUTH_FAILED, o.status());
    assertTrue(o.status().unreachable());
    assertTrue(o.message().contains(stranger.fingerprint()), o.message());
    assertTrue(o.message().contains(RealSshd.loginUser()), o.message());
  }

  @Test
  void noKeyAtAllFailsBeforeConnecting() {
    ExecOutcome o =
        runOnce(settings(knownHosts, dir.resolve("no-such-key")), target(), "true", null);
    assertEquals(Status.AUTH_FAILED, o.status());
    assertTrue(o.message().contains("no-such-key"), o.message());
    assertEquals(null, o.hostKeyFingerprint());
  }

  @Test
  void deliversStdinScriptToShS() {
    StringBuilder script = new StringBuilder("echo start\n");
    script.append("# ").append("x".repeat(300_000)).append('\n'); // larger than one SSH packet
    script.append("read -r line || echo \"stdin at EOF\"\n").append("echo end\n");
    ExecOutcome o = runOnce(settings(knownHosts, key()), target(), "sh -s", script.toString());
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals("start\nstdin at EOF\nend\n", o.stdoutText());
  }

  @Test
  void propagatesExitCodesAndKeepsStderrApart() {
    ExecOutcome o =
        runOnce(settings(knownHosts, key()), target(), "sh -s", "echo out; echo err >&2; exit 7");
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals(7, o.exitCode());
    assertEquals("out\n", o.stdoutText());
    assertEquals("err\n", o.stderrText());
    assertFalse(o.succeeded());
  }

  @Test
  void commandKilledBySignalHasNoExitCode() {
    ExecOutcome o = runOnce(settings(knownHosts, key()), target(), "kill -9 $$", null);
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals(null, o.exitCode());
    assertTrue(o.message().contains("KILL"), o.message());
  }

  @Test
  void logsInAsTheTargetsUserOverTheDefault() {
    if (!RealSshd.auditUserReady()) {
      RealSshd.skipOutsideCi(RealSshd.AUDIT_USER + " missing or locked (.ci/run creates it)");
    }
    SshSettings s = settings(knownHosts, key()).withDefaultUser(RealSshd.AUDIT_USER);
    ExecOutcome o = runOnce(s, target().withUser("root"), "id -un", null);
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals("root\n", o.stdoutText());
  }

  @Test
  void signsWithTheSshAgentWhenNoKeyFileIsGiven(@TempDir Path tmp) throws Exception {
    Path socket = tmp.resolve("agent.sock");
    Process agent =
        new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("agent.log").toFile())
            .start();
    try {
      for (int i = 0; i < 100 && !Files.exists(socket); i++) {
        Thread.sleep(20);
      }
      ProcessBuilder add =
          new ProcessBuilder("ssh-add", keys.get(Type.ECDSA).privateKey().toString())
              .redirectErrorStream(true);
      add.environment().put("SSH_AUTH_SOCK", socket.toString());
      Process p = add.start();
      p.getInputStream().readAllBytes();
      assertEquals(0, p.waitFor());
      SshSettings s =
          SshSettings.strict(knownHosts)
              .withDefaultUser(RealSshd.loginUser())
              .withEnvironment(Map.of(SshSettings.AGENT_ENV, socket.toString()));
      ExecOutcome o = runOnce(s, target(), "echo agent", null);
      assertEquals(Status.OK, o.status(), o.message());
      assertEquals("agent\n", o.stdoutText());
    } finally {
      agent.destroyForcibly();
    }
  }

  private static Path key() {
    return keys.get(Type.ED25519).privateKey();
  }

  private static SshTarget target() {
    return SshRuns.target("web1", sshd);
  }
}
