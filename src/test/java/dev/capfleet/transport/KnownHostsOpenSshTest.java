package dev.capfleet.transport;

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

/**
 * Hashed known_hosts files written by {@code ssh-keyscan -H} and {@code ssh-keygen -H}, read with a
 * mixed-case address: capfleet must decide what real {@code ssh} decides for the same file. {@code
 * LocalHost} resolves to 127.0.0.1 (glibc compares /etc/hosts names without case).
 */
@ExtendWith(RealSshd.StopAll.class)
class KnownHostsOpenSshTest {
  private static final String MIXED = "LocalHost";

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
            .address("127.0.0.1")
            .hostKeys(Type.ED25519)
            .authorizeLogin(me.publicKey())
            .start();
  }

  @Test
  void hashedEntryFromKeyscanMatchesAMixedCaseAddress() throws Exception {
    Path kh = keyscan();
    assertEquals(0, realSsh(kh, "yes"), "real ssh trusts the file");
    ExecOutcome o = capfleet(kh, false);
    assertEquals(Status.OK, o.status(), o.message());
  }

  @Test
  void replacedKeyIsRejectedAndNotAppendedForAMixedCaseAddress() throws Exception {
    Path kh = dir.resolve("known_hosts");
    Files.writeString(kh, "[localhost]:" + sshd.port() + " " + impostor.publicLine() + "\n");
    SshKeys.hashKnownHosts(kh);
    String before = Files.readString(kh);
    assertTrue(before.startsWith("|1|"), before);
    assertEquals(255, realSsh(kh, "accept-new"), "real ssh refuses a changed key");
    ExecOutcome o = capfleet(kh, true);
    assertEquals(Status.HOST_KEY_CHANGED, o.status(), o.message());
    assertEquals(before, Files.readString(kh));
  }

  @Test
  void hashedRevokedLineIsHonoured() throws Exception {
    Path kh = keyscan();
    String hashed = Files.readString(kh).trim();
    Files.writeString(kh, "@revoked " + hashed + "\n" + hashed + "\n");
    assertEquals(255, realSsh(kh, "yes"), "real ssh refuses a revoked key");
    ExecOutcome o = capfleet(kh, true);
    assertEquals(Status.HOST_KEY_REVOKED, o.status(), o.message());
  }

  @Test
  void appendedEntryIsLowercasedAsOpenSshWritesIt() throws Exception {
    Path kh = dir.resolve("new_known_hosts");
    assertEquals(Status.OK, capfleet(kh, true).status());
    String name = "[localhost]:" + sshd.port();
    String found = Processes.run(List.of("ssh-keygen", "-F", name, "-f", kh.toString()));
    assertTrue(found.contains("found: line 1"), found);
    assertEquals(0, realSsh(kh, "yes"), "real ssh trusts what capfleet appended");
  }

  private Path keyscan() throws Exception {
    String lines =
        Processes.run(
            List.of("ssh-keyscan", "-H", "-t", "ed25519", "-p", "" + sshd.port(), "localhost"));
    Path kh = dir.resolve("known_hosts");
    StringBuilder keep = new StringBuilder();
    for (String l : lines.split("\n")) {
      if (l.startsWith("|1|")) {
        keep.append(l).append('\n');
      }
    }
    assertTrue(keep.length() > 0, lines);
    Files.writeString(kh, keep.toString());
    return kh;
  }

  private ExecOutcome capfleet(Path kh, boolean acceptNew) {
    SshSettings s = SshRuns.settings(kh, me.privateKey()).withAcceptNewHostKeys(acceptNew);
    return SshRuns.runOnce(s, SshTarget.of("web01", MIXED, sshd.port()), "true", null);
  }

  /** Real ssh on a copy of the file: accept-new must not change the file under test. */
  private static int realSsh(Path kh, String strict) throws Exception {
    Path copy = Files.createTempFile("kh", ".copy");
    try {
      Files.copy(kh, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return SshRuns.realSsh(MIXED, sshd.port(), copy, strict, me.privateKey());
    } finally {
      Files.deleteIfExists(copy);
    }
  }
}
