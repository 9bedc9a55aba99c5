package dev.capfleet.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The host patterns of one play: an inventory group where every host the report lists in it needs
 * the play, else the hosts by name. Groups keep a 400-host playbook short and read as the fleet is
 * organised; they are chosen only from the report's {@code groups}, so a group also holding a host
 * the play must not touch is never named. Inventory hosts the report does not know (a scan with
 * {@code -l}, a host added since) are still skipped by the play's own {@code end_host} guard, which
 * the writer puts first in every play.
 */
final class PlayTargets {
  /** Each group's hosts as the report lists them, in report order. */
  private final Map<String, Set<String>> members = new LinkedHashMap<>();

  private final Set<String> hostNames = new HashSet<>();
  private final Predicate<String> literal;

  /**
   * @param hosts every host of the report, whatever its verdict: a group qualifies only if all of
   *     them need the play
   * @param literal whether a name is a literal Ansible pattern (a group that is not is never named)
   */
  PlayTargets(Collection<HostReport> hosts, Predicate<String> literal) {
    this.literal = literal;
    for (HostReport h : hosts) {
      if (h.name() == null) {
        continue;
      }
      hostNames.add(h.name());
      for (String g : h.groups()) {
        members.computeIfAbsent(g, k -> new LinkedHashSet<>()).add(h.name());
      }
    }
  }

  /**
   * The patterns for a play over {@code names}: the largest qualifying groups first, each only if
   * it covers a host not yet covered, then the hosts no group covers, in the given order. A group
   * of one host, or one named like a host (Ansible would have to guess which is meant), is never
   * used: the host's own name says the same, plainer.
   */
  List<String> patterns(Collection<String> names) {
    Set<String> wanted = new LinkedHashSet<>(names);
    List<Map.Entry<String, Set<String>>> candidates =
        members.entrySet().stream()
            .filter(
                e ->
                    e.getValue().size() > 1
                        && !"all".equals(e.getKey())
                        && !hostNames.contains(e.getKey())
                        && literal.test(e.getKey())
                        && wanted.containsAll(e.getValue()))
            .sorted(
                Comparator.comparingInt((Map.Entry<String, Set<String>> e) -> -e.getValue().size())
                    .thenComparing(Map.Entry::getKey))
            .toList();
    List<String> out = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    for (Map.Entry<String, Set<String>> g : candidates) {
      if (!covered.containsAll(g.getValue())) {
        out.add(g.getKey());
        covered.addAll(g.getValue());
      }
    }
    for (String n : wanted) {
      if (!covered.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }
}
