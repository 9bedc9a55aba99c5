package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.cli.CliErrorsTest.Run;
import dev.capfleet.core.Severity;
import dev.capfleet.model.CapabilitySet;
import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.model.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code capfleet explain}'s normal (text) output: the capabilities for the asked kernel, the
 * setcap line, and the whole model (every capability set's evidence, every rule under its severity,
 * every best practice).
 */
class ExplainOutputTest {
  private static final RequirementModel MODEL = ModelLoader.verified();

  @Test
  void defaultTextNamesTheCapabilitiesAndTheSetcapLine() {
    Run r = CliErrorsTest.run("explain");
    assertEquals(0, r.exit(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals(
        MODEL.title() + " (model " + MODEL.id() + " " + MODEL.version() + ")", lines.get(0));
    assertFalse(r.out().contains("does NOT run"), r.out());
    // kernel 6.1 without the uprobe revert, text mode of tls (ecapture-truth.md): CAP_BPF +
    // CAP_PERFMON for the
    // uprobes, CAP_NET_ADMIN for the TC programs in the object, CAP_SYS_RESOURCE for the memlock
    // limit
    assertTrue(
        lines.contains(
            "Kernel 6.1.0 on x86_64, text mode of the tls module needs: CAP_BPF, CAP_PERFMON, "
                + "CAP_NET_ADMIN, CAP_SYS_RESOURCE"),
        r.out());
    assertTrue(
        lines.contains(
            "  sudo setcap 'cap_bpf,cap_perfmon,cap_net_admin,cap_sys_resource=eip' "
                + MODEL.defaultBinary()),
        r.out());
    assertTrue(lines.contains("  getcap " + MODEL.defaultBinary()), r.out());
  }

  @Test
  void oldLibcapSpellsTheNewCapabilitiesAsNumbers() {
    Run r = CliErrorsTest.run("explain", "--old-libcap", "--binary", "/opt/ecapture");
    assertEquals(0, r.exit(), r.toString());
    // libcap before 2.43 knows neither cap_perfmon (38) nor cap_bpf (39) by name
    assertTrue(
        r.out()
            .contains("  sudo setcap '39,38,cap_net_admin,cap_sys_resource=eip' /opt/ecapture\n"),
        r.out());
  }

  @Test
  void listsEveryCapabilitySetAndEveryRuleUnderItsSeverity() {
    Run r = CliErrorsTest.run("explain");
    List<String> lines = r.out().lines().toList();
    for (CapabilitySet s : MODEL.capabilitySets()) {
      if (!s.evidence().isBlank()) {
        assertTrue(lines.contains("      why: " + s.evidence()), "capability set not shown: " + s);
      }
    }
    for (Rule rule : MODEL.rules()) {
      String heading =
          switch (rule.severity()) {
            case BLOCKER -> "Blocking (NOT_READY) rules:";
            case WARNING -> "Warning (READY_WITH_WARNINGS) rules:";
            case INFO -> "Information rules:";
          };
      assertEquals(
          heading, headingAbove(lines, rule), rule.id() + " is listed under the wrong heading");
    }
    assertEquals(
        Severity.values().length,
        lines.stream().filter(l -> l.endsWith(" rules:")).count(),
        r.out());
    int practices = lines.indexOf("Best practices:");
    assertTrue(practices > 0, r.out());
    assertEquals(
        MODEL.bestPractices().stream().map(p -> "  - " + p).toList(),
        lines.subList(practices + 1, lines.size()));
  }

  /** The heading of the block that lists the rule's line ({@code " <id> <title>"}). */
  private static String headingAbove(List<String> lines, Rule rule) {
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("  " + rule.id() + " ") && l.endsWith(" " + rule.title())) {
        at = i;
      }
    }
    assertTrue(at > 0, rule.id() + " not listed");
    for (int i = at - 1; i >= 0; i--) {
      if (lines.get(i).isBlank()) {
        return "(no heading)";
      }
      if (lines.get(i).endsWith(" rules:")) {
        return lines.get(i);
      }
    }
    return "(no heading)";
  }
}
