package dev.capfleet.assess;

import dev.capfleet.core.Capability;
import dev.capfleet.core.Fact;
import dev.capfleet.core.Facts;
import dev.capfleet.core.Mount;
import dev.capfleet.core.ProbeGap;
import dev.capfleet.core.SpecialFilesystems;
import dev.capfleet.model.CapabilitySet;
import dev.capfleet.model.KernelTraits;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.probe.BoundingSet;
import dev.capfleet.probe.FileCapabilities;
import dev.capfleet.probe.FileStat;
import dev.capfleet.probe.GetcapResult;
import dev.capfleet.probe.HostFacts;
import dev.capfleet.probe.SecurityFacts;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Names a host's parsed facts with the model's vocabulary, and renders them for templates. */
public final class FactViewBuilder {
  private FactViewBuilder() {}

  public static FactView build(HostFacts f, HostContext ctx, RequirementModel model) {
    FactView v = new FactView();
    for (Fact<?> fact : Facts.all()) {
      fact.gap().map(g -> f.gaps().get(g.label())).ifPresent(why -> v.gap(fact, why));
    }
    v.put(Facts.MODE, ctx.mode())
        .put(Facts.PURPOSE, ctx.purpose())
        .put(Facts.BINARY_PATH, ctx.binaryPath());
    String module = model.canonicalModule(ctx.module()).orElse(model.defaultModule());
    v.put(Facts.MODULE, module);
    SecurityFacts sec = f.security();
    String revert = UprobeRevert.of(model.uprobeRevert(), f.kernel(), sec);
    CapabilitySet set = null;
    if (f.kernel() != null) {
      v.put(Facts.KERNEL_VERSION, f.kernel().version())
          .put(Facts.KERNEL_RELEASE, f.kernel().release())
          .put(Facts.KERNEL_SOURCE, f.kernel().source())
          .put(Facts.KERNEL_UPROBE_REVERT, revert)
          .put(Facts.KERNEL_EL8, sec.el8())
          .put(Facts.KERNEL_UBUNTU, sec.ubuntu());
      set =
          model
              .capabilitySet(
                  new KernelTraits(f.kernel().version(), sec.capLastCap(), revert),
                  ctx.mode(),
                  module)
              .orElse(null);
      // in the model's order, which is also the order of the documented setcap line
      v.put(
          Facts.REQUIRED_CAPABILITIES,
          new LinkedHashSet<>(set == null ? List.of() : set.capabilities()));
    }
    v.put(Facts.KERNEL_CAP_LAST_CAP, sec.capLastCap());
    v.put(Facts.UPROBE_PMU, sec.uprobePmu());
    v.put(Facts.USER_NAMESPACE, sec.userNamespace());
    v.put(Facts.LOCKDOWN_MODE, sec.lockdownMode());
    v.word("uidMap", sec.uidMap());
    v.word("account", sec.account() == null ? "(unknown)" : sec.account());
    v.word(
        "kernel.buildDate", sec.buildDate() == null ? "date unknown" : sec.buildDate().toString());
    v.put(Facts.ARCH, f.arch());
    v.put(Facts.BINARY_PRESENT, f.binaryPresent());
    binaryCapabilities(f.getcap(), v);
    FileStat st = f.binaryStat();
    if (st != null) {
      v.put(Facts.BINARY_MODE, st.octalMode())
          .put(Facts.BINARY_OWNER, st.owner())
          .put(Facts.BINARY_GROUP, st.group())
          .put(Facts.BINARY_OTHER_EXECUTE, st.otherExecute())
          .put(Facts.BINARY_WRITABLE_BY_NON_ROOT, st.writableByNonRoot());
    }
    Mount bm = f.binaryMount();
    if (bm != null && Boolean.TRUE.equals(f.binaryPresent())) {
      v.put(Facts.BINARY_MOUNT_POINT, bm.mountPoint())
          .put(Facts.BINARY_MOUNT_FS_TYPE, bm.fsType())
          .put(Facts.BINARY_MOUNT_OPTIONS, new LinkedHashSet<>(bm.options()));
    }
    BoundingSet bs = f.boundingSet();
    // The kernel gives every new user namespace a full bounding set, so inside one CapBnd says
    // nothing about
    // the initial namespace, where eCapture's capabilities count (lab: unshare -Ur): unknown, not
    // "all of them".
    if (bs != null && !Boolean.TRUE.equals(sec.userNamespace())) {
      v.put(Facts.BOUNDING_SET, capSet(bs.capabilities()));
      v.word(
          "boundingSet.source",
          bs.source().equals("capsh") ? "capsh --print" : "/proc/self/status CapBnd");
    }
    v.put(Facts.NO_NEW_PRIVS, f.noNewPrivs());
    v.put(Facts.MOUNTS, f.mounts());
    v.put(Facts.LOCKDOWN, f.lockdown());
    v.put(Facts.BTF, f.btf());
    v.put(Facts.UNPRIVILEGED_BPF_DISABLED, f.unprivilegedBpfDisabled());
    v.put(Facts.PERF_EVENT_PARANOID, f.perfEventParanoid());
    v.put(Facts.MEMLOCK_HARD, f.memlockHard());
    if (!f.gaps().containsKey(ProbeGap.CONTAINER.label())) {
      v.put(Facts.CONTAINER, f.container() == null ? "none" : f.container());
    }
    v.put(Facts.LIBCAP_INSTALLED, f.libcapInstalled());
    v.put(Facts.LIBCAP_NEW_NAMES, f.libcapNewNames());
    boolean windowOpen = ctx.windowUntil() != null && ctx.now().isBefore(ctx.windowUntil());
    v.put(Facts.WINDOW_OPEN, windowOpen);
    v.word("window.until", ctx.windowUntil() == null ? "none set" : ctx.windowUntil().toString());
    words(v, f, ctx);
    if (set != null) {
      RequiredSet.derive(
          v, model, set, ctx.mode(), module, !Boolean.FALSE.equals(f.libcapNewNames()));
    }
    return v;
  }

