package dev.capfleet.assess;

import dev.capfleet.core.Capability;
import dev.capfleet.core.Facts;
import dev.capfleet.core.Severity;
import dev.capfleet.core.Verdict;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.model.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Scores one host: evaluates every rule of the model against the host's facts. */
public final class Assessor {
  /** Why a check was skipped: the rule's {@code when} condition does not hold on the host. */
  static final String NOT_APPLICABLE = "does not apply to this host";

  private final RequirementModel model;

  public Assessor(RequirementModel model) {
    this.model = model;
  }

  public RequirementModel model() {
    return model;
  }

  public Assessment assess(FactView facts) {
    ConditionEvaluator evaluator = new ConditionEvaluator(facts);
    List<Finding> findings = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    int blockersFailed = 0;
    int blockersUnknown = 0;
    int warningsFailed = 0;
    int penalty = 0;

    for (Rule rule : model.rules()) {
      if (rule.when() != null) {
        ConditionEvaluator.Result applies = evaluator.evaluate(rule.when(), null);
        if (applies.outcome() == Outcome.FAIL) {
          checks.add(new Check(rule.id(), null, CheckStatus.SKIPPED, NOT_APPLICABLE));
          continue;
        }
        if (applies.outcome() == Outcome.UNKNOWN) {
          Finding unknown = unknown(rule, null, applies.missing(), facts);
          if (rule.severity() != Severity.INFO) {
            findings.add(unknown);
          }
          checks.add(new Check(rule.id(), null, CheckStatus.UNKNOWN, unknown.detail()));
          if (rule.severity() == Severity.BLOCKER) {
            blockersUnknown++;
            penalty += model.scoring().unknown();
          }
          continue;
        }
      }
      for (Capability item : items(rule, facts)) {
        ConditionEvaluator.Result r =
            item == null && rule.forEach() != null
                ? new ConditionEvaluator.Result(Outcome.UNKNOWN, Set.of(rule.forEach()), null)
                : evaluator.evaluate(rule.require(), item);
        if (r.outcome() == Outcome.FAIL && rule.failureMeansUnknown()) {
          // the rule detects that facts cannot be gathered (a tool is missing): the host is
          // INCONCLUSIVE, and
          // the finding carries the rule's fix (install the tool)
          Map<String, String> words = words(facts, item, r.expected());
          List<String> fixes =
              rule.remediation().stream().map(t -> Templates.render(t, words)).toList();
          Finding unknown =
              new Finding(
                  rule.id(),
                  rule.severity(),
                  CheckStatus.UNKNOWN,
                  rule.title(),
                  Templates.render(rule.detail(), words),
                  null,
                  evidence(rule, words),
                  fixes,
                  model.source(rule.reference()));
          checks.add(new Check(rule.id(), null, CheckStatus.UNKNOWN, unknown.detail()));
          findings.add(unknown);
          blockersUnknown++;
          penalty += model.scoring().unknown();
          continue;
        }
        String itemName = item == null ? null : item.name();
        switch (r.outcome()) {
          case PASS ->
              checks.add(new Check(rule.id(), itemName, CheckStatus.PASS, "met: " + rule.title()));
          case UNKNOWN -> {
            Finding unknown = unknown(rule, item, r.missing(), facts);
            checks.add(new Check(rule.id(), itemName, CheckStatus.UNKNOWN, unknown.detail()));
            if (rule.severity() != Severity.INFO) {
              findings.add(unknown);
            }
            if (rule.severity() == Severity.BLOCKER) {
              blockersUnknown++;
              penalty += model.scoring().unknown();
            }
          }
          case FAIL -> {
            Map<String, String> words = words(facts, item, r.expected());
            List<String> fixes =
                rule.remediation().stream().map(t -> Templates.renderCommand(t, words)).toList();
            Finding failed =
                new Finding(
                    rule.id(),
                    rule.severity(),
                    CheckStatus.FAIL,
                    rule.title(),
                    Templates.render(rule.detail(), words),
                    itemName,
                    evidence(rule, words),
                    fixes,
                    model.source(rule.reference()));
            checks.add(new Check(rule.id(), itemName, CheckStatus.FAIL, failed.detail()));
            findings.add(failed);
            penalty += model.scoring().weight(rule.severity());
            switch (rule.severity()) {
              case BLOCKER -> blockersFailed++;
              case WARNING -> warningsFailed++;
              case INFO -> {}
            }
          }
        }
      }
    }

    Verdict verdict =
        blockersFailed > 0
            ? Verdict.NOT_READY
            : blockersUnknown > 0
                ? Verdict.INCONCLUSIVE
                : warningsFailed > 0 ? Verdict.READY_WITH_WARNINGS : Verdict.READY;
    Set<Capability> caps = facts.get(Facts.BINARY_CAPS);
    boolean carriesCaps = caps != null && !caps.isEmpty();
    Map<String, String> hostWords = words(facts, null, null);
    RemediationPlanner.Plan plan =
        new RemediationPlanner(model).plan(findings, hostWords, carriesCaps);
    List<String> cleanup = new ArrayList<>();
    if (carriesCaps || grantsCapabilities(plan)) {
      model.cleanupCommands().forEach(t -> cleanup.add(Templates.renderCommand(t, hostWords)));
      if (!model.cleanupReminder().isBlank()) {
        cleanup.add("# " + Templates.render(model.cleanupReminder(), hostWords));
      }
    }
    List<RemediationStep> steps = new ArrayList<>(plan.steps());
    if (plan.cleanupStep() != null) {
      steps.add(plan.cleanupStep());
    }
    List<String> required = requiredNames(facts);
    return new Assessment(
        verdict,
        Math.max(0, 100 - penalty),
        required,
        plan.findings(),
        RemediationStep.commandsOf(steps),
        cleanup,
        checks,
        steps);
  }

