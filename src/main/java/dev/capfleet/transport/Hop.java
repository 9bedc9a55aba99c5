package dev.capfleet.transport;

/**
 * One SSH session on the way to a target: a jump host or the target itself.
 *
 * @param label how messages name it, e.g. {@code web1 (127.0.0.5:22)} or {@code jump host
 *     bastion:22 (for web1)}
 * @param address host name or IP literal as the inventory gave it (known_hosts is matched on it)
 * @param port TCP port
 * @param user login user
 * @param target true for the last hop, the host the command runs on
 */
record Hop(String label, String address, int port, String user, boolean target) {

  static Hop of(SshTarget t, String user) {
    return new Hop(t.name() + " (" + t.endpoint() + ")", t.address(), t.port(), user, true);
  }

  static Hop of(SshTarget.Jump j, String user, SshTarget t) {
    return new Hop(
        "jump host " + j.endpoint() + " (for " + t.name() + ")",
        j.address(),
        j.port(),
        user,
        false);
  }
}
