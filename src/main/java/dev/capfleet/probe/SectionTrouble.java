package dev.capfleet.probe;

import java.util.Optional;

/** Why a probe section gave no usable output, in words for a report's gaps. */
final class SectionTrouble {
  private SectionTrouble() {}

  /**
   * The probe's own line for a path with nothing at it (exit 2): read_file's for a file, and the
   * stat and getcap sections' for an absent binary, which the probe does not start them for.
   */
  static String absent(String path) {
    return "capfleet: " + path + " absent";
  }

  /** The section when it ran to the end and exited 0. */
  static Optional<String> okText(ProbeOutput out, String name) {
    return out.section(name).filter(Section::ok).map(Section::text);
  }

  /**
   * Why section {@code name} is not usable: never reported, cut off, a missing tool (exit 127), an
   * unreadable (126) or absent (2) file as the probe's read_file reports them, or another exit with
   * the first line printed.
   */
  static String why(ProbeOutput out, String name) {
    Optional<Section> found = out.section(name);
    if (found.isEmpty()) {
      return out.complete()
          ? "the probe printed no " + name + " section"
          : "the probe stopped before " + name;
    }
    Section s = found.get();
    if (s.truncated() || s.exit() == null) {
      return name + " output cut off";
    }
    String first = Lines.first(s.text());
    String shown = first.isEmpty() ? "no output" : GetcapParser.cut(first);
    if (first.startsWith("capfleet: ")) {
      return shown.substring("capfleet: ".length());
    }
    if (s.exit() == 0) {
      return "unexpected output: " + shown;
    }
    return "exit " + s.exit() + ": " + shown;
  }
}
