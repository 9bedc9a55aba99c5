package dev.capfleet.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Time and size bounds for one command on one host; every bound is enforced even against a host
 * that stops answering or floods.
 *
 * @param connectTimeout TCP connect plus SSH handshake (banner, key exchange, host key check)
 * @param authTimeout user authentication, from the end of the handshake
 * @param commandTimeout from the exec request to the command's exit
 * @param hostDeadline everything for the host, start to end
 * @param maxOutputBytes standard output kept; past it reading stops and the command is closed
 */
public record ExecLimits(
    Duration connectTimeout,
    Duration authTimeout,
    Duration commandTimeout,
    Duration hostDeadline,
    int maxOutputBytes) {

  /** Standard error kept; the rest is read and dropped, and the outcome marked truncated. */
  public static final int STDERR_CAP = 64 * 1024;

  public static final ExecLimits DEFAULTS =
      new ExecLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          Duration.ofSeconds(120),
          4 * 1024 * 1024);

  public ExecLimits {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(authTimeout, "authTimeout");
    requirePositive(commandTimeout, "commandTimeout");
    requirePositive(hostDeadline, "hostDeadline");
    if (maxOutputBytes < 1) {
      throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
    }
  }

  public ExecLimits withConnectTimeout(Duration d) {
    return new ExecLimits(d, authTimeout, commandTimeout, hostDeadline, maxOutputBytes);
  }

  public ExecLimits withAuthTimeout(Duration d) {
    return new ExecLimits(connectTimeout, d, commandTimeout, hostDeadline, maxOutputBytes);
  }

  public ExecLimits withCommandTimeout(Duration d) {
    return new ExecLimits(connectTimeout, authTimeout, d, hostDeadline, maxOutputBytes);
  }

  public ExecLimits withHostDeadline(Duration d) {
    return new ExecLimits(connectTimeout, authTimeout, commandTimeout, d, maxOutputBytes);
  }

  public ExecLimits withMaxOutputBytes(int bytes) {
    return new ExecLimits(connectTimeout, authTimeout, commandTimeout, hostDeadline, bytes);
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }
}
