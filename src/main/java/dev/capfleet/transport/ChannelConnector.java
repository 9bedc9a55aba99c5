package dev.capfleet.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.StreamingChannel;
import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.future.SshFutureListener;
import org.apache.sshd.common.io.DefaultIoConnectFuture;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Connects a new SSH session either over TCP (MINA's connector) or, when the connect context names
 * a {@link #VIA} session, over a direct-tcpip channel of that session: the bytes of the next hop's
 * SSH connection travel inside the previous hop's, and nothing listens locally.
 */
final class ChannelConnector implements IoConnector {
  /** The authenticated session of the previous hop, in the connect context. */
  static final AttributeKey<ClientSession> VIA = new AttributeKey<>();

  /** What the jump host is told the channel comes from, as OpenSSH's {@code -W} says. */
  private static final SshdSocketAddress ORIGIN = new SshdSocketAddress("127.0.0.1", 65535);

  private final IoConnector tcp;
  private final IoHandler handler;

  ChannelConnector(IoConnector tcp, IoHandler handler) {
    this.tcp = tcp;
    this.handler = handler;
  }

  @Override
  public IoConnectFuture connect(
      SocketAddress target, AttributeRepository context, SocketAddress local) {
    ClientSession via = context == null ? null : context.getAttribute(VIA);
    if (via == null) {
      return tcp.connect(target, context, local);
    }
    DefaultIoConnectFuture future = new DefaultIoConnectFuture(target, null);
    try {
      InetSocketAddress inet = (InetSocketAddress) target;
      SshdSocketAddress to = new SshdSocketAddress(inet.getHostString(), inet.getPort());
      ChannelDirectTcpip channel = via.createDirectTcpipChannel(ORIGIN, to);
      channel.setStreaming(StreamingChannel.Streaming.Async);
      channel
          .open()
          .addListener(
              opened -> {
                if (!opened.isOpened()) {
                  future.setException(opened.getException());
                  channel.close(true);
                  return;
                }
                try {
                  ChannelIoSession io =
                      new ChannelIoSession(this, handler, channel, context, target);
                  handler.sessionCreated(io);
                  io.startReading();
                  future.setSession(io);
                } catch (Exception e) {
                  future.setException(e);
                  channel.close(true);
                }
              });
    } catch (Exception e) {
      future.setException(e);
    }
    return future;
  }

  @Override
  public Map<Long, IoSession> getManagedSessions() {
    return tcp.getManagedSessions();
  }

  @Override
  public IoServiceEventListener getIoServiceEventListener() {
    return tcp.getIoServiceEventListener();
  }

  @Override
  public void setIoServiceEventListener(IoServiceEventListener listener) {
    tcp.setIoServiceEventListener(listener);
  }

  @Override
  public CloseFuture close(boolean immediately) {
    return tcp.close(immediately);
  }

  @Override
  public void addCloseFutureListener(SshFutureListener<CloseFuture> listener) {
    tcp.addCloseFutureListener(listener);
  }

  @Override
  public void removeCloseFutureListener(SshFutureListener<CloseFuture> listener) {
    tcp.removeCloseFutureListener(listener);
  }

  @Override
  public boolean isClosed() {
    return tcp.isClosed();
  }

  @Override
  public boolean isClosing() {
    return tcp.isClosing();
  }
}
