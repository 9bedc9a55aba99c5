package dev.capfleet.transport;

/** A bad ssh_config line, reported as {@code file:line: problem}. */
public final class SshConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SshConfigException(String message) {
    super(message, null, false, false);
  }
}
