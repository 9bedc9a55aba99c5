package dev.capfleet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders an Ansible playbook from a report: one play per host that needs fixes, and one cleanup play per host
 * with capabilities, tagged {@code cleanup} and {@code never} so it runs only with {@code --tags cleanup}. Only
 * ansible-core modules are used (no community.general.capabilities, no ansible.posix.mount): setcap and mount
 * run through ansible.builtin.command behind checks of getcap and /proc/mounts, so a second run changes nothing.
 * Every value from the report is a {@code !unsafe} double-quoted scalar and reaches tasks through play vars.
 */
public final class PlaybookWriter {
  /** An inventory name that is also a literal Ansible host pattern (no {@code , : & ! ~ * [ ]} or spaces). */
  private static final Pattern PLAIN_HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
  private static final String GETCAP_NOW = "(capfleet_getcap.stdout | replace(capfleet_binary, '', 1) | trim"
      + " | regex_replace('^=\\\\s*', '') | replace('+', '='))";

  /** The playbook text and the hosts left out because their names are not literal host patterns. */
  public record Result(String yaml, int plays, List<String> skippedHosts) {}

  private PlaybookWriter() {}

  /** Renders plays for every host, or for the one named {@code onlyHost} when it is not null. */
  public static Result render(ScanReport report, String onlyHost) {
    StringBuilder y = new StringBuilder();
    y.append("# capfleet remediation playbook, generated from the report of ")
        .append(comment(report.generatedAt())).append('\n');
    if (report.model() != null) {
      y.append("# requirement model: ").append(comment(report.model().id())).append(' ')
          .append(comment(report.model().version())).append('\n');
    }
    y.append("# Review it, then: ansible-playbook -i INVENTORY THIS_FILE --check --diff; and without --check.\n")
        .append("# When the capture window closes: ansible-playbook -i INVENTORY THIS_FILE --tags cleanup\n")
        .append("---\n");
    List<String> skipped = new ArrayList<>();
    List<RemediationPlan> cleanups = new ArrayList<>();
    int plays = 0;
    for (HostReport h : report.hosts() == null ? List.<HostReport>of() : report.hosts()) {
      if (onlyHost != null && !onlyHost.equals(h.name())) {
        continue;
      }
      RemediationPlan plan = RemediationPlan.of(h);
      if (plan.isEmpty() && !plan.cleanup()) {
        continue;
      }
      if (h.name() == null || !PLAIN_HOST.matcher(h.name()).matches()) {
        skipped.add(h.name());
        continue;
      }
      if (!plan.isEmpty()) {
        play(y, plan);
        plays++;
      }
      if (plan.cleanup()) {
        cleanups.add(plan);
      }
    }
    for (RemediationPlan plan : cleanups) {
      cleanupPlay(y, plan);
      plays++;
    }
    if (plays == 0) {
      y.append("[]\n");
    }
    for (String name : skipped) {
      y.append("# left out, the inventory name is not a literal host pattern: ").append(comment(name)).append('\n');
    }
    return new Result(y.toString(), plays, List.copyOf(skipped));
  }

