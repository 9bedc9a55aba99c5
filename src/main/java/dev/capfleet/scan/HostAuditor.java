package dev.capfleet.scan;

import dev.capfleet.assess.Assessment;
import dev.capfleet.assess.Assessor;
import dev.capfleet.assess.DocDrift;
import dev.capfleet.assess.FactView;
import dev.capfleet.assess.FactViewBuilder;
import dev.capfleet.assess.HostContext;
import dev.capfleet.core.Capability;
import dev.capfleet.core.Fact;
import dev.capfleet.core.Facts;
import dev.capfleet.core.HostText;
import dev.capfleet.core.Mount;
import dev.capfleet.core.SpecialFilesystems;
import dev.capfleet.core.Verdict;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.probe.BoundingSet;
import dev.capfleet.probe.FactsCollector;
import dev.capfleet.probe.FileStat;
import dev.capfleet.probe.GetcapResult;
import dev.capfleet.probe.HostFacts;
import dev.capfleet.probe.ProbeOutput;
import dev.capfleet.probe.Section;
import dev.capfleet.report.HostReport;
import dev.capfleet.transport.ExecOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns what one host answered into its report entry: parse, assess, and shape for the report. */
public final class HostAuditor {
  /**
   * Output kept per probe section in the report; the full output is never needed to explain a
   * verdict.
   */
  static final int REPORT_SECTION_CHARS = 4096;

  private final RequirementModel model;
  private final Assessor assessor;

  /**
   * The documented model, to report doc drift; null when the documented model is the one scoring.
   */
  private final RequirementModel documented;

  public HostAuditor(RequirementModel model) {
    this.model = model;
    this.assessor = new Assessor(model);
    RequirementModel doc = dev.capfleet.model.ModelLoader.documented();
    this.documented = doc.id().equals(model.id()) ? null : doc;
  }

  /** A host whose inventory settings are refused before anything runs (bad path or mode). */
  public HostReport refused(HostPlan plan) {
    return failed(plan, Verdict.INCONCLUSIVE, "invalid-host-settings", plan.problem(), 0);
  }

  /**
   * A host that is not contacted because capfleet cannot reach it the way it is configured (a
   * ProxyCommand).
   */
  public HostReport notContacted(HostPlan plan, String reason) {
    return failed(plan, Verdict.UNREACHABLE, "proxy-command-unsupported", reason, 0);
  }

  /** A host that was interrupted before it finished. */
  public HostReport interrupted(HostPlan plan) {
    return failed(
        plan,
        Verdict.INCONCLUSIVE,
        "interrupted",
        "the scan was interrupted before this host finished",
        0);
  }

  /** A host not finished when the scan's overall deadline passed. */
  public HostReport timedOut(HostPlan plan, java.time.Duration timeout) {
    return failed(
        plan,
        Verdict.INCONCLUSIVE,
        "scan-timeout",
        "the scan's deadline (--scan-timeout "
            + timeout.toSeconds()
            + " s) passed before this host finished",
        0);
  }

  /** A host whose answer could not be assessed because of a bug in capfleet; reported, not lost. */
  public HostReport internalError(HostPlan plan) {
    return failed(
        plan,
        Verdict.INCONCLUSIVE,
        "internal-error",
        "capfleet failed to assess this host's answer",
        0);
  }

  public HostReport audit(HostPlan plan, ExecOutcome outcome, String nonce, Instant now) {
    if (outcome.status().unreachable()) {
      return failed(
          plan, Verdict.UNREACHABLE, kind(outcome.status()), outcome.message(), outcome.millis());
    }
    ProbeOutput probe = ProbeOutput.parse(outcome.stdoutText(), nonce);
    if (probe.sections().isEmpty()) {
      String stderr = HostText.firstLine(outcome.stderrText(), 300);
      String why =
          outcome.status() == ExecOutcome.Status.OK
              ? "the probe printed no section (exit "
                  + outcome.exitCode()
                  + (stderr.isEmpty() ? "" : ": " + stderr)
                  + ")"
              : outcome.message();
      return failed(
          plan,
          Verdict.INCONCLUSIVE,
          outcome.status() == ExecOutcome.Status.OK ? "probe-unreadable" : kind(outcome.status()),
          why,
          outcome.millis());
    }
    HostFacts facts = FactsCollector.collect(probe, plan.binary());
    FactView view =
        FactViewBuilder.build(
            facts,
            new HostContext(
                plan.mode(), plan.purpose(), plan.binary(), plan.windowUntil(), now, plan.module()),
            model);
    Assessment a = assessor.assess(view);
    if (documented != null) {
      HostContext ctx =
          new HostContext(
              plan.mode(), plan.purpose(), plan.binary(), plan.windowUntil(), now, plan.module());
      Assessment doc =
          new Assessor(documented).assess(FactViewBuilder.build(facts, ctx, documented));
      a = DocDrift.withDrift(a, doc, documented);
    }
    Verdict verdict = a.verdict();
    HostReport.HostError error = null;
    if (!probe.complete() || outcome.status() != ExecOutcome.Status.OK) {
      String kind =
          outcome.status() == ExecOutcome.Status.OK ? "probe-incomplete" : kind(outcome.status());
      String message =
          outcome.status() == ExecOutcome.Status.OK
              ? "the probe output ended before its last section"
              : outcome.message();
      error = new HostReport.HostError(kind, message);
      if (verdict != Verdict.NOT_READY) {
        verdict = Verdict.INCONCLUSIVE;
      }
    }
    return HostReport.assessed(
        target(plan),
        verdict,
        a,
        new HostReport.Seen(
            kernel(facts),
            facts.arch(),
            binary(plan, facts),
            bounding(facts.boundingSet()),
            facts.noNewPrivs(),
            mounts(facts),
            otherFacts(facts, view),
            probes(probe)),
        error,
        outcome.millis());
  }

