package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecOutcome.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh_config's IdentityFile list and IdentitiesOnly through a real sshd that accepts only the
 * second identity file, with an ssh-agent holding two other keys: the keys capfleet offers, in the
 * order the server saw them, are the keys OpenSSH's own client offers for the same settings ({@code
 * ssh -v}: "Offering public key"), run in the test against the same server and agent.
 */
@ExtendWith(RealSshd.StopAll.class)
class IdentityOrderTest {
  /** sshd (LogLevel DEBUG1) names each key a client offers or signs with. */
  private static final Pattern SERVER_SAW =
      Pattern.compile("userauth_pubkey: .*?(SHA256:[A-Za-z0-9+/]+)");

  private static final Pattern SSH_OFFERED =
      Pattern.compile("Offering public key: .*?(SHA256:[A-Za-z0-9+/]+)");

  @TempDir static Path dir;
  static RealSshd sshd;
  static KeyFile refused;
  static KeyFile accepted;
  static List<KeyFile> agentKeys = new ArrayList<>();
  static Path knownHosts;
  static Path socket;
  static Process agent;

  @BeforeAll
  static void serverAndAgent() throws Exception {
    RealSshd.assumeAvailable();
    // the login user may be the audit account, which must reach authorized_keys under dir
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path keys = dir.resolve("keys");
    refused = SshKeys.generate(keys, "first_refused", Type.ED25519);
    accepted = SshKeys.generate(keys, "second_accepted", Type.ED25519);
    for (int i = 0; i < 2; i++) {
      agentKeys.add(SshKeys.generate(keys, "agent" + i, Type.ED25519));
    }
    sshd =
        RealSshd.builder(dir.resolve("sshd"))
            .address("127.0.14.41")
            .hostKeys(Type.ED25519)
            .authorizeLogin(accepted.publicKey())
            .config("LogLevel DEBUG1")
            .start();
    knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, sshd.knownHostsLine(Type.ED25519) + "\n");
    socket = dir.resolve("agent.sock");
    agent =
        new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile())
            .start();
    for (int i = 0; i < 100 && !Files.exists(socket); i++) {
      Thread.sleep(20);
    }
    sshAdd(socket, agentKeys.get(0).privateKey(), agentKeys.get(1).privateKey());
  }

  @AfterAll
  static void stopAgent() {
    if (agent != null) {
      agent.destroyForcibly();
    }
  }

  private static void sshAdd(Path socket, Path... keys) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ssh-add", "-q"));
    for (Path k : keys) {
      argv.add(k.toString());
    }
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("SSH_AUTH_SOCK", socket.toString());
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor());
  }

  /** Runs capfleet once; returns the fingerprints the server saw, in order. */
  private static List<String> capfleetOffers(Boolean identitiesOnly) {
    return capfleetOffers(identitiesOnly, socket);
  }

  private static List<String> capfleetOffers(Boolean identitiesOnly, Path socket) {
    int before = sshd.log().length();
    SshSettings settings =
        SshSettings.strict(knownHosts)
            .withDefaultUser(RealSshd.loginUser())
            .withEnvironment(Map.of(SshSettings.AGENT_ENV, socket.toString()));
    SshTarget target =
        SshRuns.target("web1", sshd)
            .withIdentities(List.of(refused.privateKey(), accepted.privateKey()), identitiesOnly);
    ExecOutcome o = SshRuns.runOnce(settings, target, "echo in", null);
    assertEquals(Status.OK, o.status(), o.message() + "\n" + sshd.log());
    return distinct(SERVER_SAW, sshd.log().substring(before));
  }

  /**
   * Runs OpenSSH's client with the same keys, agent and IdentitiesOnly; returns what it offered.
   */
  private static List<String> opensshOffers(String identitiesOnly) throws Exception {
    return opensshOffers(identitiesOnly, socket);
  }

  private static List<String> opensshOffers(String identitiesOnly, Path socket) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "ssh",
                "-v",
                "-F",
                "none",
                "-o",
                "BatchMode=yes",
                "-o",
                "UserKnownHostsFile=" + knownHosts,
                "-o",
                "GlobalKnownHostsFile=/dev/null",
                "-o",
                "IdentityAgent=" + socket,
                "-o",
                "IdentityFile=" + refused.privateKey(),
                "-o",
                "IdentityFile=" + accepted.privateKey()));
    if (identitiesOnly != null) {
      argv.addAll(List.of("-o", "IdentitiesOnly=" + identitiesOnly));
    }
    argv.addAll(
        List.of("-p", "" + sshd.port(), "-l", RealSshd.loginUser(), sshd.address(), "true"));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return distinct(SSH_OFFERED, out);
  }

  private static List<String> distinct(Pattern p, String text) {
    List<String> seen = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (!seen.contains(m.group(1))) {
        seen.add(m.group(1));
      }
    }
    return seen;
  }

  private static List<String> fingerprints(KeyFile... keys) {
    return java.util.Arrays.stream(keys).map(KeyFile::fingerprint).toList();
  }

  @Test
  void identitiesOnlyYesTriesEachFileInOrderAndNoAgentKey() throws Exception {
    List<String> expected = fingerprints(refused, accepted);
    assertEquals(expected, opensshOffers("yes"), "OpenSSH itself");
    assertEquals(expected, capfleetOffers(true));
  }

  @Test
  void identitiesOnlyNoOffersTheAgentsKeysFirstAsOpenSshDoes() throws Exception {
    List<String> expected = fingerprints(agentKeys.get(0), agentKeys.get(1), refused, accepted);
    assertEquals(expected, opensshOffers("no"), "OpenSSH itself");
    assertEquals(expected, capfleetOffers(false));
  }

  @Test
  void unsetKeepsCapfleetsDefaultOfFileKeysAlone() {
    // OpenSSH's default is IdentitiesOnly no; capfleet's, without a word in ssh_config, offers
    // the file keys alone (see KeysBeforeAgent)
    assertEquals(fingerprints(refused, accepted), capfleetOffers(null));
  }

  @Test
  void anAgentKeyThatIsAlsoAnIdentityFileGoesFirstAndIsOfferedOnce() throws Exception {
    Path own = dir.resolve("agent2.sock");
    Process second =
        new ProcessBuilder("ssh-agent", "-D", "-a", own.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent2.log").toFile())
            .start();
    try {
      for (int i = 0; i < 100 && !Files.exists(own); i++) {
        Thread.sleep(20);
      }
      sshAdd(own, agentKeys.get(0).privateKey(), accepted.privateKey());
      // ssh -v: "Will attempt key: ... second_accepted ... explicit agent", then agent0, then
      // first_refused; the server accepts the first one offered
      List<String> expected = fingerprints(accepted);
      assertEquals(expected, opensshOffers("no", own), "OpenSSH itself");
      assertEquals(expected, capfleetOffers(false, own));
    } finally {
      second.destroyForcibly();
    }
  }
}
