package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.testing.Processes;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (systemd, timeout) or SIGINT (Ctrl-C) during a scan: capfleet stops within seconds and
 * still writes a whole report naming every host, the unfinished ones INCONCLUSIVE with reason
 * {@code interrupted}, and leaves no partial or temporary report file.
 */
@ExtendWith(RealSshd.StopAll.class)
class InterruptedScanIT {
  @TempDir Path dir;

  @Test
  void sigtermStopsTheScanAndReportsEveryHost() throws Exception {
    interrupt("127.0.32.", Process::destroy); // SIGTERM, as systemd and timeout(1) send
  }

  @Test
  void sigintStopsTheScanTheSameWay() throws Exception {
    interrupt(
        "127.0.52.",
        p -> {
          // a JVM leaves SIGINT alone when it started with SIGINT ignored (nohup, a background job
          // of a script)
          Assumptions.assumeFalse(ignores(p.pid(), 2), "capfleet was started with SIGINT ignored");
          Processes.run(List.of("kill", "-INT", Long.toString(p.pid()))); // Ctrl-C
        });
  }

  private void interrupt(String addresses, Consumer<Process> signal) throws Exception {
    RealSshd.assumeAvailable();
    // sshd reads the audit account's authorized_keys as that account: the folder must be
    // traversable
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    SshKeys.KeyFile key = SshKeys.generate(dir, "id", SshKeys.Type.ED25519);
    List<String> knownHosts = new ArrayList<>();
    StringBuilder inv = new StringBuilder("[hang]\n");
    for (int i = 1; i <= 3; i++) {
      RealSshd s =
          RealSshd.builder(dir.resolve("h" + i))
              .address(addresses + i)
              .hostKeys(SshKeys.Type.ED25519)
              .authorizeLogin(key.publicKey())
              .forceCommand("sleep 600")
              .start();
      knownHosts.add(s.knownHostsLine(SshKeys.Type.ED25519));
      inv.append("hang")
          .append(i)
          .append(" ansible_host=")
          .append(s.address())
          .append(" ansible_port=")
          .append(s.port())
          .append('\n');
    }
    Path kh = Files.write(dir.resolve("known_hosts"), knownHosts);
    Path inventory = Files.writeString(dir.resolve("hang.ini"), inv);
    Path out = dir.resolve("reports");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-jar",
                System.getProperty("capfleet.jar", "target/capfleet.jar"),
                "scan",
                "-i",
                inventory.toString(),
                "--known-hosts",
                kh.toString(),
                "--private-key",
                key.privateKey().toString(),
                "-u",
                RealSshd.loginUser(),
                "-T",
                "60",
                "--auth-timeout",
                "60",
                "--command-timeout",
                "300",
                "--host-timeout",
                "400",
                "--out",
                out.toString(),
                "--name",
                "interrupted",
                "--format",
                "json,xlsx")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console.txt").toFile())
            .start();
    // let every host connect and hang in its probe (seconds, or more on a loaded machine)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (hangingSessions() < 3 && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(200);
    }
    Thread.sleep(500);
    assertTrue(
        p.isAlive(),
        () -> "exited early with " + p.exitValue() + ": " + read(dir.resolve("console.txt")));
    long t0 = System.nanoTime();
    signal.accept(p);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      // say where it hangs: a JVM prints every thread's stack on SIGQUIT, here into console.txt
      new ProcessBuilder("kill", "-QUIT", Long.toString(p.pid())).start().waitFor();
      Thread.sleep(1500);
      p.destroyForcibly();
      throw new AssertionError(
          "capfleet did not stop within 10 s of the signal; its threads:\n"
              + read(dir.resolve("console.txt")));
    }
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
      // whole reports only: AtomicFiles writes a temporary and renames it, which is gone once
      // capfleet exits
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertTrue(names.contains("interrupted.json"), names.toString());
      assertTrue(
          Set.of("interrupted.json", "interrupted.xlsx").containsAll(names),
          "no temporary or partial file is left behind: " + names);
    }
    assertTrue(stopMillis < 10_000, "stopped in " + stopMillis + " ms");
  }

  /**
   * The {@code sleep 600} sessions of this test's sshd servers (their command lines name its
   * folder).
   */
  private long hangingSessions() {
    return ProcessHandle.allProcesses()
        .filter(
            h ->
                h.info().command().orElse("").endsWith("sleep")
                    && List.of("600").equals(List.of(h.info().arguments().orElse(new String[0]))))
        .filter(
            h ->
                Stream.iterate(h.parent(), Optional::isPresent, o -> o.get().parent())
                    .anyMatch(
                        a -> a.get().info().commandLine().orElse("").contains(dir.toString())))
        .count();
  }

  /** True when the process ignores signal {@code sig} (its bit in SigIgn of /proc/PID/status). */
  private static boolean ignores(long pid, int sig) {
    for (String line : read(Path.of("/proc/" + pid + "/status")).split("\n")) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (sig - 1))) != 0;
      }
    }
    return false;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
