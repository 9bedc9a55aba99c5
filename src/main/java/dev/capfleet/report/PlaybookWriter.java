package dev.capfleet.report;

import dev.capfleet.assess.RemediationStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders an Ansible playbook from a report: one play per remediation action, over the hosts that
 * need it (an inventory group where all of its hosts do, see {@link PlayTargets}), in the order the
 * hosts' steps give (so an owner change runs before the setcap that restores what it cleared); a
 * message-only play for guidance, without become; and one cleanup play tagged {@code cleanup} and
 * {@code never}. The tasks are the model's own (ansible.builtin modules, commands as argv, each
 * change guarded by a check, so a second run changes nothing); they read host values only through
 * per-host variables, which are {@code !unsafe} double-quoted scalars in the play's {@code
 * capfleet_targets} map.
 */
public final class PlaybookWriter {
  /**
   * An inventory name that is also a literal Ansible host pattern (no {@code , : & ! ~ * [ ]} or
   * spaces).
   */
  private static final Pattern PLAIN_HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

  private static final String BINARY = "capfleet_binary";
  private static final String GUIDANCE = "capfleet_guidance";

  /** The playbook text and the hosts left out because their names are not literal host patterns. */
  public record Result(String yaml, int plays, List<String> skippedHosts) {}

  /** The hosts of one play, with each host's plan and the step it runs there. */
  private record Play(
      RemediationStep first,
      Map<String, RemediationPlan> plans,
      Map<String, RemediationStep> steps) {
    Play(RemediationStep first) {
      this(first, new LinkedHashMap<>(), new LinkedHashMap<>());
    }
  }

  private PlaybookWriter() {}

