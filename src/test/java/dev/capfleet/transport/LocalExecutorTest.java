package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.capfleet.transport.ExecOutcome.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExecutorTest {
  private static final LocalExecutor LOCAL = new LocalExecutor();
  private static final ExecLimits LIMITS =
      ExecLimits.DEFAULTS.withCommandTimeout(Duration.ofSeconds(20)).withMaxOutputBytes(64 * 1024);

  @AfterAll
  static void close() {
    LOCAL.close();
  }

  @Test
  void runsScriptFromStdinWithShS() {
    ExecOutcome o = run(List.of("sh", "-s"), "echo out; echo err >&2; exit 4", LIMITS);
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals(4, o.exitCode());
    assertEquals("out\n", o.stdoutText());
    assertEquals("err\n", o.stderrText());
    assertEquals(null, o.hostKeyFingerprint());
  }

  @Test
  void probeNeverInheritsThePassphraseOrTheAgent() {
    assumeTrue(
        System.getenv(SshSettings.PASSPHRASE_ENV) != null, "the build sets a canary passphrase");
    ExecOutcome o = run(List.of("env"), null, LIMITS);
    assertEquals(Status.OK, o.status(), o.message());
    assertTrue(o.stdoutText().contains("PATH="), o.stdoutText());
    assertFalse(o.stdoutText().contains(SshSettings.PASSPHRASE_ENV), o.stdoutText());
    assertFalse(o.stdoutText().contains(System.getenv(SshSettings.PASSPHRASE_ENV)), o.stdoutText());
    assertFalse(o.stdoutText().contains(SshSettings.AGENT_ENV + "="), o.stdoutText());
  }

  @Test
  void passesArgumentsWithoutAShell() {
    ExecOutcome o = run(List.of("echo", "$HOME;", "`id`"), null, LIMITS);
    assertEquals("$HOME; `id`\n", o.stdoutText());
  }

  @Test
  void commandStringIsSplitOnWhitespaceOnly() throws Exception {
    ExecOutcome o =
        LOCAL
            .run(SshTarget.of("localhost", "localhost", 22), "sh -s", bytes("echo hi"), LIMITS)
            .get();
    assertEquals("hi\n", o.stdoutText());
  }

  @Test
  void missingProgramIsAnError() {
    ExecOutcome o = run(List.of("/no/such/program"), null, LIMITS);
    assertEquals(Status.ERROR, o.status());
    assertTrue(o.message().contains("/no/such/program"), o.message());
  }

  @Test
  void timeoutKillsTheWholeProcessTree(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("child.pid");
    String script = "sleep 300 & echo $! > " + pidFile + "; wait";
    ExecOutcome o =
        run(List.of("sh", "-c", script), null, LIMITS.withCommandTimeout(Duration.ofMillis(800)));
    assertEquals(Status.COMMAND_TIMEOUT, o.status(), o.message());
    assertTrue(o.millis() < 5000, o.toString());
    long child = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(child)
        .ifPresent(
            h -> {
              try {
                h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new AssertionError("child " + child + " survived the timeout", e);
              }
            });
  }

  @Test
  void floodIsCutAtTheCapAndKilled() {
    ExecOutcome o = run(List.of("yes"), null, LIMITS);
    assertEquals(Status.OUTPUT_LIMIT, o.status(), o.message());
    assertTrue(o.truncated());
    assertEquals(64 * 1024, o.stdout().length);
  }

  @Test
  void stderrFloodIsCappedWhileTheCommandFinishes() {
    ExecOutcome o =
        run(List.of("sh", "-c", "head -c 500000 /dev/zero >&2; echo done"), null, LIMITS);
    assertEquals(Status.OK, o.status(), o.message());
    assertEquals(ExecLimits.STDERR_CAP, o.stderr().length);
    assertTrue(o.truncated());
    assertEquals("done\n", o.stdoutText());
  }

  private static ExecOutcome run(List<String> argv, String stdin, ExecLimits limits) {
    try {
      return LOCAL
          .runLocal(argv, bytes(stdin), limits)
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
