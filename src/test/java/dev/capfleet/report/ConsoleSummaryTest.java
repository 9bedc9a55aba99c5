package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {
  @Test
  void showsCountsWorstHostsAndReportPathsInAsciiWithinHundredColumns() {
    String out = ConsoleSummary.render(ReportFixtures.fleet(),
        List.of(Path.of("reports/capfleet-1.json"), Path.of("reports/capfleet-1.xlsx")));
    for (String line : out.split("\n")) {
      assertTrue(line.length() <= ConsoleSummary.WIDTH, line);
      assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7F), line);
    }
    assertTrue(out.contains("  NOT_READY                 3\n"), out);
    assertTrue(out.contains("  reports/capfleet-1.xlsx\n"), out);
    List<String> worst = out.lines().dropWhile(l -> !l.startsWith("Worst hosts:")).skip(2)
        .takeWhile(l -> !l.isEmpty()).toList();
    assertEquals(7, worst.size(), out);
    assertTrue(worst.get(0).startsWith("  UNREACHABLE"), worst.get(0));
    assertTrue(worst.get(2).matches("  NOT_READY\\s+25  db-01\\s+Required capability set on the binary.*"), out);
  }

  @Test
  void listsAtMostTenWorstHosts() {
    String out = ConsoleSummary.render(ReportFixtures.large(40), List.of());
    assertTrue(out.contains("... and 20 more not READY"), out);
    assertTrue(out.matches("(?s)40 hosts against ecapture-minimum-privileges 2026.11.1 in [0-9.]+ s, fleet score .*"), out);
  }
}
