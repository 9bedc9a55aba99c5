package dev.capfleet.assess;

import dev.capfleet.core.Capability;
import dev.capfleet.core.SpecialFilesystems;
import dev.capfleet.model.CapabilitySet;
import dev.capfleet.model.KernelTraits;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.probe.BoundingSet;
import dev.capfleet.probe.FileCapabilities;
import dev.capfleet.probe.FileStat;
import dev.capfleet.probe.GetcapResult;
import dev.capfleet.probe.HostFacts;
import dev.capfleet.probe.Mount;
import dev.capfleet.probe.SecurityFacts;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Names a host's parsed facts with the model's vocabulary, and renders them for templates. */
public final class FactViewBuilder {
  /** Special filesystems whose mounts are evidence for the mount rules. */

  /** Which HostFacts gap explains each vocabulary fact that can be missing. */
  private static final Map<String, String> GAP_OF =
      Map.ofEntries(
          Map.entry("kernel.version", "kernel"),
          Map.entry("kernel.release", "kernel"),
          Map.entry("kernel.source", "kernel"),
          Map.entry("arch", "arch"),
          Map.entry("binary.present", "binary"),
          Map.entry("binary.caps", "getcap"),
          Map.entry("binary.caps.ep", "getcap"),
          Map.entry("binary.mode", "binary stat"),
          Map.entry("binary.owner", "binary stat"),
          Map.entry("binary.group", "binary stat"),
          Map.entry("binary.otherExecute", "binary stat"),
          Map.entry("binary.writableByNonRoot", "binary stat"),
          Map.entry("binary.mount.point", "binary mount"),
          Map.entry("binary.mount.fsType", "binary mount"),
          Map.entry("binary.mount.options", "binary mount"),
          Map.entry("boundingSet", "bounding set"),
          Map.entry("noNewPrivs", "no_new_privs"),
          Map.entry("mounts", "mounts"),
          Map.entry("lockdown", "lockdown"),
          Map.entry("btf", "btf"),
          Map.entry("sysctl.unprivileged_bpf_disabled", "unprivileged_bpf_disabled"),
          Map.entry("sysctl.perf_event_paranoid", "perf_event_paranoid"),
          Map.entry("memlock.hard", "memlock"),
          Map.entry("container", "container"),
          Map.entry("libcap.newNames", "libcap names"),
          Map.entry("required.capabilities", "kernel"),
          Map.entry("module", "module"),
          Map.entry("kernel.uprobeRevert", "kernel"),
          Map.entry("kernel.el8", "kernel"),
          Map.entry("kernel.ubuntu", "kernel"),
          Map.entry("kernel.capLastCap", "cap_last_cap"),
          Map.entry("uprobePmu", "uprobe pmu"),
          Map.entry("userNamespace", "uid map"),
          Map.entry("lockdown.mode", "lockdown mode"),
          Map.entry("required.missing", "getcap"),
          Map.entry("capabilities.needed", "getcap"),
          Map.entry("capabilities.useful", "kernel"));

  private FactViewBuilder() {}

  public static FactView build(HostFacts f, HostContext ctx, RequirementModel model) {
    FactView v = new FactView();
    GAP_OF.forEach(
        (fact, gap) -> {
          String why = f.gaps().get(gap);
          if (why != null) {
            v.gap(fact, why);
          }
        });
    v.put("mode", ctx.mode()).put("purpose", ctx.purpose()).put("binary.path", ctx.binaryPath());
    String module = model.canonicalModule(ctx.module()).orElse(model.defaultModule());
    v.put("module", module);
    SecurityFacts sec = f.security();
    String revert = UprobeRevert.of(model.uprobeRevert(), f.kernel(), sec);
    CapabilitySet set = null;
    if (f.kernel() != null) {
      v.put("kernel.version", f.kernel().version())
          .put("kernel.release", f.kernel().release())
          .put("kernel.source", f.kernel().source())
          .put("kernel.uprobeRevert", revert)
          .put("kernel.el8", sec.el8())
          .put("kernel.ubuntu", sec.ubuntu());
      set =
          model
              .capabilitySet(
                  new KernelTraits(f.kernel().version(), sec.capLastCap(), revert),
                  ctx.mode(),
                  module)
              .orElse(null);
      // in the model's order, which is also the order of the documented setcap line
      v.put(
          "required.capabilities",
          new LinkedHashSet<>(set == null ? List.of() : set.capabilities()));
    }
    v.put("kernel.capLastCap", sec.capLastCap());
    v.put("uprobePmu", sec.uprobePmu());
    v.put("userNamespace", sec.userNamespace());
    v.put("lockdown.mode", sec.lockdownMode());
    v.word("uidMap", sec.uidMap());
    v.word("account", sec.account() == null ? "(unknown)" : sec.account());
    v.word(
        "kernel.buildDate", sec.buildDate() == null ? "date unknown" : sec.buildDate().toString());
    v.put("arch", f.arch());
    v.put("binary.present", f.binaryPresent());
    binaryCapabilities(f.getcap(), v);
    FileStat st = f.binaryStat();
    if (st != null) {
      v.put("binary.mode", st.octalMode())
          .put("binary.owner", st.owner())
          .put("binary.group", st.group())
          .put("binary.otherExecute", st.otherExecute())
          .put("binary.writableByNonRoot", st.writableByNonRoot());
    }
    Mount bm = f.binaryMount();
    if (bm != null && Boolean.TRUE.equals(f.binaryPresent())) {
      v.put("binary.mount.point", bm.mountPoint())
          .put("binary.mount.fsType", bm.fsType())
          .put("binary.mount.options", new LinkedHashSet<>(bm.options()));
    }
    BoundingSet bs = f.boundingSet();
    // The kernel gives every new user namespace a full bounding set, so inside one CapBnd says
    // nothing about
    // the initial namespace, where eCapture's capabilities count (lab: unshare -Ur): unknown, not
    // "all of them".
    if (bs != null && !Boolean.TRUE.equals(sec.userNamespace())) {
      v.put("boundingSet", capSet(bs.capabilities()));
      v.word(
          "boundingSet.source",
          bs.source().equals("capsh") ? "capsh --print" : "/proc/self/status CapBnd");
    }
    v.put("noNewPrivs", f.noNewPrivs());
    v.put("mounts", f.mounts());
    v.put("lockdown", f.lockdown());
    v.put("btf", f.btf());
    v.put("sysctl.unprivileged_bpf_disabled", f.unprivilegedBpfDisabled());
    v.put("sysctl.perf_event_paranoid", f.perfEventParanoid());
    v.put("memlock.hard", f.memlockHard());
    if (!f.gaps().containsKey("container")) {
      v.put("container", f.container() == null ? "none" : f.container());
    }
    v.put("libcap.installed", f.libcapInstalled());
    v.put("libcap.newNames", f.libcapKnowsNewNames());
    boolean windowOpen = ctx.windowUntil() != null && ctx.now().isBefore(ctx.windowUntil());
    v.put("window.open", windowOpen);
    v.word("window.until", ctx.windowUntil() == null ? "none set" : ctx.windowUntil().toString());
    words(v, f, ctx);
    if (set != null) {
      RequiredSet.derive(
          v, model, set, ctx.mode(), module, !Boolean.FALSE.equals(f.libcapKnowsNewNames()));
    }
    return v;
  }

