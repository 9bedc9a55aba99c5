package dev.capfleet.report;

import dev.capfleet.core.Verdict;
import java.util.List;

/** The sortable, filterable hosts table; the page's script sorts on each cell's data-value. */
final class HtmlHostTable {
  private HtmlHostTable() {}

  static void write(StringBuilder b, List<HostReport> hosts) {
    b.append("<section id=\"hosts-section\"><h2>Hosts</h2>\n<div class=\"controls\">")
        .append(
            "<label>Filter <input type=\"search\" id=\"filter\" placeholder=\"host, group, kernel, reason...\" "
                + "autocomplete=\"off\"></label>")
        .append("<label>Verdict <select id=\"verdict-filter\"><option value=\"\">all</option>");
    for (Verdict v : Verdict.values()) {
      b.append("<option value=\"")
          .append(v.name())
          .append("\">")
          .append(v.name())
          .append("</option>");
    }
    b.append("</select></label><span id=\"shown\" class=\"muted\">")
        .append(hosts.size())
        .append(" of ")
        .append(hosts.size())
        .append(" hosts shown</span></div>\n");
    b.append(
        "<table id=\"hosts\"><thead><tr><th data-type=\"text\">Host</th><th data-type=\"number\">Verdict</th>"
            + "<th data-type=\"number\">Score</th><th data-type=\"text\">Groups</th><th data-type=\"text\">Kernel</th>"
            + "<th data-type=\"text\">Reason</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < hosts.size(); i++) {
      HostReport h = hosts.get(i);
      String verdict = h.verdict() == null ? "" : h.verdict().name();
      String kernel = h.kernel() == null ? null : h.kernel().release();
      String reason = HostViews.reason(h);
      b.append("<tr data-index=\"")
          .append(i)
          .append("\" data-verdict=\"")
          .append(verdict)
          .append("\">")
          .append("<td><a class=\"host-link\" href=\"#host-")
          .append(i)
          .append("\">")
          .append(HtmlText.escape(h.name()))
          .append("</a></td>")
          // worst last: sorting ascending puts READY first, descending the hosts to act on first
          .append("<td data-value=\"")
          .append(h.verdict() == null ? -1 : h.verdict().ordinal())
          .append("\">")
          .append(HtmlReportWriter.verdictBadge(h.verdict()))
          .append("</td>")
          .append("<td class=\"num\" data-value=\"")
          .append(h.score() == null ? "" : h.score())
          .append("\">")
          .append(h.score() == null ? "-" : h.score())
          .append("</td>")
          .append("<td>")
          .append(HtmlText.escape(String.join(", ", HostViews.groups(h))))
          .append("</td>")
          .append("<td>")
          .append(kernel == null ? "" : HtmlText.escape(kernel))
          .append("</td>")
          .append("<td>")
          .append(reason == null ? "" : HtmlText.escape(reason))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></section>\n");
  }
}
