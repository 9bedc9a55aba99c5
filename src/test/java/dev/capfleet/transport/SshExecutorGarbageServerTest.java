package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.SshKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners that are not SSH servers at all: random bytes from the first byte, an endless preamble
 * of lines before any banner, a banner followed by junk. Each ends UNREACHABLE (the handshake
 * failed or timed out) within the connect timeout, whatever it keeps sending. Each server stops
 * sending after 20 s on its own.
 */
class SshExecutorGarbageServerTest {
  private static final ExecLimits LIMITS =
      SshRuns.FAST
          .withConnectTimeout(Duration.ofSeconds(4))
          .withHostDeadline(Duration.ofSeconds(20));

  @TempDir Path dir;

  @Test
  void randomBytesInsteadOfABanner() throws Exception {
    Random random = new Random(1);
    assertFailsFast(
        "127.0.54.1",
        () -> {
          byte[] junk = new byte[8192];
          random.nextBytes(junk);
          return junk;
        });
  }

  @Test
  void endlessLinesBeforeTheBanner() throws Exception {
    byte[] line =
        "220 welcome to a mail server, not SSH\r\n".repeat(200).getBytes(StandardCharsets.US_ASCII);
    assertFailsFast("127.0.54.2", () -> line);
  }

  @Test
  void bannerThenJunk() throws Exception {
    Random random = new Random(2);
    boolean[] first = {true};
    assertFailsFast(
        "127.0.54.3",
        () -> {
          if (first[0]) {
            first[0] = false;
            return "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII);
          }
          byte[] junk = new byte[8192];
          random.nextBytes(junk);
          return junk;
        });
  }

  private void assertFailsFast(String address, Supplier<byte[]> chunks) throws Exception {
    SshKeys.KeyFile key = SshKeys.generate(dir, "id", SshKeys.Type.ED25519);
    Path kh = Files.writeString(dir.resolve("known_hosts"), "");
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName(address));
        SshExecutor ssh =
            new SshExecutor(SshSettings.strict(kh).withIdentityFiles(List.of(key.privateKey())))) {
      Thread sender = new Thread(() -> serve(server, chunks));
      sender.setDaemon(true);
      sender.start();
      ExecOutcome o =
          SshRuns.await(
              ssh.run(SshTarget.of("junk", address, server.getLocalPort()), "true", null, LIMITS));
      assertTrue(o.status().unreachable(), o.toString());
      assertTrue(o.millis() < 8_000, o.toString());
      assertTrue(
          o.message().length() <= 600 && o.message().chars().noneMatch(Character::isISOControl),
          "one printable line: " + o.message());
    }
  }

  private static void serve(ServerSocket server, Supplier<byte[]> chunks) {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    try (Socket s = server.accept();
        OutputStream out = s.getOutputStream()) {
      while (System.nanoTime() < end) {
        out.write(chunks.get());
      }
    } catch (IOException e) {
      // the client hung up, or the test closed the server
    }
  }
}
