package dev.capfleet.transport;

import java.util.concurrent.CompletableFuture;

/** Runs one command on one host; the scan stage fans out over many hosts through this. */
public interface CommandRunner {

  /**
   * Starts {@code command} on {@code target}, writes {@code stdin} to it and then closes its input.
   * The future never completes exceptionally: every failure, including a bug, is an {@link
   * ExecOutcome} with a status and a message.
   *
   * @param stdin bytes for the command's standard input; null or empty sends EOF at once
   */
  CompletableFuture<ExecOutcome> run(
      SshTarget target, String command, byte[] stdin, ExecLimits limits);
}
