package dev.capfleet.report;

import dev.capfleet.assess.CheckStatus;
import dev.capfleet.assess.Finding;
import dev.capfleet.core.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet's findings grouped by rule and status, worst first: what the workbook and the HTML page
 * lead with.
 */
final class TopFindings {
  static final int LIMIT = 10;

  /** One line: a rule and status, its phrased title, how many findings and on how many hosts. */
  record Top(
      String id, Severity severity, CheckStatus status, String title, int findings, int hosts) {}

  private TopFindings() {}

  /**
   * Blockers before warnings before info (a frequent info note must not hide a rare blocker),
   * failed before unknown, then the most hosts, then the rule id.
   */
  static List<Top> of(List<HostReport> hosts, int limit) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, Set<String>> hostsPerKey = new HashMap<>();
    Map<String, Finding> first = new HashMap<>();
    for (HostReport h : hosts) {
      for (Finding f : HostViews.findings(h)) {
        String key = f.id() + "\u0000" + f.status();
        counts.computeIfAbsent(key, k -> new int[1])[0]++;
        hostsPerKey.computeIfAbsent(key, k -> new HashSet<>()).add(h.name());
        first.putIfAbsent(key, f);
      }
    }
    List<Top> out = new ArrayList<>();
    counts.forEach(
        (k, n) -> {
          Finding f = first.get(k);
          String title =
              HostViews.findingTitle(
                  new Finding(
                      f.id(),
                      f.severity(),
                      f.status(),
                      f.title(),
                      f.detail(),
                      null,
                      Map.of(),
                      List.of(),
                      f.reference()));
          out.add(
              new Top(f.id(), f.severity(), f.status(), title, n[0], hostsPerKey.get(k).size()));
        });
    out.sort(
        Comparator.comparingInt((Top t) -> HostViews.severityRank(t.severity()))
            .thenComparing(t -> t.status() == CheckStatus.FAIL ? 0 : 1)
            .thenComparing(Comparator.comparingInt(Top::hosts).reversed())
            .thenComparing(Comparator.comparingInt(Top::findings).reversed())
            .thenComparing(Top::id));
    return out.subList(0, Math.min(limit, out.size()));
  }
}
