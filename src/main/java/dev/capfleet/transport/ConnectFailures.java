package dev.capfleet.transport;

import dev.capfleet.transport.ExecOutcome.Status;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/** Turns the exception of a failed TCP connect into a status and a short reason. */
final class ConnectFailures {
  private ConnectFailures() {}

  /**
   * @param t what the connector reported
   * @param where the hop, e.g. {@code web1 (127.0.0.5:22)}
   */
  static ExecOutcome.Status status(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
        return Status.UNRESOLVED;
      }
      if (c instanceof NoRouteToHostException
          || m.contains("no route to host")
          || m.contains("network is unreachable")) {
        return Status.NO_ROUTE;
      }
      if (c instanceof SocketTimeoutException
          || c instanceof InterruptedByTimeoutException
          || m.contains("timed out")) {
        return Status.CONNECT_TIMEOUT;
      }
      if (c instanceof ConnectException || m.contains("connection refused")) {
        return Status.CONNECT_REFUSED;
      }
    }
    return Status.ERROR;
  }

  static String describe(Status status, String where, Throwable t) {
    switch (status) {
      case UNRESOLVED:
        return "cannot resolve " + where;
      case NO_ROUTE:
        return "no route to " + where;
      case CONNECT_TIMEOUT:
        return "TCP connect to " + where + " timed out";
      case CONNECT_REFUSED:
        return "connection refused by " + where;
      default:
        return "cannot connect to " + where + ": " + reason(t);
    }
  }

  /** Exception class and message, outermost cause that has a message. */
  static String reason(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    Throwable c = t;
    while (c.getMessage() == null && c.getCause() != null) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}
