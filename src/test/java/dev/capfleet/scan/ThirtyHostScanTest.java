package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.cli.Main;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * 30 loopback hosts, 20 served by two real OpenSSH processes (10 addresses each), 5 with nothing
 * listening and 5 that accept TCP and never speak: the scan reaches every live host and finishes
 * within the timeouts it was given.
 */
@ExtendWith(RealSshd.StopAll.class)
class ThirtyHostScanTest {
  private static final int PORT = 2222;
  private static final int CONNECT_TIMEOUT = 6;

  @TempDir Path dir;

  @Test
  void mixedDeadAndSilentFleetFinishesWithinItsTimeouts() throws Exception {
    RealSshd.assumeAvailable();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    SshKeys.KeyFile key = SshKeys.generate(dir, "id", SshKeys.Type.ED25519);
    List<String> knownHosts = new ArrayList<>();
    StringBuilder inv = new StringBuilder("[live]\n");
    for (int server = 0; server < 2; server++) {
      RealSshd.Builder b =
          RealSshd.builder(dir.resolve("sshd" + server))
              .address(address(server, 0))
              .port(PORT)
              .hostKeys(SshKeys.Type.ED25519)
              .authorizeLogin(key.publicKey())
              .config("MaxStartups 100:30:200");
      for (int i = 1; i < 10; i++) {
        b.config("ListenAddress " + address(server, i) + ":" + PORT);
      }
      RealSshd sshd = b.start();
      for (int i = 0; i < 10; i++) {
        knownHosts.add(
            "["
                + address(server, i)
                + "]:"
                + PORT
                + " "
                + sshd.hostKey(SshKeys.Type.ED25519).publicLine());
        inv.append("live-")
            .append(server)
            .append('-')
            .append(i)
            .append(" ansible_host=")
            .append(address(server, i))
            .append(" ansible_port=")
            .append(PORT)
            .append('\n');
      }
    }
    inv.append("[dead]\n");
    for (int i = 0; i < 5; i++) {
      String a = "127.0.35." + (10 + i);
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(a))) {
        port = s.getLocalPort();
      }
      inv.append("dead-")
          .append(i)
          .append(" ansible_host=")
          .append(a)
          .append(" ansible_port=")
          .append(port)
          .append('\n');
    }
    inv.append("[silent]\n");
    List<ServerSocket> silent = new ArrayList<>();
    List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 5; i++) {
      ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.35." + (20 + i)));
      silent.add(s);
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(s.accept());
                  }
                } catch (Exception e) {
                  // closed at the end of the test
                }
              });
      t.setDaemon(true);
      t.start();
      inv.append("silent-")
          .append(i)
          .append(" ansible_host=127.0.35.")
          .append(20 + i)
          .append(" ansible_port=")
          .append(s.getLocalPort())
          .append('\n');
    }
    Path kh = Files.write(dir.resolve("known_hosts"), knownHosts);
    Path inventory = Files.writeString(dir.resolve("thirty.ini"), inv);
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      long t0 = System.nanoTime();
      int exit =
          Main.run(
              new String[] {
                "scan",
                "-i",
                inventory.toString(),
                "--known-hosts",
                kh.toString(),
                "--private-key",
                key.privateKey().toString(),
                "-u",
                RealSshd.loginUser(),
                "-f",
                "30",
                "-T",
                String.valueOf(CONNECT_TIMEOUT),
                "--auth-timeout",
                "20",
                "--command-timeout",
                "20",
                "--out",
                dir.toString(),
                "--name",
                "thirty",
                "--format",
                "json"
              },
              new PrintWriter(out),
              new PrintWriter(err),
              Map.of());
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(4, exit, out + "\n" + err);
      JsonNode report = new ObjectMapper().readTree(dir.resolve("thirty.json").toFile());
      Map<String, JsonNode> hosts = new HashMap<>();
      report.path("hosts").forEach(h -> hosts.put(h.path("name").asText(), h));
      assertEquals(30, hosts.size());
      for (var e : hosts.entrySet()) {
        JsonNode h = e.getValue();
        String name = e.getKey();
        if (name.startsWith("live")) {
          assertTrue(
              h.path("kernel").path("release").isTextual(),
              name + " was reached: " + h.path("error"));
        } else {
          assertEquals("UNREACHABLE", h.path("verdict").asText(), name);
          assertEquals(
              name.startsWith("dead") ? "connect-refused" : "connect-timeout",
              h.path("error").path("kind").asText(),
              name);
          assertTrue(
              h.path("millis").asLong() <= CONNECT_TIMEOUT * 1000L + 2000,
              name + " took " + h.path("millis") + " ms");
        }
      }
      // every host runs concurrently (-f 30): the scan is bounded by the slowest timeout, not their
      // sum
      assertTrue(millis < 45_000, "30 hosts took " + millis + " ms");
    } finally {
      for (ServerSocket s : silent) {
        s.close();
      }
    }
  }

  private static String address(int server, int i) {
    return "127.0.34." + (server * 10 + i + 1);
  }
}
