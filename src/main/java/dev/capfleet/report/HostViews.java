package dev.capfleet.report;

import dev.capfleet.assess.CheckStatus;
import dev.capfleet.assess.DocDrift;
import dev.capfleet.assess.Finding;
import dev.capfleet.core.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Read-only views of a host that several renderings share (workbook, console, remediation). */
final class HostViews {
  private HostViews() {}

  /** Capabilities named by failed findings of one rule, in report order, without repeats. */
  static List<String> capabilities(HostReport h, String ruleId) {
    Set<String> out = new LinkedHashSet<>();
    for (Finding f : findings(h)) {
      if (ruleId.equals(f.id()) && f.failed() && f.capability() != null) {
        out.add(f.capability());
      }
    }
    return List.copyOf(out);
  }

  static List<Finding> findings(HostReport h) {
    return h.findings() == null ? List.of() : h.findings();
  }

  static List<String> lines(List<String> l) {
    return l == null ? List.of() : l;
  }

  /**
   * The binary's file capabilities as getcap would summarise them, e.g. {@code CAP_BPF, CAP_PERFMON
   * (eip)}.
   */
  static String fileCapabilities(HostReport h) {
    if (h.binary() == null || h.binary().capabilities() == null) {
      return null;
    }
    if (h.binary().capabilities().isEmpty()) {
      return "none";
    }
    String flags = h.binary().flags();
    return String.join(", ", h.binary().capabilities())
        + (flags == null || flags.isBlank() ? "" : " (" + flags + ")");
  }

  static String binaryPath(HostReport h) {
    return h.binary() == null ? null : h.binary().path();
  }

  static String error(HostReport h) {
    if (h.error() == null) {
      return null;
    }
    return h.error().kind() + ": " + h.error().message();
  }

  /**
   * Evidence as {@code name = value} lines, sorted by name (the record holds an unordered copy).
   */
  static String evidence(Finding f) {
    if (f.evidence() == null || f.evidence().isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(f.evidence()).entrySet()) {
      out.add(e.getKey() + " = " + e.getValue());
    }
    return String.join("\n", out);
  }

  /** Cleanup lines that are commands (not {@code #} comments). */
  static List<String> cleanupCommands(HostReport h) {
    return lines(h.cleanup()).stream().filter(l -> !isComment(l)).toList();
  }

  /** Cleanup comment lines without their {@code #}. */
  static List<String> cleanupReminders(HostReport h) {
    return lines(h.cleanup()).stream()
        .filter(HostViews::isComment)
        .map(HostViews::uncomment)
        .toList();
  }

  static boolean isComment(String line) {
    return line.stripLeading().startsWith("#");
  }

  static String uncomment(String line) {
    String s = line.stripLeading();
    return s.startsWith("#") ? s.substring(1).strip() : s;
  }

  /**
   * The first failed blocker, else the first blocker, else the error, else the first warning; for
   * "why is this host bad". Phrased by {@link #findingTitle} so the console says "Not met: ..." as
   * the workbook and HTML do.
   */
  static String firstBlocker(HostReport h) {
    for (Finding f : findings(h)) {
      if (f.failedBlocker()) {
        return findingTitle(f);
      }
    }
    for (Finding f : findings(h)) {
      if (f.severity() == Severity.BLOCKER) {
        return findingTitle(f);
      }
    }
    if (h.error() != null) {
      return error(h);
    }
    for (Finding f : findings(h)) {
      if (f.severity() != Severity.INFO) {
        return findingTitle(f);
      }
    }
    return null;
  }

  /**
   * A finding's title phrased as what was found. The model's titles state requirements ("debugfs
   * mounted at /sys/kernel/debug"), which read as successes where a report lists failures; a
   * rendering rule keeps the model's one text per rule.
   */
  static final String FAILED = "Not met: ";

  static final String UNKNOWN = "Could not check: ";

  static String findingTitle(Finding f) {
    String t = f.title() == null ? f.id() : f.title();
    if (isDocDrift(f)) {
      return t; // a note about the documentation, not a rule this host failed
    }
    String prefix =
        f.status() == CheckStatus.FAIL
            ? FAILED
            // the assessor already phrases unknown findings so; never twice
            : f.status() == CheckStatus.UNKNOWN ? UNKNOWN : "";
    return (t.startsWith(prefix) ? t : prefix + t)
        + (f.capability() == null || t.contains(f.capability()) ? "" : " (" + f.capability() + ")");
  }

  /**
   * Why a host has its verdict, in one line: the error of a host that could not be assessed, else
   * the first failed blocker, the first unknown blocker, the first warning; null for a clean host.
   */
  static String reason(HostReport h) {
    if (h.error() != null
        && (h.verdict() == dev.capfleet.core.Verdict.UNREACHABLE || findings(h).isEmpty())) {
      return error(h);
    }
    for (Severity severity : List.of(Severity.BLOCKER, Severity.WARNING)) {
      for (CheckStatus status : List.of(CheckStatus.FAIL, CheckStatus.UNKNOWN)) {
        for (Finding f : findings(h)) {
          if (severity == f.severity() && status == f.status()) {
            return findingTitle(f);
          }
        }
      }
    }
    return h.error() == null ? null : error(h);
  }

  /** Findings from most to least severe, then in report order (a stable sort). */
  static List<Finding> bySeverity(List<Finding> findings) {
    return findings.stream()
        .sorted(java.util.Comparator.comparingInt(f -> severityRank(f.severity())))
        .toList();
  }

  /** Blocker, warning, info, then a finding without a severity. */
  static int severityRank(Severity s) {
    return s == null ? Severity.values().length : s.ordinal();
  }

  /** A severity as reports spell it; null stays null. */
  static String severity(Finding f) {
    return f.severity() == null ? null : f.severity().id();
  }

  /** A finding's status as reports spell it ({@code failed}, {@code unknown}); null stays null. */
  static String status(Finding f) {
    return f.status() == null ? null : f.status().findingId();
  }

  /**
   * A reference fit to be a link: an http(s) URL without spaces or quotes; anything else stays
   * text.
   */
  static boolean linkable(String reference) {
    return reference != null
        && reference.matches("https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\\s\"'<>`]*)?");
  }

  /** The host's inventory groups (none in reports written before groups were recorded). */
  static List<String> groups(HostReport h) {
    return h.groups();
  }

  /**
   * A documentation-drift note: an info finding where the documented model would judge the host
   * otherwise.
   */
  static boolean isDocDrift(Finding f) {
    return f.id() != null && f.id().startsWith(DocDrift.FINDING_ID);
  }
}
