package dev.capfleet.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a small local file with a size cap and a time bound, on a daemon thread of its own: a file
 * swapped for a FIFO after it was checked blocks in open(2), which no Java call can bound, so the
 * caller stops waiting and the stuck thread cannot keep the JVM alive.
 */
final class BoundedRead {
  private BoundedRead() {}

  /** The file's bytes, or null when it holds more than {@code max} bytes or took too long. */
  static byte[] read(Path file, int max, Duration timeout) throws IOException {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(max + 1);
                result.complete(bytes.length > max ? null : bytes);
              } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "capfleet-read-" + file.getFileName());
    t.setDaemon(true);
    t.start();
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      t.interrupt();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      t.interrupt();
      throw new IOException("interrupted while reading " + file, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }
}