  private static EnumSet<Capability> capSet(Collection<Capability> caps) {
    return caps.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(caps);
  }

  private static void binaryCapabilities(GetcapResult getcap, FactView v) {
    if (getcap instanceof GetcapResult.Capabilities c) {
      FileCapabilities caps = c.capabilities();
      v.put(Facts.BINARY_CAPS, capSet(caps.all()));
      v.put(Facts.BINARY_CAPS_EP, capSet(caps.effectiveAndPermitted()));
      v.word("binary.caps.text", caps.isEmpty() ? "no capabilities" : caps.describe());
    } else if (getcap instanceof GetcapResult.FileMissing) {
      v.put(Facts.BINARY_CAPS, EnumSet.noneOf(Capability.class));
      v.put(Facts.BINARY_CAPS_EP, EnumSet.noneOf(Capability.class));
      v.word("binary.caps.text", "no file");
    }
  }

  private static void words(FactView v, HostFacts f, HostContext ctx) {
    v.word(
        "binary", ctx.binaryPath()); // commands quote it where it stands (Templates.renderCommand)
    Set<Capability> req = v.get(Facts.REQUIRED_CAPABILITIES);
    if (req != null) {
      boolean newNames = !Boolean.FALSE.equals(f.libcapNewNames());
      v.word(
          "required.setcap",
          req.stream().map(c -> c.setcapToken(newNames)).collect(Collectors.joining(",")));
      // the same set in capability-number order, as getcap prints it: the playbook compares the two
      // texts
      v.word(
          "required.getcap",
          req.stream()
              .sorted(Comparator.comparingInt(Capability::number))
              .map(cap -> cap.setcapToken(newNames))
              .collect(Collectors.joining(",")));
      v.word(
          "required.names", req.stream().map(Capability::name).collect(Collectors.joining(", ")));
    }
    Set<Capability> bs = v.get(Facts.BOUNDING_SET);
    if (bs != null && req != null) {
      List<String> missing =
          req.stream().filter(r -> !bs.contains(r)).map(Object::toString).toList();
      v.word(
          "boundingSet.text",
          (missing.isEmpty()
                  ? "holds every required capability"
                  : "lacks " + String.join(", ", missing))
              + " ("
              + bs.size()
              + " capabilities in the set)");
    }
    List<Mount> mounts = f.mounts();
    if (mounts != null) {
      String special =
          mounts.stream()
              .filter(m -> SpecialFilesystems.contains(m.fsType()))
              .map(m -> m.fsType() + " at " + m.mountPoint())
              .distinct()
              .collect(Collectors.joining("; "));
      v.word(
          "mounts.special",
          special.isEmpty() ? "no " + SpecialFilesystems.names() + " mount" : special);
    }
    Set<String> opts = v.get(Facts.BINARY_MOUNT_OPTIONS);
    if (opts != null) {
      v.word(Facts.BINARY_MOUNT_OPTIONS, String.join(",", opts));
    }
    Boolean nnp = v.get(Facts.NO_NEW_PRIVS);
    if (nnp != null) {
      v.word(Facts.NO_NEW_PRIVS, nnp ? "1" : "0");
    }
    Boolean newNames = v.get(Facts.LIBCAP_NEW_NAMES);
    if (newNames != null) {
      v.word(Facts.LIBCAP_NEW_NAMES, newNames ? "yes" : "no (libcap before 2.43)");
    }
    Boolean installed = v.get(Facts.LIBCAP_INSTALLED);
    if (installed != null) {
      v.word(Facts.LIBCAP_INSTALLED, installed ? "yes" : "no");
    }
    v.renderRemainingFacts();
  }
}
