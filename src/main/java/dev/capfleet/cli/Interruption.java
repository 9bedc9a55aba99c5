package dev.capfleet.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM during a scan: the hook tells the scanner to stop, then holds the JVM until
 * the report of the hosts done so far (the rest marked interrupted) has been written, or 20 seconds
 * have passed.
 */
final class Interruption implements AutoCloseable {
  private final CountDownLatch written = new CountDownLatch(1);
  private final Thread hook;

  private Interruption(Runnable stop) {
    hook =
        new Thread(
            () -> {
              stop.run();
              try {
                written.await(20, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "capfleet-interrupt");
  }

  static Interruption install(Runnable stop) {
    Interruption i = new Interruption(stop);
    Runtime.getRuntime().addShutdownHook(i.hook);
    return i;
  }

  /**
   * Holds the JVM at Ctrl-C or SIGTERM until {@link #close}: for clean-up that must finish before
   * the process ends, such as removing the demo's temporary folder with its private key.
   */
  static Interruption hold() {
    return install(() -> {});
  }

  void reportWritten() {
    written.countDown();
  }

  @Override
  public void close() {
    written.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running and has been released above
    }
  }
}
