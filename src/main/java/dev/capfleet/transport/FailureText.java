package dev.capfleet.transport;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one-line messages of failed exchanges, in one place so they read alike. */
final class FailureText {
  private FailureText() {}

  static String hostKey(Hop hop, HostKeyVerdict v, String knownHosts) {
    String who = "host key for " + hop.label();
    switch (v.kind()) {
      case CHANGED:
        return "HOST KEY CHANGED: "
            + who
            + " is "
            + v.offered()
            + " but "
            + v.detail()
            + " in "
            + knownHosts
            + "; possible man-in-the-middle, not accepted";
      case REVOKED:
        return who + " " + v.offered() + " is " + v.detail() + " of known_hosts " + knownHosts;
      default:
        return who
            + " is not in known_hosts "
            + knownHosts
            + "; offered "
            + v.offered()
            + (v.detail().isEmpty() ? "" : " (" + v.detail() + ")");
    }
  }

  /**
   * @param problems why some identity files gave no key, or null
   */
  static String authFailed(
      String user, String where, List<KeyPair> keys, boolean agent, String problems) {
    String offered =
        keys.stream()
            .map(k -> Fingerprints.describe(k.getPublic()))
            .collect(Collectors.joining(", "));
    StringBuilder sb = new StringBuilder("authentication failed for ");
    sb.append(user).append(" on ").append(where).append(": ");
    sb.append(offered.isEmpty() ? "no key of ours" : "none of our keys (" + offered + ")");
    sb.append(agent ? " nor the ssh-agent's keys" : "").append(" accepted");
    if (problems != null) {
      sb.append("; ").append(problems);
    }
    return sb.toString();
  }

  /**
   * @param tcpConnected for CONNECT: whether TCP was up (then the SSH handshake stalled)
   */
  static String phaseTimeout(Phase phase, boolean tcpConnected, String where, ExecLimits limits) {
    switch (phase) {
      case CONNECT:
        return (tcpConnected
                ? where + " accepted TCP but the SSH handshake did not finish within "
                : "TCP connect to " + where + " did not finish within ")
            + seconds(limits.connectTimeout());
      case AUTH:
        return "authentication on "
            + where
            + " did not finish within "
            + seconds(limits.authTimeout());
      default:
        return "command on " + where + " did not finish within " + seconds(limits.commandTimeout());
    }
  }

  static String deadline(Phase phase, String where, ExecLimits limits) {
    return "host deadline of "
        + seconds(limits.hostDeadline())
        + " passed for "
        + where
        + " during "
        + phase.name().toLowerCase(Locale.ROOT);
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
