package dev.capfleet.cli;

import dev.capfleet.assess.Verdict;
import dev.capfleet.report.HostReport;
import dev.capfleet.scan.ProgressListener;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/** One self-overwriting line on a terminal: hosts done, failed, rate and ETA; silent when not on a terminal. */
final class ProgressLine implements ProgressListener {
  private final PrintWriter err;
  private final long started = System.nanoTime();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile long lastPrint;

  ProgressLine(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void hostDone(HostReport host, int done, int total) {
    if (host.verdict() == Verdict.UNREACHABLE || host.verdict() == Verdict.INCONCLUSIVE) {
      failed.incrementAndGet();
    }
    long now = System.nanoTime();
    if (done < total && now - lastPrint < 200_000_000L) {
      return;
    }
    lastPrint = now;
    double secs = Math.max(0.001, (now - started) / 1e9);
    double rate = done / secs;
    long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    synchronized (err) {
      err.printf("\r%d/%d hosts, %d failed, %.1f hosts/s, ETA %ds   ", done, total, failed.get(), rate, eta);
      if (done == total) {
        err.println();
      }
      err.flush();
    }
  }
}
