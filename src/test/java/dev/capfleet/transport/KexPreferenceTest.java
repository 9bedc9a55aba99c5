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
import java.util.HashSet;
import java.util.List;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The key exchange the client proposes first, checked in what a real sshd negotiated. */
@ExtendWith(RealSshd.StopAll.class)
class KexPreferenceTest {
  @TempDir Path dir;
  private KeyFile me;

  @Test
  void fastProposesCurve25519FirstAndKeepsEveryAlgorithm() {
    List<KeyExchangeFactory> defaults = ClientBuilder.setUpDefaultKeyExchanges(true);
    List<KeyExchangeFactory> fast = KexPreference.FAST.order(defaults);
    List<KeyExchangeFactory> pq = KexPreference.PQ.order(defaults);
    assertEquals("curve25519-sha256", fast.get(0).getName());
    assertTrue(KexPreference.postQuantum(pq.get(0).getName()), pq.get(0).getName());
    assertEquals(new HashSet<>(defaults), new HashSet<>(fast));
    assertEquals(new HashSet<>(defaults), new HashSet<>(pq));
  }

  @Test
  void negotiatesWhatEachPreferenceProposesFirst() throws Exception {
    RealSshd sshd = server("127.0.61.1", null);
    assertTrue(
        negotiated(sshd, KexPreference.FAST).contains("kex: algorithm: curve25519-sha256"),
        sshd.log());
    RealSshd other = server("127.0.61.2", null);
    assertTrue(
        negotiated(other, KexPreference.PQ).contains("kex: algorithm: sntrup761x25519-sha512"),
        other.log());
  }

  @Test
  void eitherPreferenceFallsBackToWhatTheServerOffers() throws Exception {
    RealSshd pqOnly = server("127.0.61.3", "sntrup761x25519-sha512@openssh.com");
    assertTrue(
        negotiated(pqOnly, KexPreference.FAST).contains("kex: algorithm: sntrup761x25519"),
        pqOnly.log());
    RealSshd classicOnly = server("127.0.61.4", "curve25519-sha256");
    assertTrue(
        negotiated(classicOnly, KexPreference.PQ).contains("kex: algorithm: curve25519-sha256"),
        classicOnly.log());
  }

  private RealSshd server(String address, String onlyKex) {
    RealSshd.assumeAvailable();
    if (me == null) {
      me = SshKeys.generate(dir.resolve("keys"), "id", Type.ED25519);
    }
    RealSshd.Builder b =
        RealSshd.builder(dir)
            .address(address)
            .hostKeys(Type.ED25519)
            .authorizeLogin(me.publicKey())
            .config("LogLevel DEBUG1");
    if (onlyKex != null) {
      b.config("KexAlgorithms " + onlyKex);
    }
    return b.start();
  }

  /** Runs one command and returns the server's log, which names the key exchange it agreed to. */
  private String negotiated(RealSshd sshd, KexPreference kex) throws Exception {
    Path known = dir.resolve("known_hosts-" + sshd.address());
    Files.write(known, sshd.knownHostsLines());
    SshSettings settings = SshRuns.settings(known, me.privateKey()).withKex(kex);
    ExecOutcome out = SshRuns.runOnce(settings, SshRuns.target("h", sshd), "echo ok", "");
    assertEquals(Status.OK, out.status(), out.toString());
    return sshd.log();
  }
}
