package dev.capfleet.demo;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.io.AbstractIoWriteFuture;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Simulated network latency for benchmarks: every byte the server writes on a connection (banner,
 * key exchange, authentication replies, channel data) leaves that much later. One scheduler thread
 * serves every connection; writes keep their order because they all wait the same time on a FIFO
 * timer.
 */
final class DelayedWrites implements IoHandler {
  private static final Object WRAPPED = new Object();

  private final IoHandler delegate;
  private final ScheduledExecutorService scheduler;
  private final long delayNanos;

  DelayedWrites(IoHandler delegate, ScheduledExecutorService scheduler, Duration delay) {
    this.delegate = delegate;
    this.scheduler = scheduler;
    this.delayNanos = delay.toNanos();
  }

  @Override
  public void sessionCreated(IoSession session) throws Exception {
    delegate.sessionCreated(wrap(session));
  }

  @Override
  public void sessionClosed(IoSession session) throws Exception {
    delegate.sessionClosed(wrap(session));
  }

  @Override
  public void exceptionCaught(IoSession session, Throwable cause) throws Exception {
    delegate.exceptionCaught(wrap(session), cause);
  }

  @Override
  public void messageReceived(IoSession session, Readable message) throws Exception {
    delegate.messageReceived(wrap(session), message);
  }

  /**
   * The same wrapper for the same connection every time, so that MINA's per-session attributes line
   * up.
   */
  private IoSession wrap(IoSession raw) {
    Object existing = raw.getAttribute(WRAPPED);
    if (existing != null) {
      return (IoSession) existing;
    }
    IoSession proxy =
        (IoSession)
            Proxy.newProxyInstance(
                IoSession.class.getClassLoader(),
                new Class<?>[] {IoSession.class},
                new Delaying(raw));
    Object raced = raw.setAttributeIfAbsent(WRAPPED, proxy);
    return raced == null ? proxy : (IoSession) raced;
  }

  private final class Delaying implements InvocationHandler {
    private final IoSession raw;

    Delaying(IoSession raw) {
      this.raw = raw;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "writeBuffer":
          return delayedWrite((Buffer) args[0]);
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          try {
            return method.invoke(raw, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
      }
    }

    private IoWriteFuture delayedWrite(Buffer buffer) {
      Buffer copy = new ByteArrayBuffer(buffer.getCompactData());
      Later future = new Later(raw);
      scheduler.schedule(
          () -> {
            try {
              raw.writeBuffer(copy)
                  .addListener(
                      f -> future.setValue(f.isWritten() ? Boolean.TRUE : f.getException()));
            } catch (IOException | RuntimeException e) {
              future.setValue(e);
            }
          },
          delayNanos,
          TimeUnit.NANOSECONDS);
      return future;
    }
  }

  /** A write that completes when the delayed real write does. */
  private static final class Later extends AbstractIoWriteFuture {
    Later(Object id) {
      super(id, null);
    }
  }
}
