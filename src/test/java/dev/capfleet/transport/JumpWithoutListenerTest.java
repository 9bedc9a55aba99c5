package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecOutcome.Status;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProxyJump as {@code ssh -J} does it: while a jumped command runs, this JVM (the scanner) has no
 * listening TCP socket another local user could connect to and be tunnelled through the bastion.
 */
@ExtendWith(RealSshd.StopAll.class)
class JumpWithoutListenerTest {
  @TempDir static Path dir;
  static KeyFile me;
  static RealSshd bastion;
  static RealSshd middle;
  static RealSshd inner;

  @BeforeAll
  static void startServers() {
    RealSshd.assumeAvailable();
    me = SshKeys.generate(dir.resolve("keys"), "id", Type.ED25519);
    bastion = server("127.0.14.11");
    middle = server("127.0.14.12");
    inner = server("127.0.14.13");
  }

  @Test
  void jumpedScanOpensNoListeningSocket() throws Exception {
    Set<String> before = listeningSockets();
    SshTarget t = SshRuns.target("inner", inner).withJumps(List.of(jump(bastion)));
    try (SshExecutor ssh = new SshExecutor(SshRuns.settings(knownHosts(), me.privateKey()))) {
      CompletableFuture<ExecOutcome> run =
          ssh.run(t, "sleep 2; echo \"$SSH_CONNECTION\"", null, SshRuns.FAST);
      Set<String> during = new HashSet<>();
      while (!run.isDone()) {
        during.addAll(listeningSockets());
        Thread.sleep(50);
      }
      ExecOutcome o = SshRuns.await(run);
      assertEquals(Status.OK, o.status(), o.message());
      assertTrue(o.stdoutText().contains(" " + inner.address() + " "), o.stdoutText());
      during.removeAll(before);
      assertEquals(Set.of(), during, "listening sockets of the scanning JVM during the scan");
    }
  }

  @Test
  void twoJumpHostsInARow() throws Exception {
    SshTarget t = SshRuns.target("inner", inner).withJumps(List.of(jump(bastion), jump(middle)));
    ExecOutcome o =
        SshRuns.runOnce(
            SshRuns.settings(knownHosts(), me.privateKey()), t, "echo \"$SSH_CONNECTION\"", null);
    assertEquals(Status.OK, o.status(), o.message());
    assertTrue(o.stdoutText().contains(" " + inner.address() + " "), o.stdoutText());
  }

  /** {@code local-address:port} of every TCP socket in LISTEN state that this process holds. */
  static Set<String> listeningSockets() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String link = Files.readSymbolicLink(fd).toString();
          if (link.startsWith("socket:[")) {
            inodes.add(link.substring(8, link.length() - 1));
          }
        } catch (IOException gone) {
          // closed meanwhile
        }
      }
    }
    Set<String> listening = new HashSet<>();
    for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A: TCP_LISTEN
          listening.add(f[1]);
        }
      }
    }
    return listening;
  }

  private static SshTarget.Jump jump(RealSshd s) {
    return new SshTarget.Jump(null, s.address(), s.port());
  }

  private static Path knownHosts() throws IOException {
    Path kh = dir.resolve("known_hosts");
    List<String> lines = new ArrayList<>();
    for (RealSshd s : List.of(bastion, middle, inner)) {
      lines.add(s.knownHostsLine(Type.ED25519));
    }
    Files.write(kh, lines);
    return kh;
  }

  private static RealSshd server(String address) {
    return RealSshd.builder(dir)
        .address(address)
        .hostKeys(Type.ED25519)
        .authorizeLogin(me.publicKey())
        .start();
  }
}
