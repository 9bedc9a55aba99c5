package dev.capfleet.transport;

import static dev.capfleet.transport.SshRuns.runOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.Processes;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecOutcome.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Host key checking against known_hosts files as OpenSSH writes them. */
@ExtendWith(RealSshd.StopAll.class)
class SshExecutorHostKeyTest {
  @TempDir static Path shared;
  @TempDir Path dir;
  static RealSshd sshd;
  static KeyFile me;
  static KeyFile impostor;

  @BeforeAll
  static void startServer() {
    RealSshd.assumeAvailable();
    me = SshKeys.generate(shared.resolve("keys"), "id_ed25519", Type.ED25519);
    impostor = SshKeys.generate(shared.resolve("keys"), "impostor", Type.ED25519);
    sshd =
        RealSshd.builder(shared)
            .address("127.0.11.1")
            .hostKeys(Type.ECDSA, Type.RSA, Type.ED25519) // MINA alone would pick ECDSA
            .authorizeLogin(me.publicKey())
            .start();
  }

  @Test
  void connectsWhenKnownHostsHoldsOnlyTheEd25519KeyOfAServerOfferingAllThree() throws Exception {
    ExecOutcome o = run(knownHosts(sshd.knownHostsLine(Type.ED25519)), false);
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals("ED25519 " + sshd.hostKey(Type.ED25519).fingerprint(), o.hostKeyFingerprint());
  }

  @Test
  void connectsWhenKnownHostsHoldsOnlyTheRsaKey() throws Exception {
    ExecOutcome o = run(knownHosts(sshd.knownHostsLine(Type.RSA)), false);
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals("RSA " + sshd.hostKey(Type.RSA).fingerprint(), o.hostKeyFingerprint());
  }

  @Test
  void readsHashedKnownHosts() throws Exception {
    Path kh = knownHosts(sshd.knownHostsLine(Type.ED25519));
    SshKeys.hashKnownHosts(kh);
    assertTrue(Files.readString(kh).startsWith("|1|"), Files.readString(kh));
    ExecOutcome o = run(kh, false);
    assertEquals(Status.OK, o.status(), o.message());
  }

  @Test
  void unknownHostKeyIsReportedWithItsFingerprint() throws Exception {
    Path kh = knownHosts("[127.0.11.99]:22 " + sshd.hostKey(Type.ED25519).publicLine());
    ExecOutcome o = run(kh, false);
    assertEquals(Status.HOST_KEY_UNKNOWN, o.status());
    assertTrue(o.status().unreachable());
    assertTrue(
        o.message().startsWith("host key for web1 (127.0.11.1:" + sshd.port() + ")"), o.message());
    assertTrue(o.message().contains("is not in known_hosts " + kh), o.message());
    assertTrue(o.message().contains(o.hostKeyFingerprint()), o.message());
    assertTrue(
        sshd.hostKeys().stream().anyMatch(k -> o.hostKeyFingerprint().endsWith(k.fingerprint())),
        o.hostKeyFingerprint());
  }

  @Test
  void entryWithoutPortDoesNotMatchAnotherPort() throws Exception {
    Path kh = knownHosts(sshd.address() + " " + sshd.hostKey(Type.ED25519).publicLine());
    assertEquals(Status.HOST_KEY_UNKNOWN, run(kh, false).status());
  }

  @Test
  void changedHostKeyIsRejectedEvenWhenAcceptingNewKeys() throws Exception {
    Path kh = knownHosts(sshd.knownHostsName() + " " + impostor.publicLine());
    String before = Files.readString(kh);
    ExecOutcome o = run(kh, true);
    assertEquals(Status.HOST_KEY_CHANGED, o.status());
    assertTrue(o.message().contains("HOST KEY CHANGED"), o.message());
    assertTrue(o.message().contains(impostor.fingerprint()), o.message());
    assertTrue(o.message().contains("line 1"), o.message());
    assertEquals(before, Files.readString(kh));
  }

