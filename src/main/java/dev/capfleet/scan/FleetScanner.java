package dev.capfleet.scan;

import dev.capfleet.probe.ProbeScript;
import dev.capfleet.report.HostReport;
import dev.capfleet.transport.CommandRunner;
import dev.capfleet.transport.ExecLimits;
import dev.capfleet.transport.ExecOutcome;
import dev.capfleet.transport.LocalExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs the probe on every host, at most {@code forks} at a time, and assesses each answer as it
 * arrives.
 *
 * <p>Connections are asynchronous (the transport's NIO client carries them); the semaphore bounds
 * how many are open at once, and parsing runs on a small pool so that no transport thread does CPU
 * work. Every job yields exactly one {@link HostReport}, in inventory order, whatever happens to
 * the host or to the scan.
 */
public final class FleetScanner {
  private final CommandRunner ssh;
  private final LocalExecutor local;
  private final HostAuditor auditor;
  private final ExecLimits limits;
  private final int forks;
  private final Clock clock;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile java.time.Instant deadline; // null: no overall deadline
  private volatile java.time.Duration timeout;
  private final AtomicBoolean timedOut = new AtomicBoolean();

  public FleetScanner(
      CommandRunner ssh,
      LocalExecutor local,
      HostAuditor auditor,
      ExecLimits limits,
      int forks,
      Clock clock) {
    if (forks < 1) {
      throw new IllegalArgumentException("forks must be at least 1");
    }
    this.ssh = ssh;
    this.local = local;
    this.auditor = auditor;
    this.limits = limits;
    this.forks = forks;
    this.clock = clock;
  }

  /**
   * Stops starting hosts; those not finished within the grace period are reported as interrupted.
   */
  public void stop() {
    stopping.set(true);
  }

  /**
   * An overall deadline for the scan (cron): hosts not finished by then are reported INCONCLUSIVE
   * with the reason, and the report is still written whole.
   */
  public void timeoutAfter(java.time.Duration scanTimeout) {
    this.timeout = scanTimeout;
    this.deadline = clock.instant().plus(scanTimeout);
  }

  /** Past the deadline: stop, as an interruption does, but without a grace period. */
  private boolean pastDeadline() {
    java.time.Instant d = deadline;
    if (d != null && !clock.instant().isBefore(d)) {
      timedOut.set(true);
      stopping.set(true);
      return true;
    }
    return false;
  }

  public boolean stopped() {
    return stopping.get();
  }

  public List<HostReport> scan(List<HostJob> jobs, ProgressListener progress)
      throws InterruptedException {
    int total = jobs.size();
    AtomicReferenceArray<HostReport> results = new AtomicReferenceArray<>(total);
    AtomicInteger done = new AtomicInteger();
    Semaphore slots = new Semaphore(forks);
    int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
    ExecutorService assess =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "capfleet-assess");
              t.setDaemon(true);
              return t;
            });
    List<CompletableFuture<Object>> inFlight = new ArrayList<>();
    try {
      for (int i = 0; i < total && !stopping.get(); i++) {
        HostJob job = jobs.get(i);
        int index = i;
        if (job.plan().problem() != null) {
          record(results, index, auditor.refused(job.plan()), done, total, progress);
          continue;
        }
        if (job.unreachable() != null) {
          record(
              results,
              index,
              auditor.notContacted(job.plan(), job.unreachable()),
              done,
              total,
              progress);
          continue;
        }
        while (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          if (stopping.get() || pastDeadline()) {
            break;
          }
        }
        if (stopping.get() || pastDeadline()) {
          break;
        }
        String nonce = ProbeScript.newNonce();
        CompletableFuture<ExecOutcome> run = start(job, nonce);
        inFlight.add(
            run.handleAsync(
                (outcome, failure) -> {
                  try {
                    if (outcome != null) {
                      record(
                          results,
                          index,
                          auditor.audit(job.plan(), outcome, nonce, clock.instant()),
                          done,
                          total,
                          progress);
                    }
                  } finally {
                    slots.release();
                  }
                  return null;
                },
                assess));
      }
      CompletableFuture<Void> all =
          CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new));
      while (!all.isDone()) {
        try {
          all.get(200, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          if (pastDeadline()) {
            break;
          }
          if (stopping.get()) {
            waitForGrace(all);
            break;
          }
        } catch (java.util.concurrent.ExecutionException e) {
          break; // a bug in assessment: the host is reported below rather than lost
        }
      }
    } finally {
      assess.shutdown();
    }
    List<HostReport> out = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      HostReport r = results.get(i);
      if (r == null) {
        r =
            timedOut.get()
                ? auditor.timedOut(jobs.get(i).plan(), timeout)
                : stopping.get()
                    ? auditor.interrupted(jobs.get(i).plan())
                    : auditor.internalError(jobs.get(i).plan());
      }
      out.add(r);
    }
    return out;
  }

  private CompletableFuture<ExecOutcome> start(HostJob job, String nonce) {
    byte[] script = ProbeScript.bytes();
    if (job.local()) {
      return local.runLocal(ProbeScript.localArgv(nonce, job.plan().binary()), script, limits);
    }
    return ssh.run(
        job.target(), ProbeScript.remoteCommand(nonce, job.plan().binary()), script, limits);
  }

  private static void waitForGrace(CompletableFuture<Void> all) throws InterruptedException {
    try {
      all.get(3, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      // hosts still running are reported as interrupted
    }
  }

  private static void record(
      AtomicReferenceArray<HostReport> results,
      int index,
      HostReport report,
      AtomicInteger done,
      int total,
      ProgressListener progress) {
    if (results.compareAndSet(index, null, report)) {
      progress.hostDone(report, done.incrementAndGet(), total);
    }
  }
}
