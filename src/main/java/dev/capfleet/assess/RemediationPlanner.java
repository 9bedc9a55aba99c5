package dev.capfleet.assess;

import dev.capfleet.core.Severity;
import dev.capfleet.model.RemediationAction;
import dev.capfleet.model.RemediationAction.Effect;
import dev.capfleet.model.RequirementModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a host's findings into its one ordered remediation, resolved once for every output:
 *
 * <ul>
 *   <li>actions run in model order; an action that changes owner or group (chown clears file
 *       capabilities) pulls in the action that sets the full required set after it, even when the
 *       capabilities were right before;
 *   <li>"remove the capabilities" ({@code --purpose compliance} outside a window) wins over "set
 *       them", so no output lists a setcap and then its removal;
 *   <li>where the set to re-apply is unknown, neither the setcap nor the owner change is automated:
 *       the host would lose working capabilities;
 *   <li>failed rules no action answers, and checks that could not run, become guidance, listed
 *       first.
 * </ul>
 */
public final class RemediationPlanner {
  /**
   * The ordered steps and the findings with each one's remediation taken from the steps that answer
   * it.
   */
  public record Plan(
      List<RemediationStep> steps, RemediationStep cleanupStep, List<Finding> findings) {}

  private final RequirementModel model;

  public RemediationPlanner(RequirementModel model) {
    this.model = model;
  }

  /**
   * @param words the host's template words ({@code binary}, {@code required.setcap}, ...)
   * @param carriesCapabilities the binary has file capabilities now (so the cleanup step applies)
   */
  public Plan plan(List<Finding> findings, Map<String, String> words, boolean carriesCapabilities) {
    Set<String> failed = new LinkedHashSet<>();
    for (Finding f : findings) {
      if (f.failed() && f.severity() != Severity.INFO) {
        failed.add(f.id());
      }
    }
    List<RemediationAction> chosen = new ArrayList<>();
    for (RemediationAction a : model.actions()) {
      if (a.triggeredBy().stream().anyMatch(failed::contains)) {
        chosen.add(a);
      }
    }
    RemediationAction set = byEffect(model.actions(), Effect.SET);
    RemediationAction remove = byEffect(model.actions(), Effect.REMOVE);
    boolean removes = byEffect(chosen, Effect.REMOVE) != null;
    Set<String> guidance = new LinkedHashSet<>();
    if (removes) {
      chosen.removeIf(a -> a.effect() == Effect.SET);
    } else if (set != null
        && chosen.stream().anyMatch(RemediationAction::clearsCapabilities)
        && !chosen.contains(set)) {
      chosen.add(set);
      chosen.sort((x, y) -> model.actions().indexOf(x) - model.actions().indexOf(y));
    }
    String required = words.get("required.setcap");
    if (chosen.contains(set) && (required == null || required.isBlank())) {
      chosen.remove(set);
      guidance.add(
          "# Required capabilities unknown (kernel or mode not read): set them with setcap once known.");
      for (RemediationAction a : List.copyOf(chosen)) {
        if (a.clearsCapabilities()) {
          chosen.remove(a);
          guidance.add(
              "# Held back until the required capabilities are known, since it clears them: "
                  + a.title());
        }
      }
    }

    Map<RemediationAction, RemediationStep> steps = new LinkedHashMap<>();
    for (RemediationAction a : chosen) {
      steps.put(a, step(a, words, false));
    }
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      boolean answered = model.actions().stream().anyMatch(a -> a.triggeredBy().contains(f.id()));
      if (!f.failed() || f.severity() == Severity.INFO) {
        if (f.unknown()) {
          guidance.addAll(
              f.remediation().isEmpty()
                  ? List.of("# " + f.title() + " (scan again once the tool or output is fixed)")
                  : f.remediation());
        }
        out.add(f);
      } else if (answered) {
        // a rule an action answers keeps only # advice (the loader sees to it): a person still
        // reads that
        List<String> advice =
            f.remediation().stream().filter(l -> l.stripLeading().startsWith("#")).toList();
        guidance.addAll(advice);
        List<String> lines = new ArrayList<>(answering(f.id(), chosen, steps, removes));
        lines.addAll(advice);
        out.add(withRemediation(f, lines));
      } else {
        guidance.addAll(f.remediation().isEmpty() ? List.of("# " + f.title()) : f.remediation());
        out.add(f);
      }
    }
    List<RemediationStep> ordered = new ArrayList<>();
    if (!guidance.isEmpty()) {
      ordered.add(
          new RemediationStep(
              null,
              "Guidance from the report (not automated)",
              false,
              false,
              false,
              List.copyOf(guidance),
              Map.of(),
              List.of()));
    }
    ordered.addAll(steps.values());
    boolean setsCapabilities = steps.keySet().stream().anyMatch(a -> a.effect() == Effect.SET);
    RemediationStep cleanup =
        remove != null && (carriesCapabilities || setsCapabilities)
            ? step(remove, words, true)
            : null;
    return new Plan(ordered, cleanup, out);
  }

  /**
   * The commands of the steps that fix a finding: its own actions, the setcap after an owner
   * change, the removal that won.
   */
  private List<String> answering(
      String ruleId,
      List<RemediationAction> chosen,
      Map<RemediationAction, RemediationStep> steps,
      boolean removes) {
    Set<String> lines = new LinkedHashSet<>();
    boolean clears =
        chosen.stream().anyMatch(a -> a.triggeredBy().contains(ruleId) && a.clearsCapabilities());
    RemediationAction set = byEffect(model.actions(), Effect.SET);
    boolean setDropped = removes && set != null && set.triggeredBy().contains(ruleId);
    for (RemediationAction a : chosen) {
      if (a.triggeredBy().contains(ruleId)
          || (clears && a.effect() == Effect.SET)
          || (setDropped && a.effect() == Effect.REMOVE)) {
        lines.addAll(steps.get(a).commands());
      }
    }
    return List.copyOf(lines);
  }

  private static Finding withRemediation(Finding f, List<String> lines) {
    return new Finding(
        f.id(),
        f.severity(),
        f.status(),
        f.title(),
        f.detail(),
        f.capability(),
        f.evidence(),
        lines,
        f.reference());
  }

  private static RemediationStep step(
      RemediationAction a, Map<String, String> words, boolean cleanup) {
    List<String> commands = a.shell().stream().map(t -> Templates.renderCommand(t, words)).toList();
    Map<String, String> vars = new LinkedHashMap<>();
    a.vars().forEach((name, template) -> vars.put(name, Templates.render(template, words)));
    return new RemediationStep(
        a.id(), a.title(), true, a.needsBinary(), cleanup, commands, vars, a.ansible());
  }

  private static RemediationAction byEffect(List<RemediationAction> actions, Effect effect) {
    return actions.stream().filter(a -> a.effect() == effect).findFirst().orElse(null);
  }
}
