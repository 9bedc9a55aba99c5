package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * --scan-timeout: a host whose probe hangs is INCONCLUSIVE at the deadline and the report is whole.
 */
@ExtendWith(RealSshd.StopAll.class)
class ScanTimeoutTest {
  @TempDir Path dir;

  @Test
  void hangingHostIsInconclusiveAtTheScanDeadline() throws Exception {
    RealSshd.assumeAvailable();
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    SshKeys.KeyFile key = SshKeys.generate(dir, "id", SshKeys.Type.ED25519);
    try (RealSshd s =
        RealSshd.builder(dir.resolve("h"))
            .address("127.0.14.41")
            .hostKeys(SshKeys.Type.ED25519)
            .authorizeLogin(key.publicKey())
            .forceCommand("sleep 600")
            .start()) {
      Path kh =
          Files.writeString(
              dir.resolve("known_hosts"), s.knownHostsLine(SshKeys.Type.ED25519) + "\n");
      Path inv =
          Files.writeString(
              dir.resolve("inv.ini"),
              "hang1 ansible_host=" + s.address() + " ansible_port=" + s.port() + "\n");
      Path out = dir.resolve("reports");
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      long t0 = System.nanoTime();
      int code =
          Main.run(
              new String[] {
                "scan",
                "-i",
                inv.toString(),
                "--known-hosts",
                kh.toString(),
                "--private-key",
                key.privateKey().toString(),
                "-u",
                RealSshd.loginUser(),
                "--command-timeout",
                "300",
                "--host-timeout",
                "400",
                "--scan-timeout",
                "3",
                "--out",
                out.toString(),
                "--name",
                "cron",
                "--format",
                "json,xlsx"
              },
              new PrintWriter(o, true),
              new PrintWriter(e, true),
              Map.of());
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertEquals(ExitCode.NOT_READY.code(), code, e.toString());
      assertTrue(seconds < 15, "took " + seconds + " s");
      JsonNode report = new ObjectMapper().readTree(out.resolve("cron.json").toFile());
      JsonNode h = report.path("hosts").get(0);
      assertEquals("INCONCLUSIVE", h.path("verdict").asText(), h.toPrettyString());
      assertEquals("scan-timeout", h.path("error").path("kind").asText(), h.toPrettyString());
      assertTrue(Files.size(out.resolve("cron.xlsx")) > 0);
    }
  }
}