  /** Renders plays for every host, or for the one named {@code onlyHost} when it is not null. */
  public static Result render(ScanReport report, String onlyHost) {
    StringBuilder y = new StringBuilder();
    y.append("# capfleet remediation playbook, generated from the report of ")
        .append(comment(report.generatedAt()))
        .append('\n');
    if (report.model() != null) {
      y.append("# requirement model: ")
          .append(comment(report.model().id()))
          .append(' ')
          .append(comment(report.model().version()))
          .append('\n');
    }
    y.append("# Plays may name inventory groups: run it with the inventory that was scanned.\n")
        .append(
            "# Review it, then: ansible-playbook -i INVENTORY THIS_FILE --check --diff; and without --check.\n")
        .append(
            "# When the capture window closes: ansible-playbook -i INVENTORY THIS_FILE --tags cleanup\n")
        .append("---\n");
    List<String> skipped = new ArrayList<>();
    Map<String, RemediationPlan> guided = new LinkedHashMap<>();
    Map<String, Play> plays = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    Play cleanup = null;
    List<HostReport> all = report.hosts() == null ? List.of() : report.hosts();
    PlayTargets targets = new PlayTargets(all, n -> PLAIN_HOST.matcher(n).matches());
    for (HostReport h : all) {
      if (onlyHost != null && !onlyHost.equals(h.name())) {
        continue;
      }
      RemediationPlan plan = RemediationPlan.of(h);
      if (plan.isEmpty() && plan.cleanup() == null) {
        continue;
      }
      if (h.name() == null || !PLAIN_HOST.matcher(h.name()).matches()) {
        skipped.add(h.name());
        continue;
      }
      if (!plan.guidance().isEmpty()) {
        guided.put(h.name(), plan);
      }
      List<String> keys = plan.steps().stream().map(PlaybookWriter::key).toList();
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        RemediationStep s = plan.steps().get(i);
        if (!plays.containsKey(key)) {
          plays.put(key, new Play(s));
          order.add(insertionPoint(order, keys.subList(i + 1, keys.size())), key);
        }
        plays.get(key).plans().put(h.name(), plan);
        plays.get(key).steps().put(h.name(), s);
      }
      if (plan.cleanup() != null) {
        cleanup = cleanup == null ? new Play(plan.cleanup()) : cleanup;
        cleanup.plans().put(h.name(), plan);
        cleanup.steps().put(h.name(), plan.cleanup());
      }
    }
    int count = 0;
    if (!guided.isEmpty()) {
      guidancePlay(y, guided, targets);
      count++;
    }
    for (String key : order) {
      actionPlay(y, plays.get(key), false, targets);
      count++;
    }
    if (cleanup != null) {
      actionPlay(y, cleanup, true, targets);
      count++;
    }
    if (count == 0) {
      y.append("[]\n");
    }
    for (String name : skipped) {
      y.append("# left out, the inventory name is not a literal host pattern: ")
          .append(comment(name))
          .append('\n');
    }
    return new Result(y.toString(), count, List.copyOf(skipped));
  }

  /**
   * Where a play that is new goes: before the first play of a step this host runs later, so every
   * host's own order holds (an owner change before the setcap that restores what it cleared); else
   * last.
   */
  private static int insertionPoint(List<String> order, List<String> later) {
    for (String k : later) {
      int at = order.indexOf(k);
      if (at >= 0) {
        return at;
      }
    }
    return order.size();
  }

  /**
   * Steps of one action share a play only when their tasks are the same (merged reports of two
   * models may differ).
   */
  private static String key(RemediationStep s) {
    return s.action() + "\u0000" + s.ansible().hashCode() + "\u0000" + s.needsBinary();
  }

  private static void guidancePlay(
      StringBuilder y, Map<String, RemediationPlan> guided, PlayTargets targets) {
    y.append("\n- name: ")
        .append(YamlText.quoted("capfleet guidance (not automated)"))
        .append('\n');
    hosts(y, targets.patterns(guided.keySet()));
    y.append("  gather_facts: false\n  vars:\n    capfleet_targets:\n");
    for (RemediationPlan p : guided.values()) {
      y.append("      ")
          .append(YamlText.unsafe(p.host()))
          .append(":\n        ")
          .append(GUIDANCE)
          .append(":\n");
      for (String g : p.guidance()) {
        y.append("          - ").append(YamlText.unsafe(g)).append('\n');
      }
    }
    y.append("  tasks:\n");
    skipOthers(y);
    y.append("    - name: Guidance from the report (not automated)\n")
        .append("      ansible.builtin.debug:\n")
        .append("        msg: \"{{ capfleet_targets[inventory_hostname].")
        .append(GUIDANCE)
        .append(" }}\"\n");
  }

  private static void actionPlay(StringBuilder y, Play play, boolean cleanup, PlayTargets targets) {
    RemediationStep first = play.first();
    y.append("\n- name: ")
        .append(
            YamlText.quoted(
                (cleanup ? "capfleet cleanup: " : "capfleet: ")
                    + first.action()
                    + " - "
                    + first.title()))
        .append('\n');
    hosts(y, targets.patterns(play.plans().keySet()));
    y.append("  gather_facts: false\n");
    if (cleanup) {
      y.append("  tags: [cleanup, never]\n");
    }
    y.append("  vars:\n    capfleet_targets:\n");
    List<String> names = new ArrayList<>(List.of(BINARY));
    names.addAll(first.vars().keySet());
    for (Map.Entry<String, RemediationStep> e : play.steps().entrySet()) {
      y.append("      ")
          .append(YamlText.unsafe(e.getKey()))
          .append(": {")
          .append(BINARY)
          .append(": ")
          .append(YamlText.unsafe(play.plans().get(e.getKey()).binary()));
      for (String name : first.vars().keySet()) {
        y.append(", ")
            .append(name)
            .append(": ")
            .append(YamlText.unsafe(e.getValue().vars().getOrDefault(name, "")));
      }
      y.append("}\n");
    }
    for (String name : names) {
      // read per host, lazily; the values stay !unsafe, so Jinja never evaluates what a host
      // reported
      y.append("    ")
          .append(name)
          .append(": \"{{ capfleet_targets[inventory_hostname].")
          .append(name)
          .append(" }}\"\n");
    }
    y.append("  tasks:\n");
    skipOthers(y);
    if (first.needsBinary() && !cleanup) {
      y.append(
          """
              - name: Look at the eCapture binary
                ansible.builtin.stat:
                  path: "{{ capfleet_binary }}"
                register: capfleet_stat
              - name: Stop here until eCapture is installed at the path the report names
                ansible.builtin.assert:
                  that: capfleet_stat.stat.exists
                  fail_msg: "No file at the eCapture path: install the release there first (see the report)."
          """);
    }
    for (Map<String, Object> task : first.ansible()) {
      YamlText.task(y, task, "    ");
    }
  }

  /**
   * A play over its groups and hosts; a host of a group the play names but the report does not is
   * skipped.
   */
  private static void hosts(StringBuilder y, Iterable<String> names) {
    y.append("  hosts:");
    for (String n : names) {
      y.append("\n    - ").append(YamlText.unsafe(n));
    }
    y.append('\n');
  }

  private static void skipOthers(StringBuilder y) {
    y.append(
        """
            - name: Only the hosts the report names for this play
              ansible.builtin.meta: end_host
              when: inventory_hostname not in capfleet_targets
        """);
  }

  private static String comment(String s) {
    if (s == null) {
      return "unknown";
    }
    return s.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
