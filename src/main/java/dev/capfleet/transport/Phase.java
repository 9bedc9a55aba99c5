package dev.capfleet.transport;

import dev.capfleet.transport.ExecOutcome.Status;

/** How far an SSH exchange got; a timeout is reported as the phase it stopped in. */
enum Phase {
  /** TCP connect and SSH handshake of every hop, host key checks included. */
  CONNECT(Status.CONNECT_TIMEOUT),
  /** User authentication on the target. */
  AUTH(Status.AUTH_TIMEOUT),
  /** The command, from the exec request to its exit. */
  EXEC(Status.COMMAND_TIMEOUT);

  private final Status timeout;

  Phase(Status timeout) {
    this.timeout = timeout;
  }

  Status timeoutStatus() {
    return timeout;
  }
}
