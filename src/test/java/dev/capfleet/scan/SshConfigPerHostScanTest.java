package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.cli.Main;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh_config's per-host {@code UserKnownHostsFile} and {@code ConnectTimeout} applied in a real
 * scan: one real sshd under two aliases, one naming the only known_hosts file that holds its key; a
 * silent TCP listener (it never sends an SSH banner) under an alias with a short ConnectTimeout. A
 * second scan gives {@code --known-hosts} and {@code -T}, which win over ssh_config as capfleet's
 * flags do.
 */
@ExtendWith(RealSshd.StopAll.class)
class SshConfigPerHostScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  static RealSshd sshd;
  static ServerSocket silent;
  static KeyFile client;
  static Path inv;
  static Path sshConfig;

  @BeforeAll
  static void servers() throws Exception {
    RealSshd.assumeAvailable();
    Files.setPosixFilePermissions(
        dir, PosixFilePermissions.fromString("rwxr-xr-x")); // sshd's StrictModes
    client = SshKeys.generate(dir, "id_ed25519", SshKeys.Type.ED25519);
    sshd =
        RealSshd.builder(dir.resolve("sshd"))
            .address("127.0.34.1")
            .hostKeys(SshKeys.Type.ED25519)
            .authorizeLogin(client.publicKey())
            .config("LogLevel VERBOSE")
            .start();
    // accepts TCP (the kernel's backlog) and never says a word: the handshake can only time out
    silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.34.2"));
    Path own = dir.resolve("own_known_hosts");
    Files.write(own, List.of(sshd.knownHostsLine(SshKeys.Type.ED25519)));
    sshConfig = dir.resolve("ssh_config");
    Files.writeString(
        sshConfig,
        String.join(
            "\n",
            "Host own-file",
            "  HostName " + sshd.address(),
            "  Port " + sshd.port(),
            "  UserKnownHostsFile " + dir.resolve("absent_known_hosts") + " " + own,
            "",
            "Host default-file",
            "  HostName " + sshd.address(),
            "  Port " + sshd.port(),
            "",
            "Host silent",
            "  HostName 127.0.34.2",
            "  Port " + silent.getLocalPort(),
            "  ConnectTimeout 2",
            ""));
    inv = dir.resolve("hosts");
    Files.writeString(inv, "own-file\ndefault-file\nsilent\n");
    Files.createDirectories(
        dir.resolve("home/.ssh")); // HOME's known_hosts: none, so only own-file's key is known
  }

  @AfterAll
  static void stopListener() throws Exception {
    if (silent != null) {
      silent.close();
    }
  }

  private static Map<String, JsonNode> scan(String name, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "scan",
                "--model",
                "documented",
                "-i",
                inv.toString(),
                "-F",
                sshConfig.toString(),
                "--private-key",
                client.privateKey().toString(),
                "-u",
                RealSshd.loginUser(),
                "--out",
                dir.resolve("reports").toString(),
                "--name",
                name,
                "--format",
                "json"));
    args.addAll(List.of(extra));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Main.run(
        args.toArray(String[]::new),
        new PrintWriter(o),
        new PrintWriter(e),
        Map.of("HOME", dir.resolve("home").toString()));
    Map<String, JsonNode> hosts = new HashMap<>();
    JsonNode report = JSON.readTree(dir.resolve("reports/" + name + ".json").toFile());
    report.path("hosts").forEach(h -> hosts.put(h.path("name").asText(), h));
    assertEquals(3, hosts.size(), o + "\n" + e);
    return hosts;
  }

  @Test
  void sshConfigsKnownHostsFileAndConnectTimeoutApplyPerHost() throws Exception {
    long start = System.nanoTime();
    Map<String, JsonNode> hosts = scan("config");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;

    JsonNode own = hosts.get("own-file");
    assertNotEquals("UNREACHABLE", own.path("verdict").asText(), own.toString());
    assertTrue(sshd.log().contains("Accepted publickey"), sshd.log());

    JsonNode plain = hosts.get("default-file");
    assertEquals("UNREACHABLE", plain.path("verdict").asText(), plain.toString());
    assertEquals("host-key-unknown", plain.path("error").path("kind").asText(), plain.toString());
    assertTrue(
        plain
            .path("error")
            .path("message")
            .asText()
            .contains(dir.resolve("home/.ssh/known_hosts").toString()),
        plain.toString());

    JsonNode quiet = hosts.get("silent");
    assertEquals("UNREACHABLE", quiet.path("verdict").asText(), quiet.toString());
    assertTrue(
        quiet.path("error").path("message").asText().endsWith("within 2 s"), quiet.toString());
    assertTrue(seconds < 8, "the scan's default 10 s connect timeout was used: " + seconds + " s");
  }

  @Test
  void capfleetsFlagsWinOverSshConfig() throws Exception {
    Path empty = Files.writeString(dir.resolve("flag_known_hosts"), "");
    Map<String, JsonNode> hosts = scan("flags", "--known-hosts", empty.toString(), "-T", "1");

    JsonNode own = hosts.get("own-file");
    assertEquals("host-key-unknown", own.path("error").path("kind").asText(), own.toString());
    assertTrue(
        own.path("error").path("message").asText().contains(empty.toString()), own.toString());
    JsonNode quiet = hosts.get("silent");
    assertTrue(
        quiet.path("error").path("message").asText().endsWith("within 1 s"), quiet.toString());
  }
}
