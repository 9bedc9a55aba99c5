package dev.capfleet.report;

import java.util.List;

/**
 * Renders a POSIX shell script with one host's fixes, from {@link RemediationPlan}: {@code set -eu}, every value
 * single-quoted, guidance as comments, and each step safe to run twice (checks before mount and groupadd; setcap
 * sets the exact set). Ownership is fixed before setcap because chown clears file capabilities.
 */
public final class ShellScriptWriter {
  private ShellScriptWriter() {}

  public static String render(ScanReport report, HostReport host) {
    RemediationPlan p = RemediationPlan.of(host);
    StringBuilder s = new StringBuilder("#!/bin/sh\n");
    s.append("# capfleet remediation for host ").append(comment(host.name())).append(" (verdict ")
        .append(host.verdict()).append(", score ").append(host.score() == null ? "n/a" : host.score()).append(")\n");
    s.append("# from the report of ").append(comment(report.generatedAt()));
    if (report.model() != null) {
      s.append(", model ").append(comment(report.model().id())).append(' ').append(comment(report.model().version()));
    }
    s.append("\n# Review it, then run it on that host as a user who may sudo. Running it twice changes nothing more.\n");
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
    String bin = p.binary() == null ? null : quote(p.binary());
    int step = 0;
    if (p.restrict() || p.setcap() != null || p.removeCapabilities()) {
      s.append("\n# ").append(++step).append(". The eCapture binary must exist\n")
          .append("if [ ! -e ").append(bin).append(" ]; then\n")
          .append("  echo 'capfleet: no file at the eCapture path; install the release there first' >&2\n")
          .append("  exit 1\nfi\n");
    }
    if (p.restrict()) {
      s.append("\n# ").append(++step).append(". Owner root, group ").append(RemediationPlan.GROUP).append(", mode ")
          .append(RemediationPlan.MODE).append(" (before setcap: chown clears file capabilities)\n")
          .append("getent group ").append(RemediationPlan.GROUP).append(" >/dev/null || sudo groupadd --system ")
          .append(RemediationPlan.GROUP).append('\n')
          .append("sudo chown root:").append(RemediationPlan.GROUP).append(' ').append(bin).append('\n')
          .append("sudo chmod ").append(RemediationPlan.MODE).append(' ').append(bin).append('\n');
    }
    for (RemediationPlan.MountFix m : p.mounts()) {
      s.append("\n# ").append(++step).append(". ").append(m.fsType()).append(" at ").append(m.path()).append('\n')
          .append("grep -qs ").append(quote("^[^ ]* " + m.path() + " " + m.fsType() + " ")).append(" /proc/mounts || ")
          .append("sudo mount -t ").append(quote(m.fsType())).append(' ').append(quote(m.device())).append(' ')
          .append(quote(m.path())).append('\n');
    }
    if (p.removeCapabilities()) {
      s.append("\n# ").append(++step).append(". Remove the capabilities: no approved capture window is open\n")
          .append("if [ -n \"$(getcap ").append(bin).append(")\" ]; then sudo setcap -r ").append(bin).append("; fi\n");
    } else if (p.setcap() != null) {
      s.append("\n# ").append(++step).append(". Exactly the capabilities eCapture needs here\n")
          .append("sudo setcap ").append(quote(p.setcap())).append(' ').append(bin).append('\n')
          .append("getcap ").append(bin).append('\n');
    }
    if (p.cleanup()) {
      s.append("\n# When the capture window closes, remove the capabilities again:\n")
          .append("#   sudo setcap -r ").append(comment(bin)).append('\n');
      for (String r : HostViews.cleanupReminders(host)) {
        s.append("#   ").append(comment(r)).append('\n');
      }
    }
    return s.toString();
  }

  /** One shell word: single quotes around, and each {@code '} as {@code '\''}. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Text for a comment line: no line breaks or other control characters can end the comment early. */
  static String comment(String text) {
    return text == null ? "unknown" : text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]", " ");
  }

  static List<String> hostNames(ScanReport r) {
    return r.hosts() == null ? List.of() : r.hosts().stream().map(HostReport::name).toList();
  }
}
