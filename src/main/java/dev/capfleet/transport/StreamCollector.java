package dev.capfleet.transport;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Reads one of a channel's output streams without a thread, keeping at most {@code cap} bytes.
 * Reading is what opens the SSH window, so a flood costs us at most one window of memory.
 */
final class StreamCollector {
  private static final int CHUNK = 32 * 1024;

  private final IoInputStream in;
  private final int cap;
  private final Runnable onCapReached;

  /**
   * Grows by doubling but never past {@code cap}, and is handed out without a copy when full: a
   * flood costs one array of exactly the cap (not the next power of two, which G1 would round up to
   * whole regions again).
   */
  private byte[] kept;

  private int size;
  private final Buffer buffer = new ByteArrayBuffer(CHUNK, false);
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private boolean truncated;

  /**
   * @param onCapReached called once when the cap is passed; null to keep reading and drop the rest
   */
  StreamCollector(IoInputStream in, int cap, Runnable onCapReached) {
    this.in = in;
    this.cap = cap;
    this.onCapReached = onCapReached;
    this.kept = new byte[Math.min(cap, CHUNK)];
  }

  void start() {
    readNext();
  }

  /** Completes at end of stream, when the channel closes, or when the cap stops reading. */
  CompletableFuture<Void> done() {
    return done;
  }

  synchronized byte[] bytes() {
    return size == kept.length ? kept : Arrays.copyOf(kept, size);
  }

  synchronized boolean truncated() {
    return truncated;
  }

  private void readNext() {
    buffer.clear();
    try {
      in.read(buffer).addListener(this::onRead);
    } catch (RuntimeException e) {
      done.complete(null); // stream already closed
    }
  }

  private void onRead(IoReadFuture f) {
    if (f.getException() != null || f.getRead() < 0) {
      done.complete(null); // EOF or channel closed: both end the stream
      return;
    }
    Buffer b = f.getBuffer();
    boolean stop;
    synchronized (this) {
      int n = b.available();
      int room = cap - size;
      int take = Math.min(n, Math.max(room, 0));
      if (size + take > kept.length) {
        kept = Arrays.copyOf(kept, (int) Math.min(cap, Math.max(2L * kept.length, size + take)));
      }
      System.arraycopy(b.array(), b.rpos(), kept, size, take);
      size += take;
      if (n > room) {
        truncated = true;
      }
      stop = truncated && onCapReached != null;
    }
    if (stop) {
      done.complete(null);
      onCapReached.run();
      return;
    }
    readNext();
  }
}
