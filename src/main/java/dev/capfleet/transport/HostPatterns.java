package dev.capfleet.transport;

import java.util.List;
import java.util.Locale;

/**
 * OpenSSH's host pattern matching for plain known_hosts entries: the host is written {@code host}
 * on port 22 and {@code [host]:port} otherwise, then matched against comma-separated patterns with
 * {@code *}, {@code ?} and {@code !} negation, case-insensitively. (MINA's own matcher never lets a
 * pattern without a port, such as {@code @revoked *}, match a non-22 port.)
 */
final class HostPatterns {
  private HostPatterns() {}

  /** The name OpenSSH looks up in known_hosts for this host and port. */
  static String hostKeyName(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    return port == SshTarget.DEFAULT_PORT ? h : "[" + h + "]:" + port;
  }

  /**
   * ssh_config's pattern lists ({@code Host a b !c}, {@code Match host a,b}): true when some
   * pattern matches the name and no negated one does, case-insensitively as OpenSSH's {@code
   * match_pattern_list} does.
   */
  static boolean matchesList(List<String> patterns, String name) {
    return matchesLowered(
        patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList(),
        name.toLowerCase(Locale.ROOT));
  }

  /** {@link #matchesList} for patterns and a name already lowercased (known_hosts lines are). */
  static boolean matchesLowered(List<String> patterns, String n) {
    boolean positive = false;
    for (String p : patterns) {
      boolean negated = p.startsWith("!");
      if (wildcard(negated ? p.substring(1) : p, n, 0, 0)) {
        if (negated) {
          return false;
        }
        positive = true;
      }
    }
    return positive;
  }

  private static boolean wildcard(String p, String s, int pi, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (wildcard(p, s, pi + 1, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }
}
