package dev.capfleet.report;

import dev.capfleet.assess.Verdict;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** What to print after a scan: verdict counts, the worst hosts and where the reports went. ASCII, 100 columns. */
public final class ConsoleSummary {
  public static final int WIDTH = 100;
  static final int WORST = 10;

  private ConsoleSummary() {}

  public static String render(ScanReport report, List<Path> written) {
    List<HostReport> hosts = report.hosts() == null ? List.of() : report.hosts();
    ScanReport.Summary sum = report.summary() != null ? report.summary() : ScanReport.Summary.of(hosts);
    StringBuilder s = new StringBuilder();
    String model = report.model() == null ? "" : " against " + report.model().id() + " " + report.model().version();
    String took = report.scan() == null ? "" : String.format(" in %.1f s", report.scan().millis() / 1000.0);
    s.append(ConsoleText.fit(sum.hosts() + " hosts" + model + took + ", fleet score "
        + (sum.fleetScore() == null ? "n/a (no host reached)" : sum.fleetScore() + "/100"), WIDTH)).append("\n\n");
    s.append(String.format("  %-21s %5s%n", "VERDICT", "HOSTS"));
    for (Verdict v : Verdict.values()) {
      int n = sum.verdicts() == null ? 0 : sum.verdicts().getOrDefault(v, 0);
      s.append(String.format("  %-21s %5d%n", v.name(), n));
    }
    s.append(String.format("  %-21s %5d%n", "total", sum.hosts()));
    if (sum.docDrift() != null && sum.docDrift() > 0) {
      s.append(ConsoleText.fit(String.format("  %d host(s) where eCapture's documentation would judge differently"
          + " (finding doc-drift)", sum.docDrift()), WIDTH)).append('\n');
    }

    List<HostReport> worst = hosts.stream().filter(h -> h.verdict() != null && h.verdict() != Verdict.READY)
        .sorted(Comparator.comparing(HostReport::verdict).reversed()
            .thenComparing(h -> h.score() == null ? -1 : h.score())
            .thenComparing(h -> ConsoleText.ascii(h.name())))
        .limit(WORST).toList();
    if (!worst.isEmpty()) {
      s.append("\nWorst hosts:\n");
      s.append(String.format("  %-19s %5s  %-24s %s%n", "VERDICT", "SCORE", "HOST", "FIRST BLOCKER (OR REASON)"));
      for (HostReport h : worst) {
        String line = String.format("  %-19s %5s  %-24s %s", h.verdict().name(),
            h.score() == null ? "-" : h.score().toString(), ConsoleText.fit(h.name(), 24),
            ConsoleText.ascii(HostViews.firstBlocker(h)));
        s.append(ConsoleText.fit(line, WIDTH)).append('\n');
      }
      long more = hosts.stream().filter(h -> h.verdict() != null && h.verdict() != Verdict.READY).count() - worst.size();
      if (more > 0) {
        s.append("  ... and ").append(more).append(" more not READY (see the reports)\n");
      }
    }
    if (!written.isEmpty()) {
      s.append("\nReports:\n");
      for (Path p : written) {
        s.append("  ").append(ConsoleText.ascii(p.toString())).append('\n');
      }
    }
    return s.toString();
  }
}
