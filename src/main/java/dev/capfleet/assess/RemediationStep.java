package dev.capfleet.assess;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One step of a host's ordered remediation, the one list every output follows (console, JSON,
 * workbook, sh script, playbook): either a model action rendered for this host, or guidance a
 * person must act on.
 *
 * @param action the model action's id, or null for guidance
 * @param automated scripts and playbooks run it (false: guidance, shown as text, never run)
 * @param needsBinary automated runs stop before it when the binary is missing
 * @param cleanup run only when the capture window closes ({@code setcap -r}), not as part of the
 *     fix
 * @param commands the shell lines for this host, each host value quoted where it stands ({@code #}
 *     lines: guidance)
 * @param vars per-host Ansible variables for the tasks, rendered from the action's templates
 * @param ansible the action's Ansible tasks as the model gives them (they read host values only
 *     through vars)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RemediationStep(
    String action,
    String title,
    boolean automated,
    boolean needsBinary,
    boolean cleanup,
    List<String> commands,
    Map<String, String> vars,
    List<Map<String, Object>> ansible) {
  public RemediationStep {
    commands = commands == null ? List.of() : List.copyOf(commands);
    vars =
        vars == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    ansible = ansible == null ? List.of() : List.copyOf(ansible);
  }

  /**
   * Lines a person reads or runs: the commands of every step that is part of the fix, in order,
   * without repeats.
   */
  public static List<String> commandsOf(List<RemediationStep> steps) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (RemediationStep s : steps) {
      if (!s.cleanup()) {
        out.addAll(s.commands());
      }
    }
    return List.copyOf(out);
  }
}
