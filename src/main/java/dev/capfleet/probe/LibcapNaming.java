package dev.capfleet.probe;

import java.util.regex.Pattern;

/**
 * What the host's libcap tools reveal about themselves: installed, and whether they know caps 38-40
 * by name.
 */
final class LibcapNaming {
  private static final Pattern NEW_NAMES =
      Pattern.compile("\\bcap_(perfmon|bpf|checkpoint_restore)\\b");

  private LibcapNaming() {}

  /**
   * False when getcap or capsh printed 38, 39 or 40 as numbers (libcap before 2.43 cannot name
   * them), true when either printed one of those names, null when neither showed those capabilities
   * at all.
   */
  static Boolean knowsNewNames(ProbeOutput out, GetcapResult getcap, BoundingSet capsh) {
    boolean getcapRead = getcap instanceof GetcapResult.Capabilities;
    if ((getcapRead && ((GetcapResult.Capabilities) getcap).capabilities().numericNames())
        || (capsh != null && capsh.numericNames())) {
      return false;
    }
    boolean named =
        (getcapRead && printsNewName(out, "getcap"))
            || (capsh != null && printsNewName(out, "capsh"));
    return named ? Boolean.TRUE : null;
  }

  /**
   * False when the probe found no getcap (nor capsh, when getcap did not run), true when one of
   * them ran.
   */
  static Boolean installed(ProbeOutput out, GetcapResult getcap) {
    if (getcap instanceof GetcapResult.ToolMissing) {
      return false;
    }
    Integer getcapExit = out.section("getcap").map(Section::exit).orElse(null);
    if (getcapExit != null) {
      return getcapExit != 127;
    }
    Integer capshExit = out.section("capsh").map(Section::exit).orElse(null);
    return capshExit == null ? null : capshExit != 127;
  }

  private static boolean printsNewName(ProbeOutput out, String section) {
    return out.section(section).map(s -> NEW_NAMES.matcher(s.output()).find()).orElse(false);
  }
}