  private static EnumSet<Capability> capSet(Collection<Capability> caps) {
    return caps.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(caps);
  }

  private static void binaryCapabilities(GetcapResult getcap, FactView v) {
    if (getcap instanceof GetcapResult.Capabilities c) {
      FileCapabilities caps = c.capabilities();
      v.put("binary.caps", capSet(caps.all()));
      v.put("binary.caps.ep", capSet(caps.effectiveAndPermitted()));
      v.word("binary.caps.text", caps.isEmpty() ? "no capabilities" : caps.describe());
    } else if (getcap instanceof GetcapResult.FileMissing) {
      v.put("binary.caps", EnumSet.noneOf(Capability.class));
      v.put("binary.caps.ep", EnumSet.noneOf(Capability.class));
      v.word("binary.caps.text", "no file");
    }
  }

  private static void words(FactView v, HostFacts f, HostContext ctx) {
    v.word(
        "binary", ctx.binaryPath()); // commands quote it where it stands (Templates.renderCommand)
    Object req = v.get("required.capabilities");
    if (req instanceof Collection<?> c) {
      boolean newNames = !Boolean.FALSE.equals(f.libcapKnowsNewNames());
      v.word(
          "required.setcap",
          c.stream()
              .map(o -> ((Capability) o).setcapToken(newNames))
              .collect(Collectors.joining(",")));
      // the same set in capability-number order, as getcap prints it: the playbook compares the two
      // texts
      v.word(
          "required.getcap",
          c.stream()
              .map(o -> (Capability) o)
              .sorted(Comparator.comparingInt(Capability::number))
              .map(cap -> cap.setcapToken(newNames))
              .collect(Collectors.joining(",")));
      v.word(
          "required.names",
          c.stream().map(o -> ((Capability) o).name()).collect(Collectors.joining(", ")));
    }
    Object bs = v.get("boundingSet");
    if (bs instanceof Collection<?> set && req instanceof Collection<?> required) {
      List<String> missing =
          required.stream().filter(r -> !set.contains(r)).map(Object::toString).toList();
      v.word(
          "boundingSet.text",
          (missing.isEmpty()
                  ? "holds every required capability"
                  : "lacks " + String.join(", ", missing))
              + " ("
              + set.size()
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
    Object opts = v.get("binary.mount.options");
    if (opts instanceof Collection<?> o) {
      v.word(
          "binary.mount.options",
          o.stream().map(Object::toString).collect(Collectors.joining(",")));
    }
    Object nnp = v.get("noNewPrivs");
    if (nnp != null) {
      v.word("noNewPrivs", Boolean.TRUE.equals(nnp) ? "1" : "0");
    }
    Object newNames = v.get("libcap.newNames");
    if (newNames != null) {
      v.word("libcap.newNames", Boolean.TRUE.equals(newNames) ? "yes" : "no (libcap before 2.43)");
    }
    Object installed = v.get("libcap.installed");
    if (installed != null) {
      v.word("libcap.installed", Boolean.TRUE.equals(installed) ? "yes" : "no");
    }
    for (String name : dev.capfleet.model.FactVocabulary.facts().keySet()) {
      Object value = v.get(name);
      if (value != null && !v.words().containsKey(name)) {
        v.word(
            name,
            value instanceof Collection<?> c
                ? c.stream().map(Object::toString).collect(Collectors.joining(", "))
                : value.toString());
      }
    }
  }
}