  private HostReport failed(
      HostPlan plan, Verdict verdict, String kind, String message, long millis) {
    return HostReport.notAssessed(
        target(plan), verdict, new HostReport.HostError(kind, message), millis);
  }

  private static HostReport.Target target(HostPlan plan) {
    return new HostReport.Target(
        plan.name(),
        plan.address(),
        plan.port(),
        plan.user(),
        plan.groups(),
        plan.mode(),
        plan.binary());
  }

  static String kind(ExecOutcome.Status status) {
    return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static HostReport.Kernel kernel(HostFacts f) {
    return f.kernel() == null
        ? null
        : new HostReport.Kernel(
            f.kernel().release(), f.kernel().version().toString(), f.kernel().source());
  }

  private static HostReport.Binary binary(HostPlan plan, HostFacts f) {
    FileStat st = f.binaryStat();
    List<String> caps = null;
    String flags = null;
    if (f.getcap() instanceof GetcapResult.Capabilities c) {
      caps = c.capabilities().all().stream().map(Capability::name).toList();
      flags = c.capabilities().describe();
    } else if (f.getcap() instanceof GetcapResult.FileMissing) {
      caps = List.of();
    }
    Mount m = Boolean.TRUE.equals(f.binaryPresent()) ? f.binaryMount() : null;
    return new HostReport.Binary(
        plan.binary(),
        f.binaryPresent(),
        st == null ? null : st.octalMode(),
        st == null ? null : st.owner(),
        st == null ? null : st.group(),
        caps,
        flags,
        m == null ? null : m.mountPoint(),
        m == null ? null : m.options());
  }

  private static List<String> bounding(BoundingSet b) {
    return b == null ? null : b.capabilities().stream().sorted().map(Capability::name).toList();
  }

  private static List<HostReport.MountLine> mounts(HostFacts f) {
    List<HostReport.MountLine> out = new ArrayList<>();
    if (f.mounts() != null) {
      for (Mount m : f.mounts()) {
        if (SpecialFilesystems.contains(m.fsType()) || m.equals(f.binaryMount())) {
          out.add(new HostReport.MountLine(m.device(), m.mountPoint(), m.fsType(), m.options()));
        }
      }
    }
    return out;
  }

  /**
   * The host's {@code facts} map: each entry under the report key its {@link Facts} constant
   * declares (FactsReportTest checks every such fact arrives), in the order reports have had since
   * schema 1.0. {@code kernelBuildDate} and {@code auditAccount} are template words, not facts a
   * model can test, and {@code gaps} is keyed by probe reading ({@code ProbeGap}).
   */
  private static Map<String, Object> otherFacts(HostFacts f, FactView view) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, view, Facts.MODULE);
    put(m, view, Facts.KERNEL_UPROBE_REVERT);
    put(m, view, Facts.UPROBE_PMU);
    put(m, view, Facts.USER_NAMESPACE);
    put(m, view, Facts.KERNEL_CAP_LAST_CAP);
    put(m, view, Facts.LOCKDOWN_MODE);
    m.put(
        "kernelBuildDate",
        f.security().buildDate() == null ? null : f.security().buildDate().toString());
    m.put("auditAccount", f.security().account());
    put(m, view, Facts.LOCKDOWN);
    put(m, view, Facts.BTF);
    put(m, view, Facts.UNPRIVILEGED_BPF_DISABLED);
    put(m, view, Facts.PERF_EVENT_PARANOID);
    put(m, view, Facts.MEMLOCK_HARD);
    // the runtime detected, null on a plain host: the view's "none" is for conditions to compare
    m.put(Facts.CONTAINER.reportKey(), f.container());
    put(m, view, Facts.LIBCAP_INSTALLED);
    put(m, view, Facts.LIBCAP_NEW_NAMES);
    m.put("gaps", f.gaps());
    return m;
  }

  private static void put(Map<String, Object> m, FactView view, Fact<?> fact) {
    m.put(fact.reportKey(), view.get(fact));
  }

  /** At most {@link #REPORT_SECTION_CHARS}, never ending in half a surrogate pair. */
  private static String head(String text) {
    if (text.length() <= REPORT_SECTION_CHARS) {
      return text;
    }
    int end =
        Character.isHighSurrogate(text.charAt(REPORT_SECTION_CHARS - 1))
            ? REPORT_SECTION_CHARS - 1
            : REPORT_SECTION_CHARS;
    return text.substring(0, end);
  }

  private static Map<String, HostReport.ProbeRecord> probes(ProbeOutput probe) {
    Map<String, HostReport.ProbeRecord> out = new LinkedHashMap<>();
    for (Section s : probe.sections().values()) {
      String text = s.output();
      boolean cut = s.truncated() || text.length() > REPORT_SECTION_CHARS;
      out.put(s.name(), new HostReport.ProbeRecord(s.exit(), cut ? head(text) : text, cut, null));
    }
    return out;
  }
}
