package dev.capfleet.report;

import dev.capfleet.assess.RemediationStep;
import dev.capfleet.core.HostText;
import dev.capfleet.core.ShellQuote;
import java.util.List;

/**
 * Renders a POSIX shell script with one host's fixes: the report's ordered steps ({@link
 * RemediationPlan}), whose commands the assessment already quoted for the shell; {@code set -eu},
 * guidance as comments, and a stop before the first step that needs the binary when it is missing.
 * The model's commands are safe to run twice.
 */
public final class ShellScriptWriter {
  private ShellScriptWriter() {}

  public static String render(ScanReport report, HostReport host) {
    RemediationPlan p = RemediationPlan.of(host);
    StringBuilder s = new StringBuilder("#!/bin/sh\n");
    s.append("# capfleet remediation for host ")
        .append(comment(host.name()))
        .append(" (verdict ")
        .append(host.verdict())
        .append(", score ")
        .append(host.score() == null ? "n/a" : host.score())
        .append(")\n");
    s.append("# from the report of ").append(comment(report.generatedAt()));
    if (report.model() != null) {
      s.append(", model ")
          .append(comment(report.model().id()))
          .append(' ')
          .append(comment(report.model().version()));
    }
    s.append(
        "\n# Review it, then run it on that host as a user who may sudo. Running it twice changes nothing more.\n");
    s.append("set -eu\n");
    s.append("PATH=\"$PATH:/usr/sbin:/sbin\"  # getcap and setcap live there\n");
    if (!p.guidance().isEmpty()) {
      s.append("\n# Guidance from the report (not automated):\n");
      for (String g : p.guidance()) {
        s.append("#   ").append(comment(g)).append('\n');
      }
    }
    if (!p.hasActions()) {
      s.append("\n# Nothing to automate on this host.\n");
    }
    String bin = p.binary() == null ? null : ShellQuote.singleQuoted(p.binary());
    int step = 0;
    boolean guarded = false;
    for (RemediationStep r : p.steps()) {
      if (r.needsBinary() && !guarded) {
        s.append("\n# ")
            .append(++step)
            .append(". The eCapture binary must exist\n")
            .append("if [ ! -e ")
            .append(bin)
            .append(" ]; then\n")
            .append(
                "  echo 'capfleet: no file at the eCapture path; install the release there first' >&2\n")
            .append("  exit 1\nfi\n");
        guarded = true;
      }
      s.append("\n# ").append(++step).append(". ").append(comment(r.title())).append('\n');
      for (String line : r.commands()) {
        s.append(HostViews.isComment(line) ? "# " + comment(HostViews.uncomment(line)) : line)
            .append('\n');
      }
    }
    if (p.cleanup() != null) {
      s.append("\n# When the capture window closes, remove the capabilities again:\n");
      for (String line : p.cleanup().commands()) {
        s.append("#   ").append(comment(line)).append('\n');
      }
      for (String r : HostViews.cleanupReminders(host)) {
        s.append("#   ").append(comment(r)).append('\n');
      }
    }
    return s.toString();
  }

  /**
   * Text for a comment line: no line breaks or other control characters can end the comment early.
   */
  static String comment(String text) {
    return text == null ? "unknown" : HostText.spaced(text);
  }

  static List<String> hostNames(ScanReport r) {
    return r.hosts() == null ? List.of() : r.hosts().stream().map(HostReport::name).toList();
  }
}
