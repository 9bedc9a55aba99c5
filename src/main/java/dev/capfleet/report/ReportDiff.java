package dev.capfleet.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.capfleet.assess.Finding;
import dev.capfleet.core.HostText;
import dev.capfleet.core.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two reports of the same fleet: hosts whose verdict got worse or better (in
 * {@link Verdict}'s order), hosts that appeared or disappeared, and per host the findings that are
 * new or fixed (a finding is its rule id plus capability).
 */
@JsonPropertyOrder({"old", "new", "worse", "better", "appeared", "disappeared", "findings"})
public record ReportDiff(
    Side old,
    @JsonProperty("new") Side current,
    List<Change> worse,
    List<Change> better,
    List<Presence> appeared,
    List<Presence> disappeared,
    List<FindingChanges> findings) {

  /** One report of the pair. */
  public record Side(String generatedAt, String model, int hosts) {}

  /** A host whose verdict moved. */
  public record Change(String host, Verdict from, Verdict to, Integer scoreFrom, Integer scoreTo) {}

  /** A host present in one report only. */
  public record Presence(String host, Verdict verdict, Integer score) {}

  /** A finding's identity across scans. */
  public record FindingKey(String rule, String capability, String severity, String title) {
    String key() {
      return rule + "\u0000" + Objects.toString(capability, "");
    }

    String label() {
      return rule + (capability == null ? "" : " " + capability) + " (" + severity + "): " + title;
    }
  }

  /** Findings of one host (present in both reports) that are new or gone. */
  public record FindingChanges(String host, List<FindingKey> added, List<FindingKey> fixed) {}

  public ReportDiff {
    worse = List.copyOf(worse);
    better = List.copyOf(better);
    appeared = List.copyOf(appeared);
    disappeared = List.copyOf(disappeared);
    findings = List.copyOf(findings);
  }

  /** True when at least one host present in both reports has a worse verdict now. */
  public boolean anyWorse() {
    return !worse.isEmpty();
  }

  public static ReportDiff compare(ScanReport oldReport, ScanReport newReport) {
    Map<String, HostReport> before = byName(oldReport);
    Map<String, HostReport> after = byName(newReport);
    List<Change> worse = new ArrayList<>();
    List<Change> better = new ArrayList<>();
    List<Presence> appeared = new ArrayList<>();
    List<Presence> disappeared = new ArrayList<>();
    List<FindingChanges> findings = new ArrayList<>();
    for (HostReport now : after.values()) {
      HostReport then = before.get(now.name());
      if (then == null) {
        appeared.add(new Presence(now.name(), now.verdict(), now.score()));
        continue;
      }
      Change c = new Change(now.name(), then.verdict(), now.verdict(), then.score(), now.score());
      if (now.verdict() != null
          && then.verdict() != null
          && now.verdict().worseThan(then.verdict())) {
        worse.add(c);
      } else if (now.verdict() != null
          && then.verdict() != null
          && then.verdict().worseThan(now.verdict())) {
        better.add(c);
      }
      Map<String, FindingKey> was = keys(then);
      Map<String, FindingKey> is = keys(now);
      List<FindingKey> added =
          is.entrySet().stream()
              .filter(e -> !was.containsKey(e.getKey()))
              .map(Map.Entry::getValue)
              .toList();
      List<FindingKey> fixed =
          was.entrySet().stream()
              .filter(e -> !is.containsKey(e.getKey()))
              .map(Map.Entry::getValue)
              .toList();
      if (!added.isEmpty() || !fixed.isEmpty()) {
        findings.add(new FindingChanges(now.name(), added, fixed));
      }
    }
    for (HostReport then : before.values()) {
      if (!after.containsKey(then.name())) {
        disappeared.add(new Presence(then.name(), then.verdict(), then.score()));
      }
    }
    return new ReportDiff(
        side(oldReport), side(newReport), worse, better, appeared, disappeared, findings);
  }

  private static Side side(ScanReport r) {
    String model = r.model() == null ? null : r.model().id() + " " + r.model().version();
    return new Side(r.generatedAt(), model, r.hosts() == null ? 0 : r.hosts().size());
  }

  private static Map<String, HostReport> byName(ScanReport r) {
    Map<String, HostReport> m = new LinkedHashMap<>();
    for (HostReport h : r.hosts() == null ? List.<HostReport>of() : r.hosts()) {
      m.putIfAbsent(h.name(), h);
    }
    return m;
  }

  /** Failed findings only: a rule that could not be checked is not a finding that appeared. */
  private static Map<String, FindingKey> keys(HostReport h) {
    Map<String, FindingKey> m = new LinkedHashMap<>();
    for (Finding f : HostViews.findings(h)) {
      if (f.failed()) {
        FindingKey k = new FindingKey(f.id(), f.capability(), HostViews.severity(f), f.title());
        m.putIfAbsent(k.key(), k);
      }
    }
    return m;
  }

  /** A plain-text account for a terminal or a CI log. */
  public String text() {
    StringBuilder s = new StringBuilder();
    s.append("Old: ")
        .append(describe(old))
        .append('\n')
        .append("New: ")
        .append(describe(current))
        .append("\n\n");
    if (worse.isEmpty()
        && better.isEmpty()
        && appeared.isEmpty()
        && disappeared.isEmpty()
        && findings.isEmpty()) {
      return s.append("No changes.\n").toString();
    }
    section(s, "Got worse", worse.stream().map(ReportDiff::change).toList());
    section(s, "Got better", better.stream().map(ReportDiff::change).toList());
    section(s, "Appeared", appeared.stream().map(ReportDiff::presence).toList());
    section(s, "Disappeared", disappeared.stream().map(ReportDiff::presence).toList());
    List<String> lines = new ArrayList<>();
    for (FindingChanges f : findings) {
      lines.add(HostText.ascii(f.host()) + ":");
      f.added().forEach(k -> lines.add("  + " + HostText.ascii(k.label())));
      f.fixed().forEach(k -> lines.add("  - " + HostText.ascii(k.label())));
    }
    section(s, "Findings (+ new, - fixed)", lines);
    s.append(worse.size())
        .append(" worse, ")
        .append(better.size())
        .append(" better, ")
        .append(appeared.size())
        .append(" appeared, ")
        .append(disappeared.size())
        .append(" disappeared\n");
    return s.toString();
  }

  private static String describe(Side side) {
    return HostText.ascii(
        side.generatedAt() + ", " + side.hosts() + " hosts, model " + side.model());
  }

  private static void section(StringBuilder s, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    s.append(title)
        .append(" (")
        .append(lines.stream().filter(l -> !l.startsWith("  ")).count())
        .append("):\n");
    lines.forEach(l -> s.append("  ").append(l).append('\n'));
    s.append('\n');
  }

  private static String change(Change c) {
    return HostText.ascii(c.host())
        + ": "
        + c.from()
        + " "
        + score(c.scoreFrom())
        + " -> "
        + c.to()
        + " "
        + score(c.scoreTo());
  }

  private static String presence(Presence p) {
    return HostText.ascii(p.host()) + ": " + p.verdict() + " " + score(p.score());
  }

  private static String score(Integer s) {
    return "(" + (s == null ? "no score" : s) + ")";
  }
}
