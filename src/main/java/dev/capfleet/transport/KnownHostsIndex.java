package dev.capfleet.transport;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * known_hosts lines by the host name they can match, so that a lookup reads the few lines for that
 * name instead of the whole file. A scan looks up every host of the fleet in one file that often
 * lists the whole fleet: read line by line, 10,000 hosts against a 10,000-line file spent a third
 * of the scanner's CPU splitting and lowercasing patterns (JFR, bench/README.md). Lines whose
 * patterns hold a wildcard, and hashed lines (their salt differs per line, so nothing can be
 * computed once), are tried for every host, as OpenSSH tries every line.
 *
 * <p>Lines are only ever added, in file order, under the owner's lock; readers on other threads see
 * each bucket as a whole (copy on write).
 */
final class KnownHostsIndex {
  /**
   * One usable line; exactly one of {@code patterns} (lowercased, split at commas) and {@code
   * hashed} is set.
   */
  record Line(
      int number, HashedName hashed, List<String> patterns, PublicKey key, boolean revoked) {
    static Line plain(int number, String patterns, PublicKey key, boolean revoked) {
      List<String> lowered = new ArrayList<>();
      for (String p : patterns.split(",")) {
        if (!p.isEmpty()) {
          lowered.add(p.toLowerCase(Locale.ROOT));
        }
      }
      return new Line(number, null, List.copyOf(lowered), key, revoked);
    }

    /** True when the line applies to {@code name}, a {@link HostPatterns#hostKeyName}. */
    boolean matches(String name) {
      return patterns == null ? hashed.matches(name) : HostPatterns.matchesLowered(patterns, name);
    }
  }

  private final Map<String, List<Line>> byName = new ConcurrentHashMap<>();
  private volatile List<Line> everyHost = List.of();

  /**
   * Adds a line read from (or appended to) the file. {@code clearName} is the name a hashed line
   * was made from, when this process wrote it and so knows it; null otherwise.
   */
  void add(Line line, String clearName) {
    if (line.patterns() == null) {
      if (clearName != null) {
        bucket(clearName, line);
      } else {
        everyHost = appended(everyHost, line);
      }
      return;
    }
    List<String> positive =
        line.patterns().stream().filter(p -> !p.startsWith("!")).distinct().toList();
    if (positive.stream().anyMatch(p -> p.indexOf('*') >= 0 || p.indexOf('?') >= 0)) {
      everyHost = appended(everyHost, line);
    } else {
      // a line with negations only matches no host at all, and so lands in no bucket
      positive.forEach(p -> bucket(p, line));
    }
  }

  /** The lines that match {@code name} (a {@link HostPatterns#hostKeyName}), in file order. */
  List<Line> matching(String name) {
    List<Line> named = byName.getOrDefault(name, List.of());
    List<Line> all = everyHost;
    List<Line> out = new ArrayList<>(Math.min(named.size() + all.size(), 16));
    int i = 0;
    int j = 0;
    while (i < named.size() || j < all.size()) {
      Line next;
      if (j >= all.size() || (i < named.size() && named.get(i).number() < all.get(j).number())) {
        next = named.get(i++);
      } else {
        next = all.get(j++);
      }
      if (next.matches(name)) {
        out.add(next);
      }
    }
    return out;
  }

  private void bucket(String name, Line line) {
    byName.merge(name, List.of(line), (old, one) -> appended(old, one.get(0)));
  }

  private static List<Line> appended(List<Line> list, Line line) {
    List<Line> copy = new ArrayList<>(list.size() + 1);
    copy.addAll(list);
    copy.add(line);
    return List.copyOf(copy);
  }
}
