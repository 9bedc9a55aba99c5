package dev.capfleet.transport;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A bounded number of connections in their CPU-bound part (TCP connect, key exchange, host key
 * check, authentication) at once; the others wait here, before their connect timeout starts.
 * Without it a loaded scanner with many forks spreads its CPU over every handshake at once, and
 * each one's timeout expires although the host answered in time: extra work turns into waiting
 * instead of into CONNECT_TIMEOUT.
 *
 * <p>How many is right depends on the network, which no fixed number knows: on a LAN a handshake is
 * all CPU and a few per core keep the cores busy; at 50 ms round trips one spends ~0.3 s mostly
 * waiting, and 10,000 hosts needed four times the first fixed bound (32 per core) to keep two cores
 * busy (bench/README.md). So the bound follows the machine's CPU, as measured: while handshakes
 * wait and the CPU has room it grows by a quarter, when the CPU is saturated it shrinks by an
 * eighth, at most every {@link #ADJUST_EVERY_MILLIS} ms and between a floor and a ceiling per core.
 * Where the load cannot be read the bound stays where it started.
 */
final class HandshakeGate {
  /** Where the bound starts, per core. */
  static final int PER_CORE = 32;

  static final int FLOOR_PER_CORE = 4;
  static final int CEILING_PER_CORE = 512;
  static final long ADJUST_EVERY_MILLIS = 200;

  /** Machine CPU (0..1) at or over which the bound shrinks. */
  static final double BUSY = 0.97;

  /** Machine CPU under which the bound may grow, while handshakes wait. */
  static final double ROOM = 0.90;

  private final int floor;
  private final int ceiling;
  private final Executor executor;
  private final DoubleSupplier cpuLoad;
  private final LongSupplier clock;
  // guarded by this
  private int permits;
  private int inUse;
  private long lastAdjust;
  private final Queue<Runnable> waiting = new ArrayDeque<>();

  /** A fixed bound. */
  HandshakeGate(int permits, Executor executor) {
    this(permits, permits, permits, executor, () -> -1, System::nanoTime);
  }

  /**
   * @param cpuLoad the machine's recent CPU use, 0 to 1; negative when unknown
   * @param clock nanoseconds, as {@link System#nanoTime}
   */
  HandshakeGate(
      int initial,
      int floor,
      int ceiling,
      Executor executor,
      DoubleSupplier cpuLoad,
      LongSupplier clock) {
    if (floor < 1 || initial < floor || ceiling < initial) {
      throw new IllegalArgumentException("permits must be at least 1, floor <= initial <= ceiling");
    }
    this.permits = initial;
    this.floor = floor;
    this.ceiling = ceiling;
    this.executor = executor;
    this.cpuLoad = cpuLoad;
    this.clock = clock;
    this.lastAdjust = clock.getAsLong();
  }

  static HandshakeGate forCores(Executor executor) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new HandshakeGate(
        PER_CORE * cores,
        FLOOR_PER_CORE * cores,
        CEILING_PER_CORE * cores,
        executor,
        machineCpuLoad(),
        System::nanoTime);
  }

  /**
   * The JDK's reading of the machine's (or the container's) CPU since the previous reading, or -1
   * where the platform does not give it.
   */
  private static DoubleSupplier machineCpuLoad() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os::getCpuLoad;
    }
    return () -> -1;
  }

  /**
   * Runs {@code start} on the executor once a permit is free; the caller must {@link #leave}
   * exactly once.
   */
  void enter(Runnable start) {
    synchronized (this) {
      adjust();
      if (inUse >= permits) {
        waiting.add(start);
        return;
      }
      inUse++;
    }
    executor.execute(start);
  }

  /** Frees the permit of one entered connection and starts the waiting ones the bound allows. */
  void leave() {
    List<Runnable> next = new ArrayList<>(2);
    synchronized (this) {
      inUse--;
      adjust();
      while (inUse < permits && !waiting.isEmpty()) {
        inUse++;
        next.add(waiting.poll());
      }
    }
    next.forEach(executor::execute);
  }

  synchronized int waitingCount() {
    return waiting.size();
  }

  synchronized int permits() {
    return permits;
  }

  // guarded by this
  private void adjust() {
    long now = clock.getAsLong();
    if (floor == ceiling || now - lastAdjust < TimeUnit.MILLISECONDS.toNanos(ADJUST_EVERY_MILLIS)) {
      return;
    }
    lastAdjust = now;
    double load = cpuLoad.getAsDouble();
    if (load < 0 || Double.isNaN(load)) {
      return;
    }
    if (load >= BUSY) {
      permits = Math.max(floor, permits - Math.max(1, permits / 8));
    } else if (load < ROOM && !waiting.isEmpty()) {
      permits = Math.min(ceiling, permits + Math.max(1, permits / 4));
    }
  }
}
