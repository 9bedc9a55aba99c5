package dev.capfleet.transport;

import dev.capfleet.core.HostText;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What running one command on one host gave: never an exception, always one of these.
 *
 * <p>The byte arrays are owned by the outcome; callers must not change them.
 *
 * @param status how far it got and why it stopped
 * @param exitCode the command's exit status, null when it did not exit normally (or never ran)
 * @param stdout standard output, at most {@link ExecLimits#maxOutputBytes()}
 * @param stderr standard error, at most {@link ExecLimits#STDERR_CAP}
 * @param truncated true when either stream was cut at its cap
 * @param message one printable line for a human; empty for a plain success
 * @param hostKeyFingerprint the target's offered host key ({@code ED25519 SHA256:...}), or null if
 *     none was seen (local runs, unreachable hosts)
 * @param millis wall time spent on this host
 */
public record ExecOutcome(
    Status status,
    Integer exitCode,
    byte[] stdout,
    byte[] stderr,
    boolean truncated,
    String message,
    String hostKeyFingerprint,
    long millis) {

  private static final byte[] NONE = new byte[0];
  private static final int MAX_MESSAGE = 600;

  /** Keeps "could not connect" apart from "connected, but the command did not finish". */
  public enum Status {
    /** The command ran and exited (with any exit code) or was ended by a signal. */
    OK(false),
    /** Nothing listens on the port (TCP reset). */
    CONNECT_REFUSED(true),
    /** TCP connect, SSH banner or key exchange did not finish within the connect timeout. */
    CONNECT_TIMEOUT(true),
    /** The host name does not resolve. */
    UNRESOLVED(true),
    /** No route to the host or network down. */
    NO_ROUTE(true),
    /** TCP connected, but the SSH handshake failed (no common algorithm, dropped connection). */
    HANDSHAKE_FAILED(true),
    /** The host key is not in known_hosts and new keys are not accepted. */
    HOST_KEY_UNKNOWN(true),
    /** known_hosts holds other keys for this host: possible man-in-the-middle. Never accepted. */
    HOST_KEY_CHANGED(true),
    /** The offered host key is marked {@code @revoked} in known_hosts. */
    HOST_KEY_REVOKED(true),
    /** The server accepted none of our keys, or no usable key was available. */
    AUTH_FAILED(true),
    /** Authentication did not finish within the auth timeout. */
    AUTH_TIMEOUT(true),
    /** The command did not exit within the command timeout (or the host deadline). */
    COMMAND_TIMEOUT(false),
    /** The connection or channel closed before the command reported an exit status. */
    DISCONNECTED(false),
    /** Standard output passed the cap; the command was closed. */
    OUTPUT_LIMIT(false),
    /** Anything else (SSH protocol failure, local I/O, an executor shut down). */
    ERROR(false);

    private final boolean unreachable;

    Status(boolean unreachable) {
      this.unreachable = unreachable;
    }

    /**
     * True when no command could be started because the host could not be reached or logged into.
     */
    public boolean unreachable() {
      return unreachable;
    }
  }

  public ExecOutcome {
    Objects.requireNonNull(status, "status");
    stdout = stdout == null ? NONE : stdout;
    stderr = stderr == null ? NONE : stderr;
    message = HostText.oneLine(message, MAX_MESSAGE); // host-supplied text: one bounded line
  }

  /** An outcome without output: the host was not reached or the run failed early. */
  public static ExecOutcome failure(
      Status status, String message, String hostKeyFingerprint, long millis) {
    return new ExecOutcome(status, null, NONE, NONE, false, message, hostKeyFingerprint, millis);
  }

  public boolean succeeded() {
    return status == Status.OK && exitCode != null && exitCode == 0;
  }

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ExecOutcome["
        + status
        + ", exit="
        + exitCode
        + ", stdout="
        + stdout.length
        + " bytes, stderr="
        + stderr.length
        + " bytes"
        + (truncated ? ", truncated" : "")
        + ", "
        + millis
        + " ms"
        + (message.isEmpty() ? "" : ", " + message)
        + "]";
  }
}
