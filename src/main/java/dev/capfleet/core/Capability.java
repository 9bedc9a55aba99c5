package dev.capfleet.core;

import java.util.Locale;
import java.util.Optional;

/** Linux capabilities by number, as capabilities(7) and libcap name them. */
public enum Capability {
  CAP_CHOWN,
  CAP_DAC_OVERRIDE,
  CAP_DAC_READ_SEARCH,
  CAP_FOWNER,
  CAP_FSETID,
  CAP_KILL,
  CAP_SETGID,
  CAP_SETUID,
  CAP_SETPCAP,
  CAP_LINUX_IMMUTABLE,
  CAP_NET_BIND_SERVICE,
  CAP_NET_BROADCAST,
  CAP_NET_ADMIN,
  CAP_NET_RAW,
  CAP_IPC_LOCK,
  CAP_IPC_OWNER,
  CAP_SYS_MODULE,
  CAP_SYS_RAWIO,
  CAP_SYS_CHROOT,
  CAP_SYS_PTRACE,
  CAP_SYS_PACCT,
  CAP_SYS_ADMIN,
  CAP_SYS_BOOT,
  CAP_SYS_NICE,
  CAP_SYS_RESOURCE,
  CAP_SYS_TIME,
  CAP_SYS_TTY_CONFIG,
  CAP_MKNOD,
  CAP_LEASE,
  CAP_AUDIT_WRITE,
  CAP_AUDIT_CONTROL,
  CAP_SETFCAP,
  CAP_MAC_OVERRIDE,
  CAP_MAC_ADMIN,
  CAP_SYSLOG,
  CAP_WAKE_ALARM,
  CAP_BLOCK_SUSPEND,
  CAP_AUDIT_READ,
  CAP_PERFMON,
  CAP_BPF,
  CAP_CHECKPOINT_RESTORE;

  /** The highest capability number that libcap releases before 2.43 know by name. */
  public static final int LAST_NAMED_BY_OLD_LIBCAP = 37;

  public int number() {
    return ordinal();
  }

  /** The lower-case name libcap prints and setcap accepts, e.g. {@code cap_bpf}. */
  public String libcapName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The name without prefix as Docker and Kubernetes spell it, e.g. {@code BPF}. */
  public String shortName() {
    return name().substring("CAP_".length());
  }

  /**
   * How setcap on a host with old libcap must spell this capability: its number when the name is
   * unknown.
   */
  public String setcapToken(boolean libcapKnowsNewNames) {
    return libcapKnowsNewNames || number() <= LAST_NAMED_BY_OLD_LIBCAP
        ? libcapName()
        : Integer.toString(number());
  }

  public static Optional<Capability> ofNumber(int number) {
    Capability[] all = values();
    return number >= 0 && number < all.length ? Optional.of(all[number]) : Optional.empty();
  }

  /**
   * Parses any spelling seen in tools and documents: {@code cap_bpf}, {@code CAP_BPF}, {@code BPF},
   * {@code 39}.
   */
  public static Optional<Capability> parse(String token) {
    String t = token.trim();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (t.chars().allMatch(Character::isDigit)) {
      try {
        return ofNumber(Integer.parseInt(t));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    String upper = t.toUpperCase(Locale.ROOT);
    if (!upper.startsWith("CAP_")) {
      upper = "CAP_" + upper;
    }
    try {
      return Optional.of(valueOf(upper));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
