package dev.capfleet.transport;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * At most a fixed number of connections in their CPU-bound part (TCP connect, key exchange, host
 * key check, authentication) at once; the others wait here, before their connect timeout starts.
 * Without it a loaded scanner with many forks spreads its CPU over every handshake at once, and
 * each one's timeout expires although the host answered in time: extra work turns into waiting
 * instead of into CONNECT_TIMEOUT.
 */
final class HandshakeGate {
  /**
   * Handshakes in flight per core: at 50 ms round trips one takes ~6 of them (0.3 s) and 5-10 ms of
   * CPU at both ends, so 32 per core keep the cores busy without a queue of work behind them.
   */
  static final int PER_CORE = 32;

  private final int permits;
  private final Executor executor;
  // guarded by this
  private int inUse;
  private final Queue<Runnable> waiting = new ArrayDeque<>();

  HandshakeGate(int permits, Executor executor) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1");
    }
    this.permits = permits;
    this.executor = executor;
  }

  static HandshakeGate forCores(Executor executor) {
    return new HandshakeGate(PER_CORE * Runtime.getRuntime().availableProcessors(), executor);
  }

  /**
   * Runs {@code start} on the executor once a permit is free; the caller must {@link #leave}
   * exactly once.
   */
  void enter(Runnable start) {
    synchronized (this) {
      if (inUse >= permits) {
        waiting.add(start);
        return;
      }
      inUse++;
    }
    executor.execute(start);
  }

  /** Frees the permit of one entered connection and starts the next waiting one. */
  void leave() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inUse--;
        return;
      }
    }
    executor.execute(next); // the permit passes to it
  }

  synchronized int waitingCount() {
    return waiting.size();
  }
}
