package dev.capfleet.transport;

/**
 * The known_hosts judgement on one offered host key.
 *
 * @param kind the judgement
 * @param offered the offered key, as {@code ED25519 SHA256:...}
 * @param detail what known_hosts holds instead (for CHANGED and REVOKED), or empty
 */
record HostKeyVerdict(Kind kind, String offered, String detail) {
  enum Kind {
    TRUSTED,
    /** No key at all for this host; acceptable on first use when new keys are accepted. */
    UNKNOWN,
    /** Other keys are known for this host. */
    CHANGED,
    REVOKED,
    /** Trusted on first use and appended to known_hosts. */
    ADDED
  }

  boolean accepted() {
    return kind == Kind.TRUSTED || kind == Kind.ADDED;
  }
}
