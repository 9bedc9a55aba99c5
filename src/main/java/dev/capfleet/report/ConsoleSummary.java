package dev.capfleet.report;

import dev.capfleet.assess.DocDrift;
import dev.capfleet.core.HostText;
import dev.capfleet.core.Severity;
import dev.capfleet.core.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What to print after a scan: verdict counts, the most common reasons, the worst hosts (every host
 * with {@code -v}) and where the reports went. ASCII; 100 columns except the whole reasons of
 * {@code -v}.
 */
public final class ConsoleSummary {
  public static final int WIDTH = 100;
  static final int WORST = 10;
  static final int REASONS = 5;

  /** How much to print, as Ansible's {@code -q} and {@code -v}. */
  public enum Detail {
    QUIET,
    NORMAL,
    VERBOSE
  }

  private ConsoleSummary() {}

  public static String render(ScanReport report, List<Path> written) {
    return render(report, written, Detail.NORMAL);
  }

  public static String render(ScanReport report, List<Path> written, Detail detail) {
    List<HostReport> hosts = report.hosts() == null ? List.of() : report.hosts();
    ScanReport.Summary sum =
        report.summary() != null ? report.summary() : ScanReport.Summary.of(hosts);
    if (detail == Detail.QUIET) {
      return oneLine(report, sum, hosts, written) + "\n";
    }
    StringBuilder s = new StringBuilder();
    String model =
        report.model() == null
            ? ""
            : " against " + report.model().id() + " " + report.model().version();
    String took =
        report.scan() == null ? "" : String.format(" in %.1f s", report.scan().millis() / 1000.0);
    s.append(HostText.fit(ConsoleText.count(sum.hosts(), "host") + model + took, WIDTH))
        .append('\n');
    s.append(HostText.fit(score(sum, hosts), WIDTH)).append("\n\n");
    s.append(String.format("  %-21s %5s%n", "VERDICT", "HOSTS"));
    for (Verdict v : Verdict.values()) {
      s.append(String.format("  %-21s %5d%n", v.name(), count(sum, v)));
    }
    s.append(String.format("  %-21s %5d%n", "total", sum.hosts()));
    if (sum.docDrift() != null && sum.docDrift() > 0) {
      s.append(
              HostText.fit(
                  String.format(
                      "  %d host(s) where eCapture's documentation would judge differently"
                          + " (finding %s)",
                      sum.docDrift(), DocDrift.FINDING_ID),
                  WIDTH))
          .append('\n');
    }
    reasons(s, hosts);
    hostTable(s, hosts, detail);
    if (interrupted(report)) {
      long stopped = interruptedHosts(hosts);
      s.append("\nInterrupted: the scan was stopped before every host finished; ")
          .append(ConsoleText.count(stopped, "host"))
          .append(stopped == 1 ? " not finished is" : " not finished are")
          .append(" INCONCLUSIVE (interrupted).\n");
    }
    if (!written.isEmpty()) {
      s.append("\nReports:\n");
      for (Path p : written) {
        s.append("  ").append(HostText.ascii(p.toString())).append('\n');
      }
    }
    return s.toString();
  }

