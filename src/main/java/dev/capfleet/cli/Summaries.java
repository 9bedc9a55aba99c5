package dev.capfleet.cli;

import dev.capfleet.assess.Verdict;
import dev.capfleet.probe.ProbeScript;
import dev.capfleet.report.HostReport;
import dev.capfleet.report.ScanReport;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** The console summary printed after a scan: verdict counts, the worst hosts, where the reports are. */
final class Summaries {
  private Summaries() {}

  static String render(ScanReport report, List<Path> written) {
    StringBuilder b = new StringBuilder();
    ScanReport.Summary s = report.summary();
    b.append(String.format("%n%d hosts scanned in %.1f s, fleet score %s%n", s.hosts(),
        report.scan().millis() / 1000.0, s.fleetScore() == null ? "-" : s.fleetScore()));
    for (Verdict v : Verdict.values()) {
      b.append(String.format("  %-20s %6d%n", v, s.verdicts().getOrDefault(v, 0)));
    }
    List<HostReport> worst = report.hosts().stream()
        .filter(h -> h.verdict() != Verdict.READY)
        .sorted(Comparator.comparing(HostReport::verdict).reversed()
            .thenComparing(h -> h.score() == null ? -1 : h.score()))
        .limit(10).toList();
    if (!worst.isEmpty()) {
      b.append(String.format("%nWorst hosts:%n"));
      for (HostReport h : worst) {
        String why = h.error() != null ? h.error().kind() + ": " + h.error().message()
            : h.findings().stream().filter(f -> f.severity().equals("blocker") || f.severity().equals("warning"))
                .map(f -> f.title() + (f.capability() == null ? "" : " (" + f.capability() + ")"))
                .findFirst().orElse("");
        why = ProbeScript.printable(why);
        if (why.length() > 70) {
          why = why.substring(0, 67) + "...";
        }
        b.append(String.format("  %-24s %-20s %5s  %s%n", cut(ProbeScript.printable(h.name()), 24), h.verdict(),
            h.score() == null ? "-" : h.score(), why));
      }
    }
    b.append('\n');
    written.forEach(p -> b.append("report: ").append(p).append('\n'));
    return b.toString();
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "~";
  }
}
