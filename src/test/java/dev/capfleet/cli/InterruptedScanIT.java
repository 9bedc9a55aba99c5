package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a scan (what Ctrl-C and systemd send): capfleet stops within seconds and still writes a whole
 * report naming every host, the unfinished ones INCONCLUSIVE with reason {@code interrupted}.
 */
@ExtendWith(RealSshd.StopAll.class)
class InterruptedScanIT {
  @TempDir
  Path dir;

  @Test
  void sigtermStopsTheScanAndReportsEveryHost() throws Exception {
    RealSshd.assumeAvailable();
    // sshd reads the audit account's authorized_keys as that account: the folder must be traversable
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    SshKeys.KeyFile key = SshKeys.generate(dir, "id", SshKeys.Type.ED25519);
    List<String> knownHosts = new ArrayList<>();
    StringBuilder inv = new StringBuilder("[hang]\n");
    for (int i = 1; i <= 3; i++) {
      RealSshd s = RealSshd.builder(dir.resolve("h" + i)).address("127.0.32." + i)
          .hostKeys(SshKeys.Type.ED25519).authorizeLogin(key.publicKey()).forceCommand("sleep 600").start();
      knownHosts.add(s.knownHostsLine(SshKeys.Type.ED25519));
      inv.append("hang").append(i).append(" ansible_host=").append(s.address()).append(" ansible_port=")
          .append(s.port()).append('\n');
    }
    Path kh = Files.write(dir.resolve("known_hosts"), knownHosts);
    Path inventory = Files.writeString(dir.resolve("hang.ini"), inv);
    Path out = dir.resolve("reports");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-jar", System.getProperty("capfleet.jar", "target/capfleet.jar"), "scan",
        "-i", inventory.toString(), "--known-hosts", kh.toString(), "--private-key", key.privateKey().toString(),
        "-u", RealSshd.loginUser(), "--command-timeout", "300", "--host-timeout", "400", "--out", out.toString(),
        "--name", "interrupted", "--format", "json")
        .redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile()).start();
    // let every host connect and hang in its probe
    Thread.sleep(5000);
    assertTrue(p.isAlive(), () -> "exited early with " + p.exitValue() + ": " + read(dir.resolve("console.txt")));
    long t0 = System.nanoTime();
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "capfleet did not stop within 10 s of SIGTERM");
    long stopMillis = (System.nanoTime() - t0) / 1_000_000;
    JsonNode report = new ObjectMapper().readTree(out.resolve("interrupted.json").toFile());
    assertTrue(report.path("scan").path("interrupted").asBoolean(), report.toPrettyString());
    Map<String, JsonNode> hosts = new HashMap<>();
    report.path("hosts").forEach(h -> hosts.put(h.path("name").asText(), h));
    assertEquals(3, hosts.size());
    for (JsonNode h : hosts.values()) {
      assertEquals("INCONCLUSIVE", h.path("verdict").asText(), h.toPrettyString());
      assertEquals("interrupted", h.path("error").path("kind").asText());
    }
    try (var files = Files.list(out)) {
      assertEquals(List.of("interrupted.json"), files.map(f -> f.getFileName().toString()).toList(),
          "no temporary file is left behind");
    }
    assertTrue(stopMillis < 10_000, "stopped in " + stopMillis + " ms");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
