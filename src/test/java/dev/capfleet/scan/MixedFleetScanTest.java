package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.net.Socket;
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
 * {@code capfleet scan} against a fleet of real OpenSSH servers on loopback addresses, each host's
 * state made real in its own mount namespace (tmpfs, debugfs, bpffs, setcap on a copied binary) or
 * bounding set (capsh --drop), logged into as the non-root audit account whose PATH lacks
 * /usr/sbin.
 */
@ExtendWith(RealSshd.StopAll.class)
class MixedFleetScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAPS = "cap_bpf,cap_perfmon,cap_sys_ptrace=eip";

  @TempDir static Path dir;

  static KeyFile client;
  static final List<String> knownHosts = new ArrayList<>();
  static final StringBuilder inventory = new StringBuilder("[fleet]\n");
  static ServerSocket silent;
  static Thread silentAcceptor;
  static Map<String, JsonNode> hosts = new HashMap<>();
  static int exit;
  static String out;
  static long millis;

  @BeforeAll
  static void scanTheFleet() throws Exception {
    RealSshd.assumeAvailable();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    client = SshKeys.generate(dir, "id_ed25519", SshKeys.Type.ED25519);
    String mounts = "mount -t debugfs debugfs /sys/kernel/debug\nmount -t bpf bpf /sys/fs/bpf\n";

    host("ready", "127.0.31.1", mounts + binary("ready", "", CAPS), null, "");
    host("nocaps", "127.0.31.2", mounts + binary("nocaps", "", null), null, "");
    host("nosuid", "127.0.31.3", mounts + binary("nosuid", "nosuid,", CAPS), null, "");
    host("nomounts", "127.0.31.4", binary("nomounts", "", CAPS), null, "");
    host("dropped", "127.0.31.5", mounts + binary("dropped", "", CAPS), "cap_bpf,cap_perfmon", "");
    host("pcap", "127.0.31.6", mounts + binary("pcap", "", CAPS), null, " ecapture_mode=pcapng");

    // a host whose key in known_hosts is another server's: a changed key
    RealSshd other =
        RealSshd.builder(dir.resolve("other"))
            .address("127.0.31.7")
            .hostKeys(SshKeys.Type.ED25519)
            .authorizeLogin(client.publicKey())
            .start();
    RealSshd impostor =
        RealSshd.builder(dir.resolve("impostor"))
            .address("127.0.31.8")
            .hostKeys(SshKeys.Type.ED25519)
            .authorizeLogin(client.publicKey())
            .start();
    knownHosts.add(
        impostor.knownHostsName() + " " + other.hostKey(SshKeys.Type.ED25519).publicLine());
    inventory.append(
        "changedkey ansible_host=127.0.31.8 ansible_port="
            + impostor.port()
            + " ecapture_path=/usr/local/bin/ecapture\n");

    // nothing listens: refused
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.31.9"))) {
      closed = s.getLocalPort();
    }
    inventory.append("closed ansible_host=127.0.31.9 ansible_port=" + closed + "\n");

    // accepts TCP and never speaks
    silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.31.10"));
    List<Socket> held = new ArrayList<>();
    silentAcceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  held.add(silent.accept());
                }
              } catch (Exception e) {
                // closed
              }
            });
    silentAcceptor.setDaemon(true);
    silentAcceptor.start();
    inventory.append(
        "silent ansible_host=127.0.31.10 ansible_port=" + silent.getLocalPort() + "\n");

    Path inv = dir.resolve("fleet.ini");
    Files.writeString(inv, inventory);
    Path kh = dir.resolve("known_hosts");
    Files.write(kh, knownHosts);

    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    long t0 = System.nanoTime();
    exit =
        Main.run(
            new String[] {
              "scan",
              "-i",
              inv.toString(),
              "--model",
              "documented",
              "--known-hosts",
              kh.toString(),
              "--private-key",
              client.privateKey().toString(),
              "-u",
              RealSshd.loginUser(),
              "-T",
              "15",
              "--command-timeout",
              "20",
              "--out",
              dir.resolve("reports").toString(),
              "--name",
              "mixed",
              "--format",
              "json"
            },
            new PrintWriter(o),
            new PrintWriter(e),
            Map.of());
    millis = (System.nanoTime() - t0) / 1_000_000;
    out = o + "\n" + e;
    JsonNode report = JSON.readTree(dir.resolve("reports/mixed.json").toFile());
    report.path("hosts").forEach(h -> hosts.put(h.path("name").asText(), h));
  }

  /**
   * A host whose binary lives on a fresh tmpfs (optionally nosuid) in the host's own mount
   * namespace.
   */
  private static String binary(String name, String tmpfsOptions, String caps) {
    Path bin = dir.resolve("bin-" + name);
    return "mkdir -p "
        + bin
        + "\n"
        + "mount -t tmpfs -o "
        + tmpfsOptions
        + "mode=755 tmpfs "
        + bin
        + "\n"
        + "cp /bin/true "
        + bin
        + "/ecapture\nchmod 0750 "
        + bin
        + "/ecapture\n"
        + (caps == null ? "" : "setcap " + caps + " " + bin + "/ecapture\n");
  }

  private static void host(
      String name, String address, String setup, String dropBounding, String vars) {
    RealSshd.Builder b =
        RealSshd.builder(dir.resolve("sshd-" + name))
            .address(address)
            .hostKeys(SshKeys.Type.ED25519, SshKeys.Type.ECDSA, SshKeys.Type.RSA)
            .authorizeLogin(client.publicKey())
            .namespaceSetup(setup);
    if (dropBounding != null) {
      b.dropBoundingSet(dropBounding);
    }
    RealSshd sshd = b.start();
    // known_hosts holds only the ed25519 key, as ssh-keyscan -t ed25519 would write it
    knownHosts.add(sshd.knownHostsLine(SshKeys.Type.ED25519));
    inventory
        .append(name)
        .append(" ansible_host=")
        .append(address)
        .append(" ansible_port=")
        .append(sshd.port())
        .append(" ecapture_path=")
        .append(dir.resolve("bin-" + name).resolve("ecapture"))
        .append(vars)
        .append('\n');
  }

  @AfterAll
  static void stopSilent() throws Exception {
    if (silent != null) {
      silent.close();
    }
  }

  private static List<String> failed(String host, String rule) {
    List<String> caps = new ArrayList<>();
    hosts
        .get(host)
        .path("findings")
        .forEach(
            f -> {
              if (f.path("id").asText().equals(rule)
                  && f.path("status").asText().equals("failed")) {
                caps.add(f.path("capability").isNull() ? "" : f.path("capability").asText());
              }
            });
    return caps;
  }

  private static String verdict(String host) {
    return hosts.get(host).path("verdict").asText();
  }

  private static void assertVerdict(String expected, String host) {
    assertEquals(expected, verdict(host), () -> hosts.get(host).path("error").toString());
  }

  @Test
  void everyInventoryHostIsReportedOnce() {
    assertEquals(9, hosts.size(), out);
    assertEquals(4, exit, "an unreachable host makes exit code 4\n" + out);
  }

  @Test
  void restrictedBinaryWithCapabilitiesAndMountsIsReady() {
    assertVerdict("READY", "ready");
    assertEquals(RealSshd.loginUser(), hosts.get("ready").path("user").asText());
  }

  @Test
  void missingCapabilitiesAreNamed() {
    assertVerdict("NOT_READY", "nocaps");
    assertEquals(
        List.of("CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE"),
        failed("nocaps", "capability-granted"));
  }

  @Test
  void nosuidFilesystemIsNamed() {
    assertVerdict("NOT_READY", "nosuid");
    assertEquals(1, failed("nosuid", "filesystem-allows-file-capabilities").size());
  }

  @Test
  void missingDebugfsAndBpffsAreNamed() {
    assertVerdict("NOT_READY", "nomounts");
    assertEquals(1, failed("nomounts", "debugfs-mounted").size());
    assertEquals(1, failed("nomounts", "bpffs-mounted").size());
  }

  @Test
  void droppedBoundingSetIsNamed() {
    assertVerdict("NOT_READY", "dropped");
    assertEquals(
        List.of("CAP_BPF", "CAP_PERFMON"), failed("dropped", "capability-in-bounding-set"));
  }

  @Test
  void pcapngHostNeedsNetAdmin() {
    assertEquals("pcapng", hosts.get("pcap").path("mode").asText());
    assertEquals(List.of("CAP_NET_ADMIN"), failed("pcap", "capability-granted"));
  }

  @Test
  void changedHostKeyIsUnreachableWithFingerprint() {
    JsonNode h = hosts.get("changedkey");
    assertEquals("UNREACHABLE", h.path("verdict").asText());
    assertEquals("host-key-changed", h.path("error").path("kind").asText());
    assertTrue(h.path("error").path("message").asText().contains("SHA256:"), h.toPrettyString());
  }

  @Test
  void closedAndSilentPortsAreUnreachableWithinTheirTimeouts() {
    assertEquals("connect-refused", hosts.get("closed").path("error").path("kind").asText());
    assertVerdict("UNREACHABLE", "silent");
    assertEquals("connect-timeout", hosts.get("silent").path("error").path("kind").asText());
    assertTrue(
        hosts.get("silent").path("millis").asLong() < 17_000, hosts.get("silent").toPrettyString());
    assertTrue(millis < 60_000, "the scan took " + millis + " ms");
  }
}
