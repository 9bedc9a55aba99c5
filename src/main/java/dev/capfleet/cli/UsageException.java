package dev.capfleet.cli;

/**
 * A user's mistake (flag, file, value): reported as one line naming the place, exit code 2, no
 * stack trace.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