  private static void play(StringBuilder y, RemediationPlan p) {
    y.append("\n- name: ").append(YamlText.quoted("capfleet remediation: " + p.host())).append('\n')
        .append("  hosts: ").append(YamlText.unsafe(p.host())).append('\n')
        .append("  gather_facts: false\n")
        .append("  become: true\n");
    if (p.binary() != null) {
      y.append("  vars:\n").append("    capfleet_binary: ").append(YamlText.unsafe(p.binary())).append('\n');
      if (p.setcap() != null) {
        y.append("    capfleet_caps: ").append(YamlText.unsafe(p.setcap())).append('\n');
      }
    }
    y.append("  tasks:\n");
    if (!p.guidance().isEmpty()) {
      y.append("    - name: Guidance from the report (not automated)\n")
          .append("      ansible.builtin.debug:\n")
          .append("        msg:\n");
      for (String g : p.guidance()) {
        y.append("          - ").append(YamlText.unsafe(g)).append('\n');
      }
    }
    boolean touchesBinary = p.restrict() || p.setcap() != null || p.removeCapabilities();
    if (touchesBinary) {
      y.append("""
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
    if (p.restrict()) {
      y.append("""
              - name: Group for the people allowed to run eCapture
                ansible.builtin.group:
                  name: %s
                  system: true
              - name: Binary owned by root, group %s, mode %s (before setcap, since chown clears file capabilities)
                ansible.builtin.file:
                  path: "{{ capfleet_binary }}"
                  owner: root
                  group: %s
                  mode: "%s"
          """.formatted(RemediationPlan.GROUP, RemediationPlan.GROUP, RemediationPlan.MODE, RemediationPlan.GROUP,
          RemediationPlan.MODE));
    }
    if (!p.mounts().isEmpty()) {
      y.append("""
              - name: Read the mount table
                ansible.builtin.command:
                  argv: [cat, /proc/mounts]
                register: capfleet_mounts
                changed_when: false
                check_mode: false
          """);
      for (RemediationPlan.MountFix m : p.mounts()) {
        y.append("""
                - name: Mount %1$s at %2$s
                  ansible.builtin.command:
                    argv: [mount, -t, %1$s, %3$s, %2$s]
                  when: capfleet_mounts.stdout is not search('(^|\\n)\\S+ %4$s %1$s ')
            """.formatted(m.fsType(), m.path(), m.device(), m.path().replace(".", "\\\\.")));
      }
    }
    if (p.setcap() != null || p.removeCapabilities()) {
      y.append("""
              - name: Read the binary's file capabilities
                ansible.builtin.command:
                  argv: [getcap, "{{ capfleet_binary }}"]
                register: capfleet_getcap
                changed_when: false
                check_mode: false
          """);
    }
    if (p.removeCapabilities()) {
      y.append("""
              - name: Remove the capabilities (no approved capture window is open)
                ansible.builtin.command:
                  argv: [setcap, -r, "{{ capfleet_binary }}"]
                when: (capfleet_getcap.stdout | replace(capfleet_binary, '', 1) | trim) != ''
          """);
    } else if (p.setcap() != null) {
      y.append("""
              - name: Set exactly the required capabilities
                ansible.builtin.command:
                  argv: [setcap, "{{ capfleet_caps }}", "{{ capfleet_binary }}"]
                when: %1$s != capfleet_caps
              - name: Check the result with getcap
                ansible.builtin.command:
                  argv: [getcap, "{{ capfleet_binary }}"]
                register: capfleet_getcap
                changed_when: false
                when: not ansible_check_mode
              - name: The binary carries exactly the required capabilities
                ansible.builtin.assert:
                  that: %1$s == capfleet_caps
                  fail_msg: "getcap does not show the required capabilities after setcap"
                when: not ansible_check_mode
          """.formatted(GETCAP_NOW));
    }
  }

  private static void cleanupPlay(StringBuilder y, RemediationPlan p) {
    y.append("\n- name: ").append(YamlText.quoted("capfleet cleanup: " + p.host())).append('\n')
        .append("  hosts: ").append(YamlText.unsafe(p.host())).append('\n')
        .append("  gather_facts: false\n")
        .append("  become: true\n")
        .append("  tags: [cleanup, never]\n")
        .append("  vars:\n")
        .append("    capfleet_binary: ").append(YamlText.unsafe(p.binary())).append('\n')
        .append("""
              tasks:
                - name: Read the binary's file capabilities
                  ansible.builtin.command:
                    argv: [getcap, "{{ capfleet_binary }}"]
                  register: capfleet_getcap
                  changed_when: false
                  failed_when: false
                  check_mode: false
                - name: Remove every capability from the binary (setcap -r)
                  ansible.builtin.command:
                    argv: [setcap, -r, "{{ capfleet_binary }}"]
                  when: capfleet_getcap.rc == 0 and (capfleet_getcap.stdout | replace(capfleet_binary, '', 1) | trim) != ''
            """);
  }

  private static String comment(String s) {
    if (s == null) {
      return "unknown";
    }
    return s.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
