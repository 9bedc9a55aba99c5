package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.SshKeys;
import dev.capfleet.transport.ExecOutcome.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-process MINA server that stalls where a real sshd will not: in authentication. Fast, and
 * needs no sshd binary.
 */
class SshExecutorStallingServerTest {
  @TempDir static Path dir;
  static SshServer server;
  static Path knownHosts;
  static Path key;

  @BeforeAll
  static void startServer() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair hostKey = g.generateKeyPair();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.15.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(
        (user, publicKey, session) -> {
          sleep(30_000);
          return false;
        });
    server.start();
    knownHosts = dir.resolve("known_hosts");
    Files.write(
        knownHosts,
        List.of(
            "[127.0.15.1]:"
                + server.getPort()
                + " "
                + PublicKeyEntry.appendPublicKeyEntry(new StringBuilder(), hostKey.getPublic())));
    key = SshKeys.generate(dir, "id", SshKeys.Type.ECDSA).privateKey();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.stop(true);
    }
  }

  @Test
  void authenticationThatNeverAnswersIsAuthTimeout() {
    ExecLimits limits = SshRuns.FAST.withAuthTimeout(Duration.ofMillis(1500));
    try (SshExecutor ssh = new SshExecutor(SshRuns.settings(knownHosts, key))) {
      ExecOutcome o =
          SshRuns.await(
              ssh.run(SshTarget.of("stall", "127.0.15.1", server.getPort()), "true", null, limits));
      assertEquals(Status.AUTH_TIMEOUT, o.status(), o.message());
      assertTrue(o.message().contains("did not finish within 1500 ms"), o.message());
      assertTrue(o.millis() < 6000, o.toString());
      assertTrue(o.hostKeyFingerprint().startsWith("ECDSA SHA256:"), o.hostKeyFingerprint());
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
