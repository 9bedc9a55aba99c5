package dev.capfleet.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's answer at each replayed step, parsed from the loader's {@code STEP name result
 * detail} lines; {@code exec} is added by the runner (EPERM when the binary could not even start).
 */
record LabSteps(Map<String, String> results, Map<String, String> details, boolean complete) {
  /** Every step the loader prints, in its order; {@code exec} first. */
  static final List<String> NAMES =
      List.of(
          "exec",
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

  LabSteps {
    results = Map.copyOf(results);
    details = Map.copyOf(details);
  }

  /**
   * Parses a loader run; {@code complete} only when the END line came (the loader did not crash
   * midway).
   */
  static LabSteps parse(String stdout) {
    Map<String, String> results = new LinkedHashMap<>();
    Map<String, String> details = new LinkedHashMap<>();
    results.put("exec", "ok");
    boolean end = false;
    for (String line : stdout.split("\n")) {
      if (line.equals("END")) {
        end = true;
      } else if (line.startsWith("STEP ")) {
        String[] f = line.split(" ", 4);
        if (f.length < 3 || !NAMES.contains(f[1])) {
          throw new IllegalArgumentException("unexpected loader line: " + line);
        }
        results.put(f[1], f[2]);
        details.put(f[1], f.length > 3 ? f[3] : "");
      }
    }
    return new LabSteps(results, details, end && results.keySet().containsAll(NAMES));
  }

  /** The binary did not start: execve refused it, so no step ran. */
  static LabSteps execRefused(String errno, String why) {
    Map<String, String> results = new LinkedHashMap<>();
    for (String n : NAMES) {
      results.put(n, n.equals("exec") ? errno : "skipped");
    }
    return new LabSteps(results, Map.of("exec", why), true);
  }

  String result(String step) {
    return results.getOrDefault(step, "missing");
  }

  boolean passed(String step) {
    return result(step).equals("ok");
  }

  /** One row of the matrix: results in {@link #NAMES} order. */
  String row() {
    StringBuilder b = new StringBuilder();
    for (String n : NAMES) {
      b.append(b.length() == 0 ? "" : " ").append(result(n));
    }
    return b.toString();
  }
}
