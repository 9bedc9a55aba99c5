package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.cli.Main;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capfleet scan -F ssh_config} against real OpenSSH servers: a host known to the inventory
 * only by an ssh_config alias, reached through a real bastion named by ProxyJump there; and hosts
 * configured with a ProxyCommand (in ssh_config and in ansible_ssh_common_args), which are never
 * contacted.
 */
@ExtendWith(RealSshd.StopAll.class)
class SshConfigScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAPS = "cap_bpf,cap_perfmon,cap_sys_ptrace=eip";

  @TempDir static Path dir;

  static RealSshd bastion;
  static RealSshd target;
  static RealSshd proxied;
  static Map<String, JsonNode> hosts = new HashMap<>();
  static int exit;
  static String out;

  /** Connections the proxied server had before the scan (the harness's own readiness check). */
  static long proxiedBefore;

  @BeforeAll
  static void scanThroughTheBastion() throws Exception {
    RealSshd.assumeAvailable();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    KeyFile client = SshKeys.generate(dir, "id_ed25519", SshKeys.Type.ED25519);
    Path bin = dir.resolve("bin");
    String setup =
        "mount -t debugfs debugfs /sys/kernel/debug\nmount -t bpf bpf /sys/fs/bpf\n"
            + "mkdir -p "
            + bin
            + "\nmount -t tmpfs -o mode=755 tmpfs "
            + bin
            + "\n"
            + "cp /bin/true "
            + bin
            + "/ecapture\nchmod 0750 "
            + bin
            + "/ecapture\nsetcap "
            + CAPS
            + " "
            + bin
            + "/ecapture\n";
    // The bastion logs every forwarding it opens; the targets log every connection they get.
    bastion =
        RealSshd.builder(dir.resolve("bastion"))
            .address("127.0.33.1")
            .hostKeys(SshKeys.Type.ED25519)
            .authorizeLogin(client.publicKey())
            .config("LogLevel DEBUG1")
            .config("AllowTcpForwarding yes")
            .start();
    target =
        RealSshd.builder(dir.resolve("target"))
            .address("127.0.33.2")
            .hostKeys(SshKeys.Type.ED25519)
            .authorizeLogin(client.publicKey())
            .config("LogLevel VERBOSE")
            .namespaceSetup(setup)
            .start();
    proxied =
        RealSshd.builder(dir.resolve("proxied"))
            .address("127.0.33.3")
            .hostKeys(SshKeys.Type.ED25519)
            .authorizeLogin(client.publicKey())
            .config("LogLevel VERBOSE")
            .start();

    Path marker = dir.resolve("proxy-command-ran");
    Path sshConfig = dir.resolve("ssh_config");
    Files.writeString(
        sshConfig,
        String.join(
            "\n",
            "Host jump",
            "  HostName " + bastion.address(),
            "  Port " + bastion.port(),
            "",
            "Host behind-bastion",
            "  HostName " + target.address(),
            "  Port " + target.port(),
            "  ProxyJump jump",
            "",
            "Host via-command",
            "  HostName " + proxied.address(),
            "  Port " + proxied.port(),
            "  ProxyCommand touch " + marker,
            "",
            "Match host " + proxied.address(),
            "  ProxyJump jump",
            ""));
    Path inv = dir.resolve("hosts");
    Files.writeString(
        inv,
        "[fleet]\nbehind-bastion ecapture_path="
            + bin.resolve("ecapture")
            + "\nvia-command\n"
            + "via-args ansible_host="
            + proxied.address()
            + " ansible_port="
            + proxied.port()
            + " ansible_ssh_common_args='-o ProxyCommand=\"touch "
            + marker
            + "\"'\n");
    Path kh = dir.resolve("known_hosts");
    Files.write(
        kh,
        List.of(
            bastion.knownHostsLine(SshKeys.Type.ED25519),
            target.knownHostsLine(SshKeys.Type.ED25519),
            proxied.knownHostsLine(SshKeys.Type.ED25519)));

    proxiedBefore = connections(proxied);
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    // the documented model: this test is about the route; its target carries the documented set
    exit =
        Main.run(
            new String[] {
              "scan",
              "--model",
              "documented",
              "-i",
              inv.toString(),
              "-F",
              sshConfig.toString(),
              "--known-hosts",
              kh.toString(),
              "--private-key",
              client.privateKey().toString(),
              "-u",
              RealSshd.loginUser(),
              "-T",
              "15",
              "--out",
              dir.resolve("reports").toString(),
              "--name",
              "r",
              "--format",
              "json"
            },
            new PrintWriter(o),
            new PrintWriter(e),
            Map.of());
    out = o + "\n" + e;
    JsonNode report = JSON.readTree(dir.resolve("reports/r.json").toFile());
    report.path("hosts").forEach(h -> hosts.put(h.path("name").asText(), h));
    assertFalse(Files.exists(marker), "a ProxyCommand was run");
  }

  private static long connections(RealSshd sshd) {
    return sshd.log().lines().filter(l -> l.startsWith("Connection from")).count();
  }

  @Test
  void aHostKnownOnlyByItsAliasIsReadyThroughTheBastion() {
    JsonNode h = hosts.get("behind-bastion");
    assertEquals(
        "READY", h.path("verdict").asText(), () -> h.path("error") + "\n" + out + bastion.log());
    assertEquals(target.address(), h.path("address").asText());
    assertEquals(target.port(), h.path("port").asInt());
    assertEquals(List.of("fleet"), JSON.convertValue(h.path("groups"), List.class));
    // The route: the bastion opened the forwarding to the target, and the target saw a session.
    assertTrue(
        bastion.log().contains("direct-tcpip") && bastion.log().contains(target.address()),
        bastion.log());
    assertTrue(target.log().contains("Accepted publickey"), target.log());
  }

  @Test
  void proxyCommandHostsAreUnreachableWithTheReasonAndNeverContacted() {
    for (String name : List.of("via-command", "via-args")) {
      JsonNode h = hosts.get(name);
      assertEquals("UNREACHABLE", h.path("verdict").asText(), name);
      assertEquals("proxy-command-unsupported", h.path("error").path("kind").asText(), name);
      String why = h.path("error").path("message").asText();
      assertTrue(
          why.contains("ProxyCommand")
              && why.contains("not supported")
              && why.contains("ProxyJump"),
          why);
    }
    assertTrue(
        hosts.get("via-command").path("error").path("message").asText().contains("ssh_config"));
    assertTrue(
        hosts
            .get("via-args")
            .path("error")
            .path("message")
            .asText()
            .contains("ansible_ssh_common_args"));
    assertEquals(proxiedBefore, connections(proxied), proxied.log());
    assertEquals(4, exit, out);
  }
}
