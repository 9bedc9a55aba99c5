package dev.capfleet.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.io.AbstractIoWriteFuture;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/**
 * The transport of one SSH session carried by a direct-tcpip channel: what the session writes goes
 * to the channel, what the channel delivers is handed to the session. The channel's stream takes
 * one write at a time, so writes queue here in order, as a socket's would.
 */
final class ChannelIoSession extends AbstractCloseable implements IoSession {
  private static final AtomicLong IDS = new AtomicLong(1L << 40); // apart from MINA's own ids
  private static final int READ_BYTES = 32 * 1024;

  private final long id = IDS.incrementAndGet();
  private final IoService service;
  private final IoHandler handler;
  private final ChannelDirectTcpip channel;
  private final SocketAddress remote;
  private final Map<Object, Object> attributes = new ConcurrentHashMap<>();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by itself
  private boolean writing; // guarded by queue

  private static final class Pending extends AbstractIoWriteFuture {
    final Buffer data;

    Pending(Object id, Buffer data) {
      super(id, null);
      this.data = data;
    }

    void done(Throwable failure) {
      setValue(failure == null ? Boolean.TRUE : failure);
    }
  }

  ChannelIoSession(
      IoService service,
      IoHandler handler,
      ChannelDirectTcpip channel,
      AttributeRepository context,
      SocketAddress remote) {
    this.service = service;
    this.handler = handler;
    this.channel = channel;
    this.remote = remote;
    if (context != null) {
      // MINA reads the connect context back from the transport (AbstractClientSession)
      attributes.put(AttributeRepository.class, context);
    }
    channel.addCloseFutureListener(f -> close(true));
  }

  void startReading() {
    readNext(channel.getAsyncOut());
  }

  private void readNext(IoInputStream in) {
    if (isClosing()) {
      return;
    }
    ByteArrayBuffer buffer = new ByteArrayBuffer(READ_BYTES, false);
    in.read(buffer).addListener(f -> onRead(in, f, buffer));
  }

  private void onRead(IoInputStream in, IoReadFuture f, ByteArrayBuffer buffer) {
    Throwable t = f.getException();
    if (t != null || f.getRead() < 0) {
      close(true);
      return;
    }
    try {
      handler.messageReceived(this, buffer);
    } catch (Exception e) {
      try {
        handler.exceptionCaught(this, e);
      } catch (Exception ignored) {
        // the session closes below either way
      }
      close(true);
      return;
    }
    readNext(in);
  }

  @Override
  public IoWriteFuture writeBuffer(Buffer buffer) throws IOException {
    Pending p = new Pending(this, new ByteArrayBuffer(buffer.getCompactData()));
    synchronized (queue) {
      if (isClosing()) {
        p.done(new IOException("jumped connection closed"));
        return p;
      }
      queue.add(p);
      if (writing) {
        return p;
      }
      writing = true;
    }
    writeNext();
    return p;
  }

  private void writeNext() {
    Pending p;
    synchronized (queue) {
      p = queue.poll();
      if (p == null) {
        writing = false;
        return;
      }
    }
    try {
      channel
          .getAsyncIn()
          .writeBuffer(p.data)
          .addListener(
              w -> {
                p.done(w.getException());
                if (w.getException() != null) {
                  close(true);
                }
                writeNext();
              });
    } catch (IOException | RuntimeException e) {
      p.done(e);
      close(true);
      writeNext();
    }
  }

  @Override
  protected void doCloseImmediately() {
    channel.close(true);
    synchronized (queue) {
      for (Pending p : queue) {
        p.done(new IOException("jumped connection closed"));
      }
      queue.clear();
    }
    try {
      handler.sessionClosed(this);
    } catch (Exception ignored) {
      // nothing more to tell the session
    }
    super.doCloseImmediately();
  }

  @Override
  protected CloseFuture doCloseGracefully() {
    return channel.close(false);
  }

  @Override
  public long getId() {
    return id;
  }

  @Override
  public SocketAddress getAcceptanceAddress() {
    return null;
  }

  @Override
  public SocketAddress getRemoteAddress() {
    return remote;
  }

  @Override
  public SocketAddress getLocalAddress() {
    return channel.getSession().getIoSession().getLocalAddress();
  }

  @Override
  public Object getAttribute(Object key) {
    return attributes.get(key);
  }

  @Override
  public Object setAttribute(Object key, Object value) {
    return attributes.put(key, value);
  }

  @Override
  public Object setAttributeIfAbsent(Object key, Object value) {
    return attributes.putIfAbsent(key, value);
  }

  @Override
  public Object removeAttribute(Object key) {
    return attributes.remove(key);
  }

  @Override
  public IoService getService() {
    return service;
  }

  @Override
  public void shutdownOutputStream() throws IOException {
    channel.getAsyncIn().close(false);
  }

  @Override
  public void suspendRead() {
    // flow control is the channel's window: a slow session simply reads later
  }

  @Override
  public void resumeRead() {}
}
