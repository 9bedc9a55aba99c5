package dev.capfleet.cli;

import dev.capfleet.assess.Assessment;
import dev.capfleet.assess.Assessor;
import dev.capfleet.assess.FactView;
import dev.capfleet.assess.Finding;
import dev.capfleet.core.Fact;
import dev.capfleet.core.Facts;
import dev.capfleet.core.KernelVersion;
import dev.capfleet.model.Condition;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.model.Rule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the model says about a kernel and architecture alone, for {@code explain}: the model's rules
 * are run on a host of which only the kernel version, architecture and mode are known, so the rules
 * that fail are exactly those the kernel and architecture decide (every other rule lacks its facts
 * and stays unknown).
 */
final class KernelSupport {
  private KernelSupport() {}

  /** The failed findings of that hypothetical host, blockers first as the model orders them. */
  static List<Finding> failures(
      RequirementModel model, KernelVersion kernel, String arch, String mode) {
    FactView facts =
        new FactView()
            .put(Facts.MODE, mode)
            .put(Facts.KERNEL_VERSION, kernel)
            .put(Facts.KERNEL_RELEASE, kernel.toString())
            .put(Facts.KERNEL_SOURCE, "--kernel")
            .put(Facts.ARCH, arch)
            .put(
                Facts.REQUIRED_CAPABILITIES,
                new LinkedHashSet<>(model.requiredCapabilities(kernel, mode)));
    for (Fact<?> fact :
        List.of(
            Facts.MODE,
            Facts.KERNEL_VERSION,
            Facts.KERNEL_RELEASE,
            Facts.KERNEL_SOURCE,
            Facts.ARCH)) {
      facts.word(fact, facts.get(fact).toString()); // the words the rules' texts are rendered with
    }
    Assessment a = new Assessor(model).assess(facts);
    return a.findings().stream().filter(Finding::failed).toList();
  }

  /**
   * The architectures the model's rules name (per-architecture values, and tests of the arch fact).
   */
  static Set<String> architectures(RequirementModel model) {
    Set<String> arches = new TreeSet<>();
    for (Rule r : model.rules()) {
      collect(r.when(), arches);
      collect(r.require(), arches);
    }
    return arches;
  }

  private static void collect(Condition c, Set<String> arches) {
    if (c instanceof Condition.All all) {
      all.parts().forEach(p -> collect(p, arches));
    } else if (c instanceof Condition.Any any) {
      any.parts().forEach(p -> collect(p, arches));
    } else if (c instanceof Condition.Not not) {
      collect(not.part(), arches);
    } else if (c instanceof Condition.Test t) {
      if (t.valueByArch() != null) {
        arches.addAll(t.valueByArch().keySet());
      }
      if ("arch".equals(t.fact()) && t.value() instanceof String s) {
        arches.add(s);
      }
    }
  }
}
