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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that offers only algorithms OpenSSH 9 no longer offers by default (CBC, ssh-rsa SHA-1
 * signatures, SHA-1 key exchange) or only hmac-sha1 is refused in the handshake, as real {@code ssh
 * -F /dev/null} refuses the first three; a default server still works.
 */
@ExtendWith(RealSshd.StopAll.class)
class LegacyAlgorithmsTest {
  @TempDir static Path dir;
  static KeyFile me;

  @BeforeAll
  static void keys() {
    RealSshd.assumeAvailable();
    me = SshKeys.generate(dir.resolve("keys"), "id", Type.ED25519);
  }

  @Test
  void cbcOnlyServerIsRefused() throws Exception {
    assertRefused("127.0.14.21", Type.ED25519, "Ciphers aes128-cbc,aes256-cbc", true);
  }

  @Test
  void sha1RsaSignatureOnlyServerIsRefused() throws Exception {
    assertRefused("127.0.14.22", Type.RSA, "HostKeyAlgorithms ssh-rsa", true);
  }

  @Test
  void sha1KeyExchangeOnlyServerIsRefused() throws Exception {
    assertRefused("127.0.14.23", Type.ED25519, "KexAlgorithms diffie-hellman-group14-sha1", true);
  }

  @Test
  void hmacSha1OnlyServerIsRefused() throws Exception {
    // OpenSSH 9.2 would still take hmac-sha1 (last in its list); capfleet does not
    assertRefused(
        "127.0.14.24",
        Type.ED25519,
        "Ciphers aes128-ctr\nMACs hmac-sha1,hmac-sha1-etm@openssh.com",
        false);
  }

  private void assertRefused(String address, Type keyType, String config, boolean sshRefuses)
      throws Exception {
    RealSshd.Builder b =
        RealSshd.builder(dir).address(address).hostKeys(keyType).authorizeLogin(me.publicKey());
    for (String line : config.split("\n")) {
      b.config(line);
    }
    try (RealSshd sshd = b.start()) {
      Path kh = dir.resolve("kh-" + address);
      Files.writeString(kh, sshd.knownHostsLine(keyType) + "\n");
      assertEquals(
          sshRefuses ? 255 : 0,
          SshRuns.realSsh(sshd.address(), sshd.port(), kh, "yes", me.privateKey()),
          "real ssh -F /dev/null");
      ExecOutcome o =
          SshRuns.runOnce(
              SshRuns.settings(kh, me.privateKey()), SshRuns.target("old", sshd), "true", null);
      assertEquals(Status.HANDSHAKE_FAILED, o.status(), o.message());
      assertTrue(o.message().contains("SSH handshake with old"), o.message());
    }
  }
}
