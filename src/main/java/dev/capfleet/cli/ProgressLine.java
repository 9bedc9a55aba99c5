package dev.capfleet.cli;

import dev.capfleet.core.Verdict;
import dev.capfleet.report.HostReport;
import dev.capfleet.scan.ProgressListener;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;

/**
 * One self-overwriting status line on standard error while a scan runs: hosts done, their verdicts
 * as counted in the report (INCONCLUSIVE is not "failed"), rate and ETA. {@link #finish} ends the
 * line so that nothing printed after it (the summary, an interruption notice) runs into it.
 */
final class ProgressLine implements ProgressListener {
  private final PrintWriter err;
  private final long started = System.nanoTime();
  private final Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
  private long lastPrint;
  private boolean open;

  ProgressLine(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void hostDone(HostReport host, int done, int total) {
    synchronized (err) {
      if (host.verdict() != null) {
        counts.merge(host.verdict(), 1, Integer::sum);
      }
      long now = System.nanoTime();
      if (done < total && now - lastPrint < 200_000_000L) {
        return;
      }
      lastPrint = now;
      double secs = Math.max(0.001, (now - started) / 1e9);
      double rate = done / secs;
      long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      err.printf("\r%s, %.1f hosts/s, ETA %ds\033[K", status(done, total), rate, eta);
      open = true;
      if (done == total) {
        finish();
      }
      err.flush();
    }
  }

  /** Ends the status line, if one is showing. */
  void finish() {
    synchronized (err) {
      if (open) {
        err.println();
        err.flush();
        open = false;
      }
    }
  }

  /** E.g. {@code 12/16 hosts: 4 ready, 3 warnings, 2 not ready, 1 inconclusive, 2 unreachable}. */
  String status(int done, int total) {
    StringBuilder s =
        new StringBuilder()
            .append(done)
            .append('/')
            .append(total)
            .append(total == 1 ? " host" : " hosts");
    String sep = ": ";
    for (Verdict v : Verdict.values()) {
      int n = counts.getOrDefault(v, 0);
      if (n > 0) {
        s.append(sep).append(n).append(' ').append(label(v, n));
        sep = ", ";
      }
    }
    return s.toString();
  }

  private static String label(Verdict v, int n) {
    return switch (v) {
      case READY -> "ready";
      case READY_WITH_WARNINGS -> n == 1 ? "warning" : "warnings";
      case NOT_READY -> "not ready";
      case INCONCLUSIVE -> "inconclusive";
      case UNREACHABLE -> "unreachable";
    };
  }
}
