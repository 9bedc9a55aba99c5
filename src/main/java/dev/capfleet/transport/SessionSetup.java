package dev.capfleet.transport;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Configures each session MINA creates, before its key exchange starts: MINA creates jump host
 * sessions itself, so a client-wide listener is the one place that sees every hop in time.
 */
final class SessionSetup implements SessionListener {

  @Override
  public void sessionCreated(Session session) {
    SshExchange x = exchangeOf(session);
    if (x != null) {
      x.onSessionCreated((ClientSession) session);
    }
  }

  @Override
  public void sessionEvent(Session session, Event event) {
    if (event == Event.KexCompleted) {
      SshExchange x = exchangeOf(session);
      if (x != null) {
        x.onKexCompleted((ClientSession) session);
      }
    }
  }

  private static SshExchange exchangeOf(Session session) {
    if (!(session instanceof ClientSession)) {
      return null;
    }
    AttributeRepository context = ((ClientSession) session).getConnectionContext();
    return context == null ? null : context.getAttribute(SshExchange.KEY);
  }
}
