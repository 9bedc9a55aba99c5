package dev.capfleet.report;

import dev.capfleet.assess.RemediationStep;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's remediation as the script and playbook writers read it: the report's ordered steps,
 * split into guidance (text for a person), the automated steps in their order, and the cleanup
 * step. Nothing here decides what to fix: the assessment did that once, from the model's actions,
 * for every output alike.
 *
 * @param guidance lines for a person, in order (comments without their {@code #}, and commands to
 *     review)
 * @param steps the automated steps, in the order they must run
 * @param cleanup the step that removes the capabilities when the capture window closes, or null
 */
public record RemediationPlan(
    String host,
    String binary,
    List<String> guidance,
    List<RemediationStep> steps,
    RemediationStep cleanup) {
  public RemediationPlan {
    guidance = List.copyOf(guidance);
    steps = List.copyOf(steps);
  }

  /** True when there is anything to automate (not just guidance). */
  public boolean hasActions() {
    return !steps.isEmpty();
  }

  public boolean isEmpty() {
    return steps.isEmpty() && guidance.isEmpty();
  }

  /** Some step works on the installed binary: stop first when it is missing. */
  public boolean needsBinary() {
    return steps.stream().anyMatch(RemediationStep::needsBinary);
  }

  public static RemediationPlan of(HostReport h) {
    String binary = HostViews.binaryPath(h);
    List<String> guidance = new ArrayList<>();
    List<RemediationStep> steps = new ArrayList<>();
    RemediationStep cleanup = null;
    for (RemediationStep s : h.actions() == null ? List.<RemediationStep>of() : h.actions()) {
      if (s.automated() && binary != null) {
        if (s.cleanup()) {
          cleanup = s;
        } else {
          steps.add(s);
        }
      } else if (!s.cleanup()) {
        // guidance, or a step that cannot be automated without the binary's path: text to review
        for (String line : s.commands()) {
          guidance.add(
              HostViews.isComment(line)
                  ? HostViews.uncomment(line)
                  : "Review, then run by hand: " + line);
        }
      }
    }
    return new RemediationPlan(h.name(), binary, guidance, steps, cleanup);
  }
}
