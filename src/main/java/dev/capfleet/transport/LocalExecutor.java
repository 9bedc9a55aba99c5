package dev.capfleet.transport;

import dev.capfleet.transport.ExecOutcome.Status;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs commands on this machine ({@code ansible_connection=local}, {@code capfleet check --local})
 * with the same caps, timeouts and outcomes as {@link SshExecutor}. No shell is involved: the
 * program and its arguments go straight to {@link ProcessBuilder}.
 *
 * <p>On a timeout or the output cap the process and its live descendants are killed; a grandchild
 * that was already orphaned (double fork) is out of reach.
 */
public final class LocalExecutor implements CommandRunner, AutoCloseable {
  private final ExecutorService pumps;
  private final ScheduledExecutorService timer;

  public LocalExecutor() {
    AtomicInteger n = new AtomicInteger();
    pumps =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "capfleet-local-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "capfleet-local-timer");
              t.setDaemon(true);
              return t;
            });
    s.setRemoveOnCancelPolicy(true);
    timer = s;
  }

  /**
   * Runs {@code command} split on whitespace into an argv (no quoting, no shell), e.g. {@code sh
   * -s}; the target is only used in messages.
   */
  @Override
  public CompletableFuture<ExecOutcome> run(
      SshTarget target, String command, byte[] stdin, ExecLimits limits) {
    Objects.requireNonNull(command, "command");
    List<String> argv = Arrays.asList(command.trim().split("\\s+"));
    return runLocal(argv, stdin, limits);
  }

  /**
   * Starts {@code argv}, writes {@code stdin} and closes it, collects capped output. On a timeout
   * or the output cap, the process and its descendants are killed.
   */
  public CompletableFuture<ExecOutcome> runLocal(
      List<String> argv, byte[] stdin, ExecLimits limits) {
    ExecLimits bounds = limits == null ? ExecLimits.DEFAULTS : limits;
    if (argv == null || argv.isEmpty() || argv.get(0).isBlank()) {
      return CompletableFuture.completedFuture(
          ExecOutcome.failure(Status.ERROR, "no command to run", null, 0));
    }
    long start = System.nanoTime();
    Process process;
    try {
      ProcessBuilder pb = new ProcessBuilder(argv);
      // what unlocks our keys stays with us: the probe (and whatever it runs) never sees it
      pb.environment().remove(SshSettings.PASSPHRASE_ENV);
      pb.environment().remove(SshSettings.AGENT_ENV);
      process = pb.start();
    } catch (IOException | RuntimeException e) {
      return error("cannot run " + argv.get(0), e, start);
    }
    try {
      return new LocalProcess(process, argv.get(0), stdin, bounds, start, pumps, timer).start();
    } catch (RuntimeException e) { // executor closed meanwhile
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      return error("cannot supervise " + argv.get(0), e, start);
    }
  }

  private static CompletableFuture<ExecOutcome> error(String what, Exception e, long start) {
    return CompletableFuture.completedFuture(
        ExecOutcome.failure(
            Status.ERROR, what + ": " + ConnectFailures.reason(e), null, millisSince(start)));
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    pumps.shutdownNow();
  }
}