  /** The plan sets capabilities on the binary, so the report must remind to remove them later. */
  private boolean grantsCapabilities(RemediationPlanner.Plan plan) {
    return plan.steps().stream()
        .anyMatch(
            s ->
                model.actions().stream()
                    .anyMatch(
                        a ->
                            a.id().equals(s.action())
                                && a.effect() == dev.capfleet.model.RemediationAction.Effect.SET));
  }

  private static List<String> requiredNames(FactView facts) {
    Set<Capability> req = facts.get(Facts.REQUIRED_CAPABILITIES);
    return req == null ? List.of() : req.stream().map(Capability::name).toList();
  }

  private static List<Capability> items(Rule rule, FactView facts) {
    List<Capability> items = new ArrayList<>();
    if (rule.forEach() == null) {
      items.add(null);
      return items;
    }
    Object set = facts.value(rule.forEach());
    if (set == null) {
      items.add(null); // evaluating with no item reports the set itself as the missing fact
      return items;
    }
    for (Object o : (Collection<?>) set) {
      items.add((Capability) o);
    }
    return items;
  }

  private Finding unknown(Rule rule, Capability item, Set<String> missing, FactView facts) {
    Set<String> names = new TreeSet<>(missing);
    if (rule.forEach() != null && !facts.known(rule.forEach())) {
      names.add(rule.forEach());
    }
    List<String> reasons = names.stream().map(n -> n + ": " + facts.gap(n)).toList();
    Map<String, String> evidence = new LinkedHashMap<>();
    names.forEach(n -> evidence.put(n, "unknown (" + facts.gap(n) + ")"));
    return new Finding(
        rule.id(),
        rule.severity(),
        CheckStatus.UNKNOWN,
        "Could not check: " + rule.title(),
        "A fact this rule needs could not be gathered: " + String.join("; ", reasons),
        item == null ? null : item.name(),
        evidence,
        List.of(),
        model.source(rule.reference()));
  }

  private static Map<String, String> evidence(Rule rule, Map<String, String> words) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : rule.evidence()) {
      out.put(name, words.getOrDefault(name, "unknown"));
    }
    return out;
  }

  private static Map<String, String> words(FactView facts, Capability item, String expected) {
    Map<String, String> w = new Overlay(facts.words());
    if (item != null) {
      w.put("item", item.libcapName());
      w.put("item.name", item.name());
      w.put("item.short", item.shortName());
      Boolean newNames = facts.get(Facts.LIBCAP_NEW_NAMES);
      w.put("item.setcap", item.setcapToken(!Boolean.FALSE.equals(newNames)));
    }
    if (expected != null) {
      w.put("expected", expected);
    }
    return w;
  }

  /**
   * The few words of one rule and item over the host's words, without copying the host's: a map
   * only templates read, by name.
   */
  private static final class Overlay extends java.util.AbstractMap<String, String> {
    private final Map<String, String> host;
    private final Map<String, String> own = new HashMap<>();

    Overlay(Map<String, String> host) {
      this.host = host;
    }

    @Override
    public String put(String name, String value) {
      return own.put(name, value);
    }

    @Override
    public String get(Object name) {
      String w = own.get(name);
      return w != null ? w : host.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
      return own.containsKey(name) || host.containsKey(name);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      Map<String, String> all = new HashMap<>(host);
      all.putAll(own);
      return java.util.Collections.unmodifiableMap(all).entrySet();
    }
  }
}
