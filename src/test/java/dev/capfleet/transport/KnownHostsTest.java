package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.transport.HostKeyVerdict.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {
  @TempDir Path dir;

  private static final PublicKey EC = ec();
  private static final PublicKey OTHER_EC = ec();

  @Test
  void bracketedEntryMatchesOnlyItsPort() throws Exception {
    KnownHosts kh = file("[10.0.0.5]:2222 " + line(EC));
    assertEquals(Kind.TRUSTED, kh.check("10.0.0.5", 2222, EC).kind());
    assertEquals(Kind.UNKNOWN, kh.check("10.0.0.5", 22, EC).kind());
  }

  @Test
  void bareEntryMatchesPort22Only() throws Exception {
    KnownHosts kh = file("web1,10.0.0.5 " + line(EC));
    assertEquals(Kind.TRUSTED, kh.check("web1", 22, EC).kind());
    assertEquals(Kind.TRUSTED, kh.check("WEB1", 22, EC).kind());
    assertEquals(Kind.UNKNOWN, kh.check("web1", 2222, EC).kind());
  }

  @Test
  void wildcardsAndNegationFollowOpenSsh() throws Exception {
    KnownHosts kh = file("web*,!web9 " + line(EC));
    assertEquals(Kind.TRUSTED, kh.check("web1", 22, EC).kind());
    assertEquals(Kind.UNKNOWN, kh.check("web9", 22, EC).kind());
    assertTrue(HostPatterns.matchesList(List.of("*"), HostPatterns.hostKeyName("web1", 2222)));
    assertFalse(HostPatterns.matchesList(List.of("web?"), HostPatterns.hostKeyName("web12", 22)));
  }

  @Test
  void otherKeyForKnownHostIsChangedWithLineNumber() throws Exception {
    KnownHosts kh = file("# comment", "web1 " + line(OTHER_EC));
    HostKeyVerdict v = kh.check("web1", 22, EC);
    assertEquals(Kind.CHANGED, v.kind());
    assertTrue(v.detail().contains("(line 2)"), v.detail());
    assertTrue(v.offered().startsWith("ECDSA SHA256:"), v.offered());
  }

  @Test
  void revokedWildcardAppliesToEveryPort() throws Exception {
    KnownHosts kh = file("@revoked * " + line(EC), "[web1]:2222 " + line(EC));
    assertEquals(Kind.REVOKED, kh.check("web1", 2222, EC).kind());
  }

  @Test
  void skipsCertAuthorityAndGarbageLines() throws Exception {
    KnownHosts kh = file("@cert-authority * " + line(EC), "garbage", "web1 ssh-ed25519 !!!");
    assertEquals(Kind.UNKNOWN, kh.check("web1", 22, EC).kind());
  }

  @Test
  void keyTypesListWhatIsKnownForTheHost() throws Exception {
    KnownHosts kh = file("web1 " + line(EC), "web2 " + line(rsa()));
    assertEquals(Set.of("ecdsa-sha2-nistp256"), kh.keyTypes("web1", 22));
    assertEquals(Set.of(), kh.keyTypes("web3", 22));
  }

  @Test
  void trustOnFirstUseAppendsHashedOnceAndSeesLaterEdits() throws Exception {
    Path f = dir.resolve("known_hosts");
    Files.writeString(f, "other " + line(OTHER_EC)); // no final newline
    KnownHosts kh = new KnownHosts(f);
    assertEquals(Kind.ADDED, kh.trustOnFirstUse("web1", 2222, EC).kind());
    assertEquals(Kind.TRUSTED, kh.trustOnFirstUse("web1", 2222, EC).kind());
    assertEquals(Kind.CHANGED, kh.trustOnFirstUse("web1", 2222, OTHER_EC).kind());
    List<String> lines = Files.readAllLines(f);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(1).startsWith("|1|"), lines.get(1));
    assertEquals(Kind.TRUSTED, kh.check("web1", 2222, EC).kind());
  }

  @Test
  void appendingManyNewHostsDoesNotReparseTheFileEachTime() throws Exception {
    Path f = dir.resolve("big_known_hosts");
    String key = line(OTHER_EC);
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      big.append("old").append(i).append(' ').append(key).append('\n');
    }
    Files.writeString(f, big);
    KnownHosts kh = new KnownHosts(f);
    for (int i = 0; i < 64; i++) {
      assertEquals(Kind.ADDED, kh.trustOnFirstUse("new" + i, 22, EC).kind());
    }
    assertTrue(kh.parses() <= 1, "parsed " + kh.parses() + " times");
    assertEquals(Kind.TRUSTED, kh.check("new63", 22, EC).kind());
    assertEquals(20_064, Files.readAllLines(f).size());
    Files.writeString(f, "new63 " + key + "\n"); // an edit by someone else is still seen
    assertEquals(Kind.CHANGED, kh.check("new63", 22, EC).kind());
  }

  @Test
  void indexedLinesKeepFileOrderAndOpenSshMatching() throws Exception {
    Path f = dir.resolve("mixed");
    new KnownHosts(f).trustOnFirstUse("web1", 22, OTHER_EC); // hashed, read back unindexed
    Files.write(
        f,
        List.of(
            "WEB1,db1 " + line(OTHER_EC),
            "web*,!web7 " + line(OTHER_EC),
            "web7,!web7 " + line(EC), // negated as well: matches nothing
            "web1 " + line(OTHER_EC)),
        java.nio.file.StandardOpenOption.APPEND);
    KnownHosts kh = new KnownHosts(f);
    HostKeyVerdict v = kh.check("web1", 22, EC);
    assertEquals(Kind.CHANGED, v.kind());
    assertEquals(4, v.detail().split("\\(line ").length - 1, v.detail());
    assertTrue(v.detail().matches(".*line 1.*line 2.*line 3.*line 5.*"), v.detail());
    assertEquals(Kind.UNKNOWN, kh.check("web7", 22, EC).kind());
    assertEquals(Kind.TRUSTED, kh.check("DB1", 22, OTHER_EC).kind());
    assertEquals(Kind.TRUSTED, kh.check("web3", 22, OTHER_EC).kind());
  }

  @Test
  void hostsAddedThisRunAreFoundUnderTheirName() throws Exception {
    Path f = dir.resolve("added");
    KnownHosts kh = new KnownHosts(f);
    assertEquals(Kind.ADDED, kh.trustOnFirstUse("Web1", 2222, EC).kind());
    assertEquals(Kind.TRUSTED, kh.check("web1", 2222, EC).kind());
    assertEquals(Kind.UNKNOWN, kh.check("web1", 22, EC).kind());
    assertEquals(Set.of("ecdsa-sha2-nistp256"), kh.keyTypes("WEB1", 2222));
  }

  private KnownHosts file(String... lines) throws Exception {
    Path f = Files.createTempFile(dir, "kh", "");
    Files.write(f, List.of(lines));
    return new KnownHosts(f);
  }

  private static String line(PublicKey key) {
    try {
      return PublicKeyEntry.appendPublicKeyEntry(new StringBuilder(), key).toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static PublicKey ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair().getPublic();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static PublicKey rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(1024);
      return g.generateKeyPair().getPublic();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
