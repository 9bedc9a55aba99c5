package dev.capfleet.report;

import dev.capfleet.assess.Finding;
import java.util.List;

/**
 * One host's detail: findings by severity with evidence and the model's reference, remediation
 * commands with copy buttons, cleanup reminders and documentation-drift notes.
 */
final class HtmlHostDetail {
  private HtmlHostDetail() {}

  static void write(StringBuilder b, int index, HostReport h) {
    b.append("<details class=\"host\" id=\"host-")
        .append(index)
        .append("\"><summary>")
        .append(HtmlText.escape(h.name()))
        .append(' ')
        .append(HtmlReportWriter.verdictBadge(h.verdict()))
        .append(h.score() == null ? "" : " score " + h.score())
        .append("</summary>\n<dl class=\"meta\">\n");
    pair(
        b,
        "Address",
        h.address() == null ? null : h.address() + (h.port() == null ? "" : ":" + h.port()));
    pair(b, "User", h.user());
    pair(b, "Groups", String.join(", ", HostViews.groups(h)));
    pair(b, "Kernel", h.kernel() == null ? null : h.kernel().release());
    pair(b, "Architecture", h.arch());
    pair(b, "Mode", h.mode());
    pair(b, "Binary", HostViews.binaryPath(h));
    pair(b, "File capabilities", HostViews.fileCapabilities(h));
    pair(b, "Error", HostViews.error(h));
    b.append("</dl>\n");

    List<Finding> all = HostViews.bySeverity(HostViews.findings(h));
    List<Finding> drift = all.stream().filter(HostViews::isDocDrift).toList();
    List<Finding> findings = all.stream().filter(f -> !HostViews.isDocDrift(f)).toList();
    if (!findings.isEmpty()) {
      b.append(
          "<h3>Findings</h3>\n<table class=\"findings\"><thead><tr><th>Severity</th><th>Finding</th>"
              + "<th>Evidence</th><th>Reference</th></tr></thead><tbody>\n");
      for (Finding f : findings) {
        b.append("<tr><td>")
            .append(HtmlSummary.severity(f.severity()))
            .append("</td><td><strong>")
            .append(HtmlText.escape(HostViews.findingTitle(f)))
            .append("</strong>");
        if (f.detail() != null && !f.detail().isBlank()) {
          b.append("<br>").append(HtmlText.escape(f.detail()));
        }
        String evidence = HostViews.evidence(f);
        b.append("</td><td>")
            .append(evidence == null ? "" : "<pre>" + HtmlText.escape(evidence) + "</pre>")
            .append("</td><td>")
            .append(reference(f.reference()))
            .append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    commands(b, "Remediation", "remediation", HostViews.lines(h.remediation()));
    List<String> cleanup = HostViews.lines(h.cleanup());
    if (!cleanup.isEmpty()) {
      b.append("<div class=\"cleanup\"><strong>Cleanup when the capture window closes</strong>\n");
      for (String reminder : HostViews.cleanupReminders(h)) {
        b.append("<p>").append(HtmlText.escape(reminder)).append("</p>\n");
      }
      commands(b, null, "cleanup", HostViews.cleanupCommands(h));
      b.append("</div>\n");
    }
    for (Finding f : drift) {
      b.append("<div class=\"drift\"><strong>Documentation drift: ")
          .append(HtmlText.escape(f.title()))
          .append("</strong><br>")
          .append(HtmlText.escape(f.detail()))
          .append(' ')
          .append(reference(f.reference()))
          .append("</div>\n");
    }
    if (findings.isEmpty() && drift.isEmpty() && h.error() == null) {
      b.append("<p class=\"muted\">No findings.</p>\n");
    }
    b.append("</details>\n");
  }

  /**
   * Commands one a line, each with a copy button holding exactly the command, and one for all of
   * them.
   */
  private static void commands(StringBuilder b, String title, String kind, List<String> lines) {
    List<String> run = lines.stream().filter(l -> !HostViews.isComment(l)).toList();
    if (lines.isEmpty()) {
      return;
    }
    if (title != null) {
      b.append("<h3>").append(title).append("</h3>\n");
    }
    if (run.size() > 1) {
      b.append("<p><button type=\"button\" class=\"copy copy-all\" data-kind=\"")
          .append(kind)
          .append("\" data-copy=\"")
          .append(HtmlText.escape(String.join("\n", run)))
          .append("\">Copy all commands</button></p>\n");
    }
    b.append("<ol class=\"commands ").append(kind).append("\">\n");
    for (String line : lines) {
      if (HostViews.isComment(line)) {
        b.append("<li class=\"note\">")
            .append(HtmlText.escape(HostViews.uncomment(line)))
            .append("</li>\n");
      } else {
        b.append("<li><div class=\"cmd\"><pre>")
            .append(HtmlText.escape(line))
            .append("</pre><button type=\"button\" class=\"copy\" data-kind=\"")
            .append(kind)
            .append("\" data-copy=\"")
            .append(HtmlText.escape(line))
            .append("\">Copy</button></div></li>\n");
      }
    }
    b.append("</ol>\n");
  }

  /**
   * The model's reference: a link when it is a plain http(s) URL, text otherwise; host data never
   * gets here.
   */
  private static String reference(String ref) {
    if (ref == null || ref.isBlank()) {
      return "";
    }
    String text = HtmlText.escape(ref);
    return HostViews.linkable(ref)
        ? "<a href=\"" + text + "\" rel=\"noopener noreferrer\">" + text + "</a>"
        : text;
  }

  private static void pair(StringBuilder b, String label, String value) {
    if (value != null && !value.isBlank()) {
      b.append("<dt>")
          .append(label)
          .append("</dt><dd>")
          .append(HtmlText.escape(value))
          .append("</dd>\n");
    }
  }
}