  /** {@code -q}: the whole result on one line, for cron mails and CI logs. */
  private static String oneLine(
      ScanReport report, ScanReport.Summary sum, List<HostReport> hosts, List<Path> written) {
    List<String> parts = new ArrayList<>();
    for (Verdict v : Verdict.values()) {
      if (count(sum, v) > 0) {
        parts.add(v.name() + " " + count(sum, v));
      }
    }
    return HostText.ascii(
        "capfleet: "
            + ConsoleText.count(sum.hosts(), "host")
            + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")")
            + ", "
            + score(sum, hosts)
            + (interrupted(report) ? ", interrupted" : "")
            + (written.isEmpty()
                ? ""
                : "; reports: "
                    + written.stream().map(Path::toString).collect(Collectors.joining(", "))));
  }

  /**
   * The fleet score says how many hosts it covers: unreachable hosts have no score and are not in
   * it.
   */
  private static String score(ScanReport.Summary sum, List<HostReport> hosts) {
    if (sum.fleetScore() == null) {
      return "fleet score n/a (no host reached)";
    }
    long scored = hosts.stream().filter(h -> h.score() != null).count();
    return "fleet score "
        + sum.fleetScore()
        + "/100 over "
        + scored
        + " of "
        + ConsoleText.count(sum.hosts(), "host")
        + (scored < sum.hosts()
            ? " (" + (sum.hosts() - scored) + " unreachable or cut short, without a score)"
            : "");
  }

  /**
   * The most common reasons a host is not READY, so that one cause behind many hosts shows at a
   * glance.
   */
  private static void reasons(StringBuilder s, List<HostReport> hosts) {
    Map<String, List<HostReport>> byReason = new LinkedHashMap<>();
    hosts.stream()
        .filter(ConsoleSummary::notReady)
        .sorted(ORDER)
        .forEach(h -> byReason.computeIfAbsent(reasonKey(h), k -> new ArrayList<>()).add(h));
    if (byReason.isEmpty()) {
      return;
    }
    s.append("\nMost common reasons:\n");
    byReason.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<String, List<HostReport>> e) -> -e.getValue().size()))
        .limit(REASONS)
        .forEach(
            e -> {
              HostReport first = e.getValue().get(0);
              String example =
                  e.getValue().size() > 1 && first.error() != null
                      ? " (e.g. " + first.name() + ")"
                      : "";
              s.append(
                      HostText.fit(
                          String.format(
                              "  %9s: %s%s",
                              ConsoleText.count(e.getValue().size(), "host"),
                              reasonText(first),
                              example),
                          WIDTH))
                  .append('\n');
            });
    if (byReason.size() > REASONS) {
      s.append("  ... and ")
          .append(byReason.size() - REASONS)
          .append(" more reasons (see the reports)\n");
    }
  }

  private static void hostTable(StringBuilder s, List<HostReport> hosts, Detail detail) {
    List<HostReport> shown =
        detail == Detail.VERBOSE
            ? hosts.stream().sorted(ORDER).toList()
            : hosts.stream().filter(ConsoleSummary::notReady).sorted(ORDER).limit(WORST).toList();
    if (shown.isEmpty()) {
      return;
    }
    s.append(detail == Detail.VERBOSE ? "\nHosts:\n" : "\nWorst hosts:\n");
    s.append(
        String.format(
            "  %-19s %5s  %-24s %s%n", "VERDICT", "SCORE", "HOST", "FIRST BLOCKER (OR REASON)"));
    for (HostReport h : shown) {
      String line =
          String.format(
              "  %-19s %5s  %-24s %s",
              h.verdict() == null ? "-" : h.verdict().name(),
              h.score() == null ? "-" : h.score().toString(),
              detail == Detail.VERBOSE ? HostText.ascii(h.name()) : HostText.fit(h.name(), 24),
              HostText.ascii(HostViews.firstBlocker(h)));
      s.append(detail == Detail.VERBOSE ? line : HostText.fit(line, WIDTH)).append('\n');
      if (detail == Detail.VERBOSE) {
        for (var f : HostViews.findings(h)) {
          if (f.severity() != Severity.INFO) {
            s.append("      ")
                .append(HostViews.severity(f))
                .append(' ')
                .append(HostViews.status(f))
                .append(": ")
                .append(HostText.ascii(f.detail()))
                .append('\n');
          }
        }
      }
    }
    long more = hosts.stream().filter(ConsoleSummary::notReady).count() - shown.size();
    if (detail != Detail.VERBOSE && more > 0) {
      s.append("  ... and ")
          .append(more)
          .append(" more not READY (-v lists every host; see the reports)\n");
    }
  }

  private static final Comparator<HostReport> ORDER =
      Comparator.comparing(
              (HostReport h) -> h.verdict() == null ? Verdict.UNREACHABLE : h.verdict())
          .reversed()
          .thenComparing(h -> h.score() == null ? -1 : h.score())
          .thenComparing(h -> HostText.ascii(h.name()));

  private static boolean notReady(HostReport h) {
    return h.verdict() != null && h.verdict() != Verdict.READY;
  }

  /**
   * Hosts failing for one cause share a key: the error kind (its message names the host), or the
   * finding.
   */
  private static String reasonKey(HostReport h) {
    String blocker = HostViews.firstBlocker(h);
    if (h.error() != null && (blocker == null || blocker.equals(HostViews.error(h)))) {
      return "error:" + h.error().kind();
    }
    return h.verdict() + ":" + blocker;
  }

  private static String reasonText(HostReport h) {
    String r = HostViews.firstBlocker(h);
    return HostText.ascii(r == null ? h.verdict().name() : r);
  }

  private static int count(ScanReport.Summary sum, Verdict v) {
    return sum.verdicts() == null ? 0 : sum.verdicts().getOrDefault(v, 0);
  }

  private static boolean interrupted(ScanReport report) {
    return report.scan() != null && Boolean.TRUE.equals(report.scan().interrupted());
  }

  private static long interruptedHosts(List<HostReport> hosts) {
    return hosts.stream()
        .filter(h -> h.error() != null && "interrupted".equals(h.error().kind()))
        .count();
  }
}
