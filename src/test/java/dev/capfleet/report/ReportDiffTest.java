package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capfleet.core.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportDiffTest {
  static ScanReport before() {
    return ReportFixtures.report(
        "2026-03-01T10:00:00Z",
        List.of(
            ReportFixtures.ready("web-01", "10.0.0.1"),
            ReportFixtures.notReadyMissingCaps("db-01"),
            ReportFixtures.warnings("web-02"),
            ReportFixtures.ready("retired-01", "10.0.0.9")));
  }

  static ScanReport after() {
    return ReportFixtures.report(
        "2026-03-08T10:00:00Z",
        List.of(
            ReportFixtures.unreachable("web-01", "timeout", "connect timed out"),
            ReportFixtures.ready("db-01", "10.0.0.2"),
            ReportFixtures.notReadyMissingCaps("web-02"),
            ReportFixtures.ready("new-01", "10.0.0.10")));
  }

  @Test
  void sortsHostsIntoWorseBetterAppearedAndDisappeared() {
    ReportDiff d = ReportDiff.compare(before(), after());
    assertEquals(
        List.of(
            new ReportDiff.Change("web-01", Verdict.READY, Verdict.UNREACHABLE, 100, null),
            new ReportDiff.Change(
                "web-02", Verdict.READY_WITH_WARNINGS, Verdict.NOT_READY, 90, 25)),
        d.worse());
    assertEquals(
        List.of(new ReportDiff.Change("db-01", Verdict.NOT_READY, Verdict.READY, 25, 100)),
        d.better());
    assertEquals(List.of(new ReportDiff.Presence("new-01", Verdict.READY, 100)), d.appeared());
    assertEquals(
        List.of(new ReportDiff.Presence("retired-01", Verdict.READY, 100)), d.disappeared());
    assertTrue(d.anyWorse());
  }

  @Test
  void findingsAreNewOrFixedByRuleAndCapability() {
    ReportDiff d = ReportDiff.compare(before(), after());
    ReportDiff.FindingChanges db =
        d.findings().stream().filter(f -> f.host().equals("db-01")).findFirst().orElseThrow();
    assertEquals(
        List.of(), db.added().stream().filter(k -> !k.rule().equals("btf-available")).toList());
    assertEquals(
        List.of(
            "capability-granted CAP_BPF",
            "capability-granted CAP_PERFMON",
            "debugfs-mounted null",
            "memlock-unlimited null"),
        db.fixed().stream().map(k -> k.rule() + " " + k.capability()).toList());
    ReportDiff.FindingChanges web =
        d.findings().stream().filter(f -> f.host().equals("web-02")).findFirst().orElseThrow();
    assertTrue(
        web.added().stream()
            .anyMatch(
                k -> k.rule().equals("capability-granted") && "CAP_BPF".equals(k.capability())));
    assertTrue(web.fixed().stream().anyMatch(k -> k.rule().equals("no-excess-capability")));
  }

  @Test
  void sameReportHasNoChanges() {
    ReportDiff d = ReportDiff.compare(ReportFixtures.fleet(), ReportFixtures.fleet());
    assertFalse(d.anyWorse());
    assertTrue(d.text().endsWith("No changes.\n"), d.text());
  }

  @Test
  void textNamesEverySectionAndJsonUsesOldAndNew() throws Exception {
    ReportDiff d = ReportDiff.compare(before(), after());
    String text = d.text();
    for (String s :
        List.of(
            "Got worse (2):",
            "  web-01: READY (100) -> UNREACHABLE (no score)",
            "Got better (1):",
            "Appeared (1):",
            "Disappeared (1):",
            "Findings (+ new, - fixed)",
            "    - debugfs-mounted (blocker)",
            "2 worse, 1 better, 1 appeared, 1 disappeared")) {
      assertTrue(text.contains(s), s + " in\n" + text);
    }
    JsonNode json = JsonReports.mapper().valueToTree(d);
    assertEquals("2026-03-08T10:00:00Z", json.get("new").get("generatedAt").asText());
    assertEquals("2026-03-01T10:00:00Z", json.get("old").get("generatedAt").asText());
    assertEquals("UNREACHABLE", json.get("worse").get(0).get("to").asText());
  }

  @Test
  void hostileHostNamesAreMadePrintable() {
    List<HostReport> hosts = new ArrayList<>(before().hosts());
    hosts.add(ReportFixtures.host("evil\u001b[31m\nname").build());
    String text =
        ReportDiff.compare(before(), ReportFixtures.report("2026-03-09T00:00:00Z", hosts)).text();
    assertTrue(text.contains("evil?[31m name: READY (100)"), text);
    assertTrue(text.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F)));
  }
}
