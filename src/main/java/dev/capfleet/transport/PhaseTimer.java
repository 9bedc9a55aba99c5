package dev.capfleet.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The two clocks of one exchange: the host deadline, and a phase timer that each new phase (or hop)
 * replaces. A timer that fires after it was replaced or cancelled does nothing.
 */
final class PhaseTimer {
  private final ScheduledExecutorService timer;
  private final Consumer<Phase> onPhaseTimeout;
  private ScheduledFuture<?> phaseTask;
  private ScheduledFuture<?> deadlineTask;
  private int generation;
  private boolean stopped;

  PhaseTimer(ScheduledExecutorService timer, Consumer<Phase> onPhaseTimeout) {
    this.timer = timer;
    this.onPhaseTimeout = onPhaseTimeout;
  }

  synchronized void startDeadline(Duration d, Runnable onDeadline) {
    deadlineTask =
        timer.schedule(
            () -> {
              if (isRunning()) {
                onDeadline.run();
              }
            },
            d.toNanos(),
            TimeUnit.NANOSECONDS);
  }

  /** Starts {@code d} for {@code phase}, replacing the running phase timer. */
  synchronized void arm(Phase phase, Duration d) {
    if (stopped) {
      return;
    }
    cancel(phaseTask);
    int mine = ++generation;
    phaseTask =
        timer.schedule(
            () -> {
              if (isCurrent(mine)) {
                onPhaseTimeout.accept(phase);
              }
            },
            d.toNanos(),
            TimeUnit.NANOSECONDS);
  }

  synchronized void stop() {
    stopped = true;
    cancel(phaseTask);
    cancel(deadlineTask);
  }

  private synchronized boolean isCurrent(int mine) {
    return !stopped && mine == generation;
  }

  private synchronized boolean isRunning() {
    return !stopped;
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
