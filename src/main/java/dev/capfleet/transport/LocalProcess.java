package dev.capfleet.transport;

import dev.capfleet.transport.ExecOutcome.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One local process: feeds stdin, drains capped output, enforces the timeout. */
final class LocalProcess {
  private final Process process;
  private final String program;
  private final byte[] stdin;
  private final ExecLimits limits;
  private final long start;
  private final ExecutorService pumps;
  private final ScheduledExecutorService timer;
  private final CompletableFuture<ExecOutcome> result = new CompletableFuture<>();
  private final Capped out;
  private final Capped err = new Capped(ExecLimits.STDERR_CAP);
  private ScheduledFuture<?> timeout;

  LocalProcess(
      Process process,
      String program,
      byte[] stdin,
      ExecLimits limits,
      long start,
      ExecutorService pumps,
      ScheduledExecutorService timer) {
    this.process = process;
    this.program = program;
    this.stdin = stdin == null ? new byte[0] : stdin;
    this.limits = limits;
    this.start = start;
    this.pumps = pumps;
    this.timer = timer;
    this.out = new Capped(limits.maxOutputBytes());
  }

  CompletableFuture<ExecOutcome> start() {
    Duration limit =
        limits.commandTimeout().compareTo(limits.hostDeadline()) < 0
            ? limits.commandTimeout()
            : limits.hostDeadline();
    timeout =
        timer.schedule(
            () ->
                finish(
                    Status.COMMAND_TIMEOUT,
                    null,
                    program + " did not finish within " + limit.toMillis() + " ms; killed"),
            limit.toNanos(),
            TimeUnit.NANOSECONDS);
    pumps.execute(this::feed);
    CompletableFuture<Void> outDone = drain(process.getInputStream(), out, true);
    CompletableFuture<Void> errDone = drain(process.getErrorStream(), err, false);
    process
        .onExit()
        .thenCompose(p -> CompletableFuture.allOf(outDone, errDone))
        .thenRun(() -> finish(Status.OK, process.exitValue(), ""));
    return result;
  }

  private void feed() {
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // the program exited or closed its input early; its exit status tells the rest
    }
  }

  private CompletableFuture<Void> drain(InputStream in, Capped sink, boolean stopAtCap) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pumps.execute(
        () -> {
          byte[] buf = new byte[32 * 1024];
          try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
              if (!sink.add(buf, n) && stopAtCap) {
                finish(
                    Status.OUTPUT_LIMIT,
                    null,
                    "standard output of "
                        + program
                        + " passed "
                        + limits.maxOutputBytes()
                        + " bytes; killed");
                break;
              }
            }
          } catch (IOException e) {
            // closed because we killed the process
          } finally {
            done.complete(null);
          }
        });
    return done;
  }

  private void finish(Status status, Integer exit, String message) {
    ExecOutcome o =
        new ExecOutcome(
            status,
            exit,
            out.bytes(),
            err.bytes(),
            out.truncated() || err.truncated(),
            message,
            null,
            LocalExecutor.millisSince(start));
    if (result.complete(o)) {
      if (timeout != null) {
        timeout.cancel(false);
      }
      if (status != Status.OK) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }

  /** Keeps up to {@code cap} bytes; remembers whether more came. */
  private static final class Capped {
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean truncated;

    Capped(int cap) {
      this.cap = cap;
    }

    /** Returns false once the cap has been passed. */
    synchronized boolean add(byte[] b, int n) {
      int room = cap - kept.size();
      kept.write(b, 0, Math.min(n, Math.max(room, 0)));
      if (n > room) {
        truncated = true;
      }
      return !truncated;
    }

    synchronized byte[] bytes() {
      return kept.toByteArray();
    }

    synchronized boolean truncated() {
      return truncated;
    }
  }
}