  @Test
  void revokedHostKeyIsRejected() throws Exception {
    KeyFile ed = sshd.hostKey(Type.ED25519);
    Path kh = knownHosts("@revoked * " + ed.publicLine(), sshd.knownHostsLine(Type.ED25519));
    ExecOutcome o = run(kh, true);
    assertEquals(Status.HOST_KEY_REVOKED, o.status());
    assertTrue(o.message().contains("@revoked"), o.message());
  }

  @Test
  void acceptNewAppendsTheKeyAndTheNextConnectionIsStrict() throws Exception {
    Path kh = dir.resolve("sub/known_hosts"); // neither file nor folder exists yet
    ExecOutcome first = run(kh, true);
    assertEquals(Status.OK, first.status(), first.message());
    List<String> lines = Files.readAllLines(kh);
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("|1|"), lines.get(0));
    // OpenSSH itself finds the appended, hashed entry
    String found =
        Processes.run(List.of("ssh-keygen", "-F", sshd.knownHostsName(), "-f", kh.toString()));
    assertTrue(found.contains("found: line 1"), found);

    ExecOutcome second = run(kh, false);
    assertEquals(Status.OK, second.status(), second.message());
    assertEquals(first.hostKeyFingerprint(), second.hostKeyFingerprint());
    assertEquals(1, Files.readAllLines(kh).size());
  }

  @Test
  void acceptNewAppendsOncePerHostUnderConcurrency() throws Exception {
    Path kh = dir.resolve("known_hosts");
    SshSettings s = SshRuns.settings(kh, me.privateKey()).withAcceptNewHostKeys(true);
    try (SshExecutor ssh = new SshExecutor(s)) {
      var runs =
          java.util.stream.IntStream.range(0, 4)
              .mapToObj(i -> ssh.run(target(), "true", null, SshRuns.FAST))
              .toList();
      for (var r : runs) {
        assertEquals(Status.OK, SshRuns.await(r).status());
      }
    }
    assertEquals(1, Files.readAllLines(kh).size());
  }

  @Test
  void port22EntryIsTheBareAddress(@TempDir Path own) throws Exception {
    try (RealSshd on22 =
        RealSshd.builder(own)
            .address("127.0.11.2")
            .port(22)
            .hostKeyFiles(sshd.hostKey(Type.ED25519))
            .authorizeLogin(me.publicKey())
            .start()) {
      Path kh = knownHosts("127.0.11.2 " + sshd.hostKey(Type.ED25519).publicLine());
      SshTarget t = SshTarget.of("db1", "127.0.11.2", 22);
      ExecOutcome o = runOnce(SshRuns.settings(kh, me.privateKey()), t, "true", null);
      assertEquals(Status.OK, o.status(), o.message());
    }
  }

  @Test
  void connectsToAnIpv6Literal(@TempDir Path own) throws Exception {
    try (RealSshd v6 =
        RealSshd.builder(own)
            .address("::1")
            .hostKeyFiles(sshd.hostKey(Type.ED25519))
            .authorizeLogin(me.publicKey())
            .start()) {
      Path kh = knownHosts(v6.knownHostsLine(Type.ED25519));
      assertTrue(Files.readString(kh).startsWith("[::1]:"), Files.readString(kh));
      SshTarget t = SshTarget.of("v6", "::1", v6.port());
      ExecOutcome o = runOnce(SshRuns.settings(kh, me.privateKey()), t, "true", null);
      assertEquals(Status.OK, o.status(), o.message());
    }
  }

  private ExecOutcome run(Path knownHosts, boolean acceptNew) {
    SshSettings s = SshRuns.settings(knownHosts, me.privateKey()).withAcceptNewHostKeys(acceptNew);
    return runOnce(s, target(), "true", null);
  }

  private static SshTarget target() {
    return SshRuns.target("web1", sshd);
  }

  private Path knownHosts(String... lines) throws Exception {
    Path kh = Files.createTempFile(dir, "known_hosts", "");
    Files.write(kh, List.of(lines));
    return kh;
  }
}
