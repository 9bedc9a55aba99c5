package dev.capfleet.lab;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of the truth lab's matrix: file capabilities, mode, module and condition, with the
 * kernel's expected answer per step ({@link LabSteps#NAMES} order) on the CI machines' kernel.
 */
record LabCase(
    String name,
    String setcap,
    String mode,
    String module,
    LabCondition condition,
    Map<String, String> expected) {
  LabCase {
    expected = Map.copyOf(expected);
  }

  /** {@code row} lists one result a step, in {@link LabSteps#NAMES} order, separated by blanks. */
  static LabCase of(
      String name, String setcap, String mode, String module, LabCondition condition, String row) {
    List<String> results = Arrays.asList(row.trim().split("\\s+"));
    if (results.size() != LabSteps.NAMES.size()) {
      throw new IllegalArgumentException(
          name + ": " + results.size() + " results for " + LabSteps.NAMES.size() + " steps");
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      expected.put(LabSteps.NAMES.get(i), results.get(i));
    }
    return new LabCase(name, setcap, mode, module, condition, expected);
  }

  boolean pcapng() {
    return mode.equals("pcapng");
  }

  /**
   * Whether the module's BPF object carries SEC("classifier") programs (tls and gotls do, in every
   * mode).
   */
  boolean classifier() {
    return module.equals("tls") || module.equals("gotls");
  }

  /** The steps eCapture must pass to start and capture in this mode with this module. */
  List<String> neededSteps() {
    return LabSteps.NAMES.stream()
        .filter(s -> !s.equals("prog_sched_cls") || classifier())
        .filter(s -> !s.startsWith("tc_") || pcapng())
        .toList();
  }

  @Override
  public String toString() {
    return name;
  }
}
