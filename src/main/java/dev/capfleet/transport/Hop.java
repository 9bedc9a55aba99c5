package dev.capfleet.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One SSH session on the way to a target: a jump host or the target itself.
 *
 * @param label how messages name it, e.g. {@code web1 (127.0.0.5:22)} or {@code jump host
 *     bastion:22 (for web1)}
 * @param address host name or IP literal as the inventory gave it (known_hosts is matched on it)
 * @param port TCP port
 * @param user login user
 * @param target true for the last hop, the host the command runs on
 * @param identityFiles the identity files this session tries, in order; empty for the target's (on
 *     a jump host) or the scan's defaults (on the target)
 * @param identitiesOnly ssh_config's {@code IdentitiesOnly} for this hop, or null
 */
record Hop(
    String label,
    String address,
    int port,
    String user,
    boolean target,
    List<Path> identityFiles,
    Boolean identitiesOnly) {

  Hop {
    identityFiles = List.copyOf(identityFiles);
  }

  /** The target: its own key first, then ssh_config's IdentityFile lines, as ssh orders them. */
  static Hop of(SshTarget t, String user) {
    List<Path> files = new ArrayList<>();
    if (t.privateKey() != null) {
      files.add(t.privateKey());
    }
    files.addAll(t.identityFiles());
    return new Hop(
        t.name() + " (" + t.endpoint() + ")",
        t.address(),
        t.port(),
        user,
        true,
        files,
        t.identitiesOnly());
  }

  static Hop of(SshTarget.Jump j, String user, SshTarget t) {
    return new Hop(
        "jump host " + j.endpoint() + " (for " + t.name() + ")",
        j.address(),
        j.port(),
        user,
        false,
        j.identityFiles(),
        j.identitiesOnly());
  }
}
