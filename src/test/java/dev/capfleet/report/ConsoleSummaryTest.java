package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {
  @Test
  void showsCountsWorstHostsAndReportPathsInAsciiWithinHundredColumns() {
    String out =
        ConsoleSummary.render(
            ReportFixtures.fleet(),
            List.of(Path.of("reports/capfleet-1.json"), Path.of("reports/capfleet-1.xlsx")));
    for (String line : out.split("\n")) {
      assertTrue(line.length() <= ConsoleSummary.WIDTH, line);
      assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7F), line);
    }
    assertTrue(out.contains("  NOT_READY                 3\n"), out);
    assertTrue(out.contains("  reports/capfleet-1.xlsx\n"), out);
    List<String> worst =
        out.lines()
            .dropWhile(l -> !l.startsWith("Worst hosts:"))
            .skip(2)
            .takeWhile(l -> !l.isEmpty())
            .toList();
    assertEquals(7, worst.size(), out);
    assertTrue(worst.get(0).startsWith("  UNREACHABLE"), worst.get(0));
    assertTrue(
        worst
            .get(2)
            .matches("  NOT_READY\\s+25  db-01\\s+Not met: Required capability set on the bin.*"),
        out);
  }

  @Test
  void listsAtMostTenWorstHosts() {
    String out = ConsoleSummary.render(ReportFixtures.large(40), List.of());
    assertTrue(out.contains("... and 20 more not READY"), out);
    assertTrue(
        out.matches(
            "(?s)40 hosts against ecapture-minimum-privileges 2026.11.1 in [0-9.]+ s\nfleet score .*"),
        out);
  }

  @Test
  void countsTheMostCommonReasonsAndSaysWhatTheFleetScoreCovers() {
    String out = ConsoleSummary.render(ReportFixtures.large(40), List.of());
    assertTrue(out.contains("\nMost common reasons:\n"), out);
    assertTrue(
        out.contains("   10 hosts: timeout: connect timed out after 10s (e.g. node-00003)\n"), out);
    // phrased as a failure, as the workbook, HTML and JUnit phrase it (HostViews.findingTitle),
    // never as the rule
    assertTrue(out.contains("   10 hosts: Not met: Required capability set on the binary"), out);
    assertFalse(out.contains("hosts: Required capability set"), out);
    assertTrue(
        out.lines()
            .skip(1)
            .findFirst()
            .orElseThrow()
            .matches(
                "fleet score [0-9]+/100 over 30 of 40 hosts \\(10 unreachable or cut short, without a score\\)"),
        out);
  }

  @Test
  void verboseListsEveryHostWithItsWholeReason() {
    String longReason =
        "host key for far-away-host changed: SHA256:" + "Q".repeat(60) + " (was SHA256:abc)";
    ScanReport r =
        ReportFixtures.report(
            "2026-03-01T10:00:00Z",
            List.of(
                ReportFixtures.ready("web-01", "10.0.0.1"),
                ReportFixtures.unreachable("far-away-host", "host-key-changed", longReason)));
    String normal = ConsoleSummary.render(r, List.of());
    assertFalse(normal.contains(longReason), "the table cuts at 100 columns: " + normal);
    assertFalse(normal.contains("web-01"), "READY hosts are not among the worst: " + normal);
    String verbose = ConsoleSummary.render(r, List.of(), ConsoleSummary.Detail.VERBOSE);
    assertTrue(verbose.contains("host-key-changed: " + longReason + "\n"), verbose);
    assertTrue(verbose.contains("web-01"), "every host: " + verbose);
  }

  @Test
  void anInterruptedScanSaysSo() {
    ScanReport done = ReportFixtures.fleet();
    ScanReport.ScanInfo i = done.scan();
    List<HostReport> hosts = new java.util.ArrayList<>(done.hosts());
    hosts.add(
        ReportFixtures.unreachable(
            "late-01", "interrupted", "the scan was interrupted before this host finished"));
    ScanReport stopped =
        new ScanReport(
            done.schemaVersion(),
            done.tool(),
            done.generatedAt(),
            done.purpose(),
            done.inventory(),
            done.model(),
            new ScanReport.ScanInfo(
                i.kind(),
                i.mode(),
                i.limit(),
                i.forks(),
                i.startedAt(),
                i.finishedAt(),
                i.millis(),
                true),
            ScanReport.Summary.of(hosts),
            done.bestPractices(),
            hosts);
    String out = ConsoleSummary.render(stopped, List.of());
    assertTrue(
        out.contains(
            "Interrupted: the scan was stopped before every host finished; 1 host not finished is INCONCLUSIVE"),
        out);
    assertFalse(ConsoleSummary.render(done, List.of()).contains("Interrupted"));
    assertTrue(
        ConsoleSummary.render(stopped, List.of(), ConsoleSummary.Detail.QUIET)
            .contains(", interrupted"));
  }
}
