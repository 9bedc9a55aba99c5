package dev.capfleet.report;

import dev.capfleet.core.Severity;
import dev.capfleet.core.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML report's scan metadata, verdict counts with a bar chart, and top findings. */
final class HtmlSummary {
  static final Map<Verdict, String> COLOURS =
      Map.of(
          Verdict.READY,
          "#2e7d32",
          Verdict.READY_WITH_WARNINGS,
          "#b7791f",
          Verdict.INCONCLUSIVE,
          "#6b46c1",
          Verdict.NOT_READY,
          "#c53030",
          Verdict.UNREACHABLE,
          "#4a5568");

  private HtmlSummary() {}

  static void write(
      StringBuilder b, ScanReport r, ScanReport.Summary summary, List<HostReport> hosts) {
    b.append("<section id=\"scan\"><h2>Scan</h2><dl class=\"meta\">\n");
    pair(b, "Generated at", r.generatedAt());
    pair(b, "Tool", r.tool() == null ? null : r.tool().name() + " " + r.tool().version());
    pair(
        b,
        "Requirement model",
        r.model() == null ? null : r.model().id() + " " + r.model().version());
    pair(b, "Purpose", r.purpose());
    pair(b, "Inventory", r.inventory());
    ScanReport.ScanInfo scan = r.scan();
    if (scan != null) {
      pair(
          b,
          "Scan",
          scan.kind()
              + (scan.mode() == null ? "" : ", mode " + scan.mode())
              + (scan.limit() == null ? "" : ", limit " + scan.limit())
              + (scan.forks() == null ? "" : ", " + scan.forks() + " forks"));
      pair(b, "Started / finished", scan.startedAt() + " / " + scan.finishedAt());
      pair(b, "Duration", String.format(Locale.ROOT, "%.1f s", scan.millis() / 1000.0));
      if (Boolean.TRUE.equals(scan.interrupted())) {
        pair(
            b,
            "Interrupted",
            "yes: hosts not finished before the interruption are INCONCLUSIVE (interrupted)");
      }
    }
    b.append("</dl></section>\n");

    b.append(
            "<section id=\"summary\"><h2>Summary</h2><div class=\"overview\">\n<div class=\"score\" id=\"fleet-score\">")
        .append(summary.fleetScore() == null ? "n/a" : summary.fleetScore() + "/100")
        .append("<small>fleet score: mean of ")
        .append(scored(hosts))
        .append(" reached hosts of ")
        .append(summary.hosts())
        .append("</small></div>\n");
    b.append(
        "<table class=\"counts\" id=\"verdict-counts\"><thead><tr><th>Verdict</th><th>Hosts</th><th>Share</th>"
            + "</tr></thead><tbody>\n");
    int max = 1;
    for (Verdict v : Verdict.values()) {
      max = Math.max(max, count(summary, v));
    }
    for (Verdict v : Verdict.values()) {
      int n = count(summary, v);
      b.append("<tr data-verdict=\"")
          .append(v.name())
          .append("\"><td>")
          .append(HtmlReportWriter.verdictBadge(v))
          .append("</td><td class=\"n\">")
          .append(n)
          .append("</td><td class=\"n\">")
          .append(summary.hosts() == 0 ? "-" : Math.round(100.0 * n / summary.hosts()) + " %")
          .append("</td></tr>\n");
    }
    b.append("<tr><td><strong>Total</strong></td><td class=\"n\"><strong>")
        .append(summary.hosts())
        .append("</strong></td><td></td></tr>\n</tbody></table>\n");
    chart(b, summary, max);
    b.append("</div>\n");
    long drift =
        hosts.stream()
            .filter(h -> HostViews.findings(h).stream().anyMatch(HostViews::isDocDrift))
            .count();
    if (drift > 0) {
      b.append("<p class=\"drift\" id=\"doc-drift-count\"><strong>Documentation drift on ")
          .append(drift)
          .append(drift == 1 ? " host" : " hosts")
          .append("</strong>: eCapture's documentation would judge ")
          .append(drift == 1 ? "it" : "them")
          .append(
              " differently from what the kernel requires; each host's "
                  + "detail says how and why.</p>\n");
    }

    List<TopFindings.Top> top = TopFindings.of(hosts, TopFindings.LIMIT);
    b.append("<h3>Top findings</h3>\n");
    if (top.isEmpty()) {
      b.append("<p>No findings.</p>\n");
    } else {
      b.append(
          "<table id=\"top-findings\"><thead><tr><th>Severity</th><th>Finding</th><th>Rule</th><th>Hosts</th>"
              + "</tr></thead><tbody>\n");
      for (TopFindings.Top t : top) {
        b.append("<tr><td>")
            .append(severity(t.severity()))
            .append("</td><td>")
            .append(HtmlText.escape(t.title()))
            .append("</td><td>")
            .append(HtmlText.escape(t.id()))
            .append("</td><td class=\"n\">")
            .append(t.hosts())
            .append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    b.append("</section>\n");
  }

  /**
   * A horizontal bar per verdict; presentation attributes only, since the CSP allows no style
   * attributes.
   */
  private static void chart(StringBuilder b, ScanReport.Summary summary, int max) {
    int barWidth = 260;
    int rowHeight = 26;
    int labelWidth = 170;
    int height = rowHeight * Verdict.values().length + 8;
    b.append(
            "<svg class=\"chart\" id=\"verdict-chart\" role=\"img\" aria-label=\"Hosts per verdict\" width=\"")
        .append(labelWidth + barWidth + 50)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(labelWidth + barWidth + 50)
        .append(' ')
        .append(height)
        .append("\">\n<title>Hosts per verdict</title>\n");
    int y = 4;
    for (Verdict v : Verdict.values()) {
      int n = count(summary, v);
      int w = n == 0 ? 0 : Math.max(2, Math.round((float) barWidth * n / max));
      b.append("<text x=\"")
          .append(labelWidth - 8)
          .append("\" y=\"")
          .append(y + 17)
          .append("\" text-anchor=\"end\">")
          .append(v.name())
          .append("</text>")
          .append("<rect x=\"")
          .append(labelWidth)
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(w)
          .append("\" height=\"")
          .append(rowHeight - 8)
          .append("\" fill=\"")
          .append(COLOURS.get(v))
          .append("\" data-verdict=\"")
          .append(v.name())
          .append("\"></rect>")
          .append("<text x=\"")
          .append(labelWidth + w + 6)
          .append("\" y=\"")
          .append(y + 17)
          .append("\">")
          .append(n)
          .append("</text>\n");
      y += rowHeight;
    }
    b.append("</svg>\n");
  }

  static String severity(Severity s) {
    String name = s == null ? "unknown" : s.id();
    return "<span class=\"sev sev-"
        + HtmlText.escape(name)
        + "\">"
        + HtmlText.escape(name)
        + "</span>";
  }

  private static int count(ScanReport.Summary s, Verdict v) {
    return s.verdicts() == null ? 0 : s.verdicts().getOrDefault(v, 0);
  }

  private static long scored(List<HostReport> hosts) {
    return hosts.stream().filter(h -> h.score() != null).count();
  }

  private static void pair(StringBuilder b, String label, String value) {
    b.append("<dt>")
        .append(label)
        .append("</dt><dd>")
        .append(value == null ? "-" : HtmlText.escape(value))
        .append("</dd>\n");
  }
}
