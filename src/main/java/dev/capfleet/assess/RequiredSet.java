package dev.capfleet.assess;

import dev.capfleet.core.Capability;
import dev.capfleet.core.Facts;
import dev.capfleet.model.CapabilitySet;
import dev.capfleet.model.RequirementModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The capability facts a verified set gives a host: what it still lacks (against whichever accepted
 * set it is closest to), what it needs, what it could use at all, and the setcap lines to
 * recommend. Never recommends a capability outside the bounding set, since a binary carrying one
 * with the e flag does not start.
 */
final class RequiredSet {
  private RequiredSet() {}

  static void derive(
      FactView v,
      RequirementModel model,
      CapabilitySet set,
      String mode,
      String module,
      boolean newNames) {
    Set<Capability> ep = v.get(Facts.BINARY_CAPS_EP);
    Set<Capability> bounding = v.get(Facts.BOUNDING_SET);
    List<Capability> memlock = set.memlock() == null ? List.of() : List.of(set.memlock());
    List<Capability> extra = new ArrayList<>(memlock);
    extra.addAll(model.optionalCapabilities());

    EnumSet<Capability> useful =
        EnumSet.copyOf(extra.isEmpty() ? EnumSet.noneOf(Capability.class) : extra);
    for (CapabilitySet s : model.capabilitySets()) {
      if (s.modes().contains(mode) && (s.modules().isEmpty() || s.modules().contains(module))) {
        s.accepted().forEach(useful::addAll);
      }
    }
    v.put(Facts.CAPABILITIES_USEFUL, useful);

    if (ep != null) {
      List<Capability> closest = set.capabilities();
      int fewest = Integer.MAX_VALUE;
      for (List<Capability> accepted : set.accepted()) {
        int missing = (int) accepted.stream().filter(c -> !ep.contains(c)).count();
        if (missing < fewest) {
          fewest = missing;
          closest = accepted;
        }
      }
      EnumSet<Capability> missing = EnumSet.noneOf(Capability.class);
      closest.stream().filter(c -> !ep.contains(c)).forEach(missing::add);
      v.put(Facts.REQUIRED_MISSING, missing);
      // next to a set it holds whole, the rest of what is useful is redundant; while it lacks
      // something, nothing is
      EnumSet<Capability> needed = EnumSet.copyOf(useful);
      if (missing.isEmpty()) {
        needed = EnumSet.noneOf(Capability.class);
        needed.addAll(closest);
        needed.addAll(extra);
      }
      v.put(Facts.CAPABILITIES_NEEDED, needed);
    }

    List<Capability> recommended = withMemlock(set.capabilities(), memlock, bounding);
    v.word("required.setcap", tokens(recommended, newNames));
    List<Capability> admin =
        set.accepted().stream()
            .filter(a -> a.contains(Capability.CAP_SYS_ADMIN))
            .findFirst()
            .orElse(List.of(Capability.CAP_SYS_ADMIN));
    v.word("required.adminSetcap", tokens(withMemlock(admin, memlock, bounding), newNames));
    v.word(
        "required.accepted",
        set.accepted().stream()
                .map(a -> a.stream().map(Capability::name).collect(Collectors.joining(" + ")))
                .collect(Collectors.joining(", or "))
            + (memlock.isEmpty()
                ? ""
                : "; plus "
                    + memlock.get(0).name()
                    + " unless the hard memlock limit is unlimited"));
    v.word("required.why", set.evidence());
  }

  /**
   * The memlock capability joins the recommendation only where the bounding set is known to let the
   * binary start with it: outside it execve fails (lab), while the memlock limit line works
   * whatever the set.
   */
  private static List<Capability> withMemlock(
      List<Capability> caps, List<Capability> memlock, Set<Capability> bounding) {
    LinkedHashSet<Capability> out = new LinkedHashSet<>(caps);
    for (Capability m : memlock) {
      if (bounding != null && bounding.contains(m)) {
        out.add(m);
      }
    }
    return List.copyOf(out);
  }

  private static String tokens(List<Capability> caps, boolean newNames) {
    return caps.stream().map(c -> c.setcapToken(newNames)).collect(Collectors.joining(","));
  }
}
