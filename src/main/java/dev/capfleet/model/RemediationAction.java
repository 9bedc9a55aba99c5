package dev.capfleet.model;

import java.util.List;
import java.util.Map;

/**
 * One remediation step of the model: which failed rules call for it, the shell commands a person
 * (or the sh script) runs, and the Ansible tasks the playbook runs, so that report code never names
 * rules, groups, modes or paths. Actions run in model order; that order is what makes an owner
 * change come before the setcap it needs.
 *
 * @param triggeredBy ids of the rules whose failure calls for this action
 * @param effect what the action does to the binary's file capabilities
 * @param clearsCapabilities the action changes owner or group, which clears file capabilities
 *     (chown, chgrp; not chmod): the action that sets them ({@link Effect#SET}) must follow it,
 *     even if they were right before
 * @param needsBinary the action works on an installed binary: automated runs stop first when it is
 *     missing
 * @param shell command templates, one line each ({@code #} lines are guidance), rendered per host
 * @param vars per-host Ansible variables (name to a template of host words) that the tasks read
 * @param ansible Ansible tasks as plain data (ansible.builtin modules only, commands as argv)
 */
public record RemediationAction(
    String id,
    String title,
    List<String> triggeredBy,
    Effect effect,
    boolean clearsCapabilities,
    boolean needsBinary,
    List<String> shell,
    Map<String, String> vars,
    List<Map<String, Object>> ansible) {
  /** What an action does to the file capabilities of the binary. */
  public enum Effect {
    /** leaves them alone */
    NONE,
    /** sets exactly the set the host needs */
    SET,
    /**
     * removes them all ({@code setcap -r}); outside an approved window this wins over SET, and it
     * is the cleanup
     */
    REMOVE
  }

  public RemediationAction {
    triggeredBy = List.copyOf(triggeredBy);
    shell = List.copyOf(shell);
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    ansible = List.copyOf(ansible);
  }
}
