package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.Processes;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecOutcome.Status;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Per-host key paths that are not key files: each is that host's error, the others are scanned. */
@ExtendWith(RealSshd.StopAll.class)
class HostileKeyFilesTest {
  @TempDir static Path shared;
  static RealSshd sshd;
  static KeyFile me;

  @BeforeAll
  static void startServer() {
    RealSshd.assumeAvailable();
    me = SshKeys.generate(shared.resolve("keys"), "id_ed25519", Type.ED25519);
    sshd =
        RealSshd.builder(shared)
            .address("127.0.11.40")
            .hostKeys(Type.ED25519)
            .authorizeLogin(me.publicKey())
            .start();
  }

  @Test
  void devZeroFifoAndHugeFileAreThoseHostsErrorsAndTheGoodHostIsScanned() throws Exception {
    Path fifo = shared.resolve("fifo_key");
    Processes.run(List.of("mkfifo", "-m", "600", fifo.toString()));
    Path huge = shared.resolve("huge_key");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(8L << 30); // sparse 8 GiB: would not fit the heap if read whole
    }
    Files.setPosixFilePermissions(
        huge, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Path kh = shared.resolve("known_hosts");
    Files.writeString(kh, sshd.knownHostsLine(Type.ED25519) + "\n");
    SshSettings s = SshRuns.settings(kh, me.privateKey());
    long start = System.nanoTime();
    try (SshExecutor ssh = new SshExecutor(s)) {
      CompletableFuture<ExecOutcome> zero =
          ssh.run(on("zero", Path.of("/dev/zero")), "true", null, SshRuns.FAST);
      CompletableFuture<ExecOutcome> pipe = ssh.run(on("pipe", fifo), "true", null, SshRuns.FAST);
      CompletableFuture<ExecOutcome> big = ssh.run(on("big", huge), "true", null, SshRuns.FAST);
      CompletableFuture<ExecOutcome> good =
          ssh.run(on("good", me.privateKey()), "true", null, SshRuns.FAST);
      assertEquals(Status.OK, SshRuns.await(good).status(), SshRuns.await(good).message());
      for (var bad : List.of(zero, pipe)) {
        ExecOutcome o = SshRuns.await(bad);
        assertEquals(Status.AUTH_FAILED, o.status(), o.message());
        assertTrue(o.message().contains("is not a regular file"), o.message());
      }
      ExecOutcome o = SshRuns.await(big);
      assertEquals(Status.AUTH_FAILED, o.status(), o.message());
      assertTrue(o.message().contains("is larger than"), o.message());
    }
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "bounded in time");
  }

  @Test
  void readOfAFifoSwappedInAfterTheCheckIsBoundedInTime() throws Exception {
    Path fifo = shared.resolve("late_fifo");
    Processes.run(List.of("mkfifo", "-m", "600", fifo.toString()));
    long start = System.nanoTime();
    assertNull(BoundedRead.read(fifo, 1024, Duration.ofMillis(500)));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
  }

  private static SshTarget on(String name, Path key) {
    return SshRuns.target(name, sshd).withPrivateKey(key);
  }
}
