package dev.capfleet.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * ssh-agent client over the Unix socket in {@code SSH_AUTH_SOCK}, with Java's own Unix domain
 * sockets (MINA's agent client needs Tomcat's native APR library). Used for signing only; agent
 * forwarding is never offered to hosts.
 */
final class AgentSocket extends AbstractAgentProxy {
  private static final int MAX_REPLY = 256 * 1024;

  private final SocketChannel channel;

  private AgentSocket(Path socket) throws IOException {
    super(null);
    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
  }

  @Override
  protected synchronized Buffer request(Buffer message) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(message.array(), message.rpos(), message.available());
    while (out.hasRemaining()) {
      channel.write(out);
    }
    ByteBuffer len = readFully(4);
    int n = len.getInt(0);
    if (n <= 0 || n > MAX_REPLY) {
      throw new IOException("bad ssh-agent reply length " + n);
    }
    return new ByteArrayBuffer(readFully(n).array());
  }

  private ByteBuffer readFully(int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        throw new EOFException("ssh-agent closed the connection");
      }
    }
    return b;
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      channel.close();
    }
  }

  /** Hands MINA a fresh agent connection per authentication. */
  static final class Factory implements SshAgentFactory {
    private final Path socket;

    Factory(Path socket) {
      this.socket = socket;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
      return List.of();
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
      return new AgentSocket(socket);
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) {
      throw new UnsupportedOperationException("agent forwarding is not offered");
    }
  }
}
