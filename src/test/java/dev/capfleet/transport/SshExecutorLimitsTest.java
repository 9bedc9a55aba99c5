package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecOutcome.Status;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts and output caps hold against hosts that never answer, hang or flood. */
@ExtendWith(RealSshd.StopAll.class)
class SshExecutorLimitsTest {
  /** Generous where a loaded CI machine needs it; each test tightens the bound it tests. */
  private static final ExecLimits TIGHT =
      new ExecLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          256 * 1024);

  @TempDir static Path dir;
  static KeyFile me;
  static Path knownHosts;
  static SshExecutor ssh;
  static RealSshd sleeper;
  static RealSshd zeroes;
  static RealSshd yes;
  static RealSshd plain;

  @BeforeAll
  static void startServers() throws Exception {
    RealSshd.assumeAvailable();
    me = SshKeys.generate(dir.resolve("keys"), "id", Type.ED25519);
    sleeper = server("127.0.12.1", "sleep 600");
    zeroes = server("127.0.12.2", "cat /dev/zero");
    yes = server("127.0.12.3", "yes");
    plain = server("127.0.12.4", null);
    knownHosts = dir.resolve("known_hosts");
    List<String> lines = new ArrayList<>();
    for (RealSshd s : List.of(sleeper, zeroes, yes, plain)) {
      lines.addAll(s.knownHostsLines());
    }
    Files.write(knownHosts, lines);
    ssh = new SshExecutor(SshRuns.settings(knownHosts, me.privateKey()));
  }

  @AfterAll
  static void closeClient() {
    if (ssh != null) {
      ssh.close();
    }
  }

  private static RealSshd server(String address, String forced) {
    return RealSshd.builder(dir)
        .address(address)
        .hostKeys(Type.ED25519)
        .authorizeLogin(me.publicKey())
        .forceCommand(forced)
        .start();
  }

  @Test
  void closedPortIsConnectRefusedFast() throws Exception {
    int port = freePort("127.0.12.9");
    ExecOutcome o = run(SshTarget.of("gone", "127.0.12.9", port), TIGHT);
    assertEquals(Status.CONNECT_REFUSED, o.status(), o.message());
    assertTrue(o.status().unreachable());
    assertTrue(o.millis() < 2000, o.toString());
    assertEquals("connection refused by gone (127.0.12.9:" + port + ")", o.message());
  }

  @Test
  void unresolvableNameIsUnresolved() {
    ExecOutcome o = run(SshTarget.of("typo", "no-such-host.invalid", 22), TIGHT);
    assertEquals(Status.UNRESOLVED, o.status(), o.message());
    assertTrue(o.message().contains("no-such-host.invalid"), o.message());
  }

  @Test
  void listenerThatNeverSpeaksTimesOutWithinTheConnectTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.12.8"), 0));
      List<Socket> held = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // accept, keep open, never write
                  }
                } catch (Exception e) {
                  // closed at the end of the test
                }
              });
      acceptor.start();
      ExecLimits limits = TIGHT.withConnectTimeout(Duration.ofMillis(1500));
      ExecOutcome o = run(SshTarget.of("mute", "127.0.12.8", silent.getLocalPort()), limits);
      assertEquals(Status.CONNECT_TIMEOUT, o.status(), o.message());
      assertTrue(
          o.message().contains("accepted TCP but the SSH handshake did not finish"), o.message());
      assertTrue(o.millis() >= 1400 && o.millis() < 4000, o.toString());
    }
  }

  @Test
  void hostDeadlineEndsAHandshakeThatNeverStarts() throws Exception {
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.12.7"), 0), 50);
      // never accepted: the kernel completes the TCP handshake from the backlog, nothing speaks
      ExecLimits limits =
          TIGHT
              .withConnectTimeout(Duration.ofSeconds(30))
              .withHostDeadline(Duration.ofMillis(1200));
      ExecOutcome o = run(SshTarget.of("mute", "127.0.12.7", silent.getLocalPort()), limits);
      assertEquals(Status.CONNECT_TIMEOUT, o.status(), o.message());
      assertTrue(o.message().contains("host deadline"), o.message());
      assertTrue(o.millis() < 4000, o.toString());
    }
  }

  @Test
  void commandThatNeverEndsIsCommandTimeout() {
    ExecOutcome o =
        run(SshRuns.target("hang", sleeper), TIGHT.withCommandTimeout(Duration.ofSeconds(2)));
    assertEquals(Status.COMMAND_TIMEOUT, o.status(), o.message());
    assertTrue(!o.status().unreachable());
    assertTrue(o.message().contains("did not finish within 2 s"), o.message());
    assertTrue(o.millis() < 12000, o.toString());
  }

  @Test
  void endlessZeroesAreCutAtTheCap() {
    ExecOutcome o = run(SshRuns.target("zero", zeroes), TIGHT);
    assertEquals(Status.OUTPUT_LIMIT, o.status(), o.message());
    assertTrue(o.truncated());
    assertEquals(TIGHT.maxOutputBytes(), o.stdout().length);
    assertTrue(o.millis() < 15000, o.toString());
  }

  @Test
  void endlessYesIsCutAtTheCap() {
    ExecOutcome o = run(SshRuns.target("yes", yes), TIGHT.withMaxOutputBytes(64 * 1024));
    assertEquals(Status.OUTPUT_LIMIT, o.status(), o.message());
    assertEquals(64 * 1024, o.stdout().length);
    assertTrue(o.stdoutText().startsWith("y\ny\n"));
  }

  @Test
  void floodOnStderrIsCappedButTheCommandFinishes() {
    ExecOutcome o =
        SshRuns.await(
            ssh.run(
                SshRuns.target("loud", plain),
                "head -c 1000000 /dev/zero >&2; echo done",
                null,
                TIGHT));
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals("done\n", o.stdoutText());
    assertEquals(ExecLimits.STDERR_CAP, o.stderr().length);
    assertTrue(o.truncated());
  }

  @Test
  void outputOfExactlyTheCapIsNotTruncated() {
    ExecLimits limits = TIGHT.withMaxOutputBytes(100_000);
    ExecOutcome o =
        SshRuns.await(
            ssh.run(SshRuns.target("exact", plain), "head -c 100000 /dev/zero", null, limits));
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals(100_000, o.stdout().length);
    assertTrue(!o.truncated());
  }

  private static ExecOutcome run(SshTarget target, ExecLimits limits) {
    return SshRuns.await(ssh.run(target, "ignored", null, limits));
  }

  private static int freePort(String address) throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return s.getLocalPort();
    }
  }
}
