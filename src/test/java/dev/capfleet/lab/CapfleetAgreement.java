package dev.capfleet.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code capfleet check --local} says about a binary, read from its JSON report, and how each
 * blocker it names maps onto the lab's steps: a blocker is only right if the kernel refused one of
 * its steps.
 */
record CapfleetAgreement(
    String verdict, List<Blocker> blockers, List<String> remediation, String console) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SETCAP = Pattern.compile("setcap '([^']+)' ");

  /**
   * Every step that needs a capability; void file capabilities (nosuid, no_new_privs) fail them
   * all.
   */
  private static final Set<String> PRIVILEGED_STEPS =
      Set.of(
          "gate",
          "memlock",
          "map_hash",
          "map_array",
          "map_perf_event_array",
          "prog_kprobe",
          "prog_sched_cls",
          "uprobe_pmu",
          "uprobe_attach",
          "perf_open",
          "perf_mmap",
          "tc_qdisc",
          "tc_filter");

  /**
   * What root of a user namespace is refused: bpf() EPERM, perf EACCES (capabilities count in the
   * initial one).
   */
  private static final Set<String> INITIAL_NAMESPACE_STEPS =
      Set.of(
          "memlock",
          "map_hash",
          "map_array",
          "map_perf_event_array",
          "prog_kprobe",
          "prog_sched_cls",
          "uprobe_pmu",
          "uprobe_attach",
          "perf_open",
          "perf_mmap",
          "tc_qdisc",
          "tc_filter");

  /**
   * A blocker finding: its rule id, the capability it is about (null when it is about a fact), and
   * whether capfleet found the requirement failed or could not check it ("unknown is not false":
   * only a failed blocker names something as missing).
   */
  record Blocker(String id, String capability, boolean failed) {
    @Override
    public String toString() {
      return (capability == null ? id : id + "(" + capability + ")") + (failed ? "" : "[unknown]");
    }
  }

  CapfleetAgreement {
    blockers = List.copyOf(blockers);
    remediation = List.copyOf(remediation);
  }

  /** Reads the single host of the report {@code capfleet check --local} wrote. */
  static CapfleetAgreement read(Path reportJson, String console) throws IOException {
    JsonNode host = JSON.readTree(Files.readString(reportJson)).path("hosts").path(0);
    List<Blocker> blockers = new ArrayList<>();
    for (JsonNode f : host.path("findings")) {
      if (f.path("severity").asText().equals("blocker")) {
        String cap =
            f.path("capability").isTextual()
                ? f.path("capability").asText().toUpperCase(Locale.ROOT)
                : null;
        blockers.add(
            new Blocker(
                f.path("id").asText(),
                cap == null || cap.startsWith("CAP_") ? cap : "CAP_" + cap,
                !f.path("status").asText().equals("unknown")));
      }
    }
    List<String> remediation = new ArrayList<>();
    host.path("remediation").forEach(r -> remediation.add(r.asText()));
    return new CapfleetAgreement(host.path("verdict").asText(), blockers, remediation, console);
  }

  /** The blockers capfleet found failed, each naming a capability or fact as missing. */
  List<Blocker> failedBlockers() {
    return blockers.stream().filter(Blocker::failed).toList();
  }

  boolean ready() {
    return verdict.equals("READY") || verdict.equals("READY_WITH_WARNINGS");
  }

  /**
   * The capability set of the report's setcap remediation ({@code cap_x,cap_y=eip}), or null when
   * none.
   */
  String recommendedSetcap() {
    for (String command : remediation) {
      Matcher m = SETCAP.matcher(command);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  /**
   * Whether the remediation asks for an unlimited memlock limit (the alternative to
   * CAP_SYS_RESOURCE).
   */
  boolean recommendsMemlockLimit() {
    return remediation.stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).contains("memlock"));
  }

  /**
   * The lab steps a blocker is about: at least one of them must have been refused by the kernel for
   * the blocker to be true. An empty set means the lab has no step for it (then capfleet blocks on
   * something the kernel cannot have refused here: binary missing, tools missing, an unknown rule).
   */
  static Set<String> stepsOf(Blocker b) {
    return switch (b.id()) {
      case "capability-granted", "capability-in-bounding-set" -> stepsOfCapability(b.capability());
      case "file-capabilities-in-bounding-set", "filesystem-allows-exec" -> Set.of("exec");
      case "memlock-raisable", "memlock-limit-unlimited" -> Set.of("memlock");
      case "uprobe-pmu-present" -> Set.of("uprobe_pmu");
      case "filesystem-allows-file-capabilities", "no-new-privs-off" -> PRIVILEGED_STEPS;
      case "not-in-user-namespace" -> INITIAL_NAMESPACE_STEPS;
      case "lockdown-not-confidentiality", "bpf-probe-read-user" -> Set.of("prog_kprobe");
      case "kernel-supported" -> Set.copyOf(LabSteps.NAMES);
      default -> Set.of();
    };
  }

  private static Set<String> stepsOfCapability(String cap) {
    if (cap == null) {
      return Set.of();
    }
    return switch (cap) {
      case "CAP_SYS_ADMIN" ->
          Set.of(
              "gate",
              "map_hash",
              "map_array",
              "map_perf_event_array",
              "prog_kprobe",
              "prog_sched_cls",
              "uprobe_pmu",
              "perf_open");
      case "CAP_BPF" ->
          Set.of(
              "gate",
              "map_hash",
              "map_array",
              "map_perf_event_array",
              "prog_kprobe",
              "prog_sched_cls");
      case "CAP_PERFMON" -> Set.of("prog_kprobe", "uprobe_pmu", "perf_open");
      case "CAP_NET_ADMIN" -> Set.of("prog_sched_cls", "tc_qdisc", "tc_filter");
      case "CAP_SYS_RESOURCE" -> Set.of("memlock");
      default -> Set.of();
    };
  }

  @Override
  public String toString() {
    return verdict
        + ", blockers "
        + blockers
        + ", remediation "
        + remediation
        + "\n--- console\n"
        + console;
  }
}
