package dev.capfleet.lab;

/** How the non-root user's process is started, beyond the file capabilities on its binary. */
enum LabCondition {
  /** Straight from root through {@code setpriv} to the user, then execve of the binary. */
  PLAIN("plain"),
  /** The binary on a tmpfs mounted nosuid, inside {@code unshare -m}. */
  NOSUID("binary on a nosuid mount"),
  /** The user's own process sets no_new_privs ({@code setpriv --no-new-privs}) before execve. */
  NO_NEW_PRIVS("no_new_privs from an unprivileged parent"),
  /** The user runs the binary as root of a new user namespace ({@code unshare -Ur}). */
  USER_NAMESPACE("user namespace (unshare -Ur)"),
  /**
   * Root raises the memlock hard limit to unlimited ({@code prlimit}) before dropping to the user.
   */
  MEMLOCK_UNLIMITED("memlock hard limit unlimited (prlimit by root)");

  final String description;

  LabCondition(String description) {
    this.description = description;
  }
}
