package dev.capfleet.core;

import static dev.capfleet.core.Fact.bool;
import static dev.capfleet.core.Fact.capabilities;
import static dev.capfleet.core.Fact.integer;
import static dev.capfleet.core.Fact.mounts;
import static dev.capfleet.core.Fact.string;
import static dev.capfleet.core.Fact.strings;
import static dev.capfleet.core.Fact.version;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every fact a model may test, declared once: its name, kind, gap and report location. The model's
 * vocabulary, the assessment's fact view, the report's facts map and the gap of each unknown fact
 * all take their names from here, so renaming a fact is one edit (and a model still using the old
 * name is refused at load time).
 *
 * <p>A report location names where a host's JSON entry shows the fact, or the reading it is derived
 * from (the permission bits come from {@code binary.mode}); facts without one come from the model
 * or the scan's options.
 */
public final class Facts {
  public static final Fact<KernelVersion> KERNEL_VERSION =
      version("kernel.version", ProbeGap.KERNEL, "/kernel/version");
  public static final Fact<String> KERNEL_RELEASE =
      string("kernel.release", ProbeGap.KERNEL, "/kernel/release");
  public static final Fact<String> KERNEL_SOURCE =
      string("kernel.source", ProbeGap.KERNEL, "/kernel/source");
  public static final Fact<String> ARCH = string("arch", ProbeGap.ARCH, "/arch");
  public static final Fact<String> MODE = string("mode", null, "/mode");

  /** The scan's purpose: one per report (its top-level {@code purpose}), not per host. */
  public static final Fact<String> PURPOSE = string("purpose", null, null);

  public static final Fact<String> BINARY_PATH = string("binary.path", null, "/binary/path");
  public static final Fact<Boolean> BINARY_PRESENT =
      bool("binary.present", ProbeGap.BINARY, "/binary/present");
  public static final Fact<Set<Capability>> BINARY_CAPS =
      capabilities("binary.caps", ProbeGap.GETCAP, "/binary/capabilities");
  public static final Fact<Set<Capability>> BINARY_CAPS_EP =
      capabilities("binary.caps.ep", ProbeGap.GETCAP, "/binary/flags");
  public static final Fact<String> BINARY_MODE =
      string("binary.mode", ProbeGap.BINARY_STAT, "/binary/mode");
  public static final Fact<String> BINARY_OWNER =
      string("binary.owner", ProbeGap.BINARY_STAT, "/binary/owner");
  public static final Fact<String> BINARY_GROUP =
      string("binary.group", ProbeGap.BINARY_STAT, "/binary/group");
  public static final Fact<Boolean> BINARY_OTHER_EXECUTE =
      bool("binary.otherExecute", ProbeGap.BINARY_STAT, "/binary/mode");
  public static final Fact<Boolean> BINARY_WRITABLE_BY_NON_ROOT =
      bool("binary.writableByNonRoot", ProbeGap.BINARY_STAT, "/binary/mode");
  public static final Fact<String> BINARY_MOUNT_POINT =
      string("binary.mount.point", ProbeGap.BINARY_MOUNT, "/binary/mountPoint");

  /** The binary's mount is one of the report's {@code mounts} lines, which carry the type. */
  public static final Fact<String> BINARY_MOUNT_FS_TYPE =
      string("binary.mount.fsType", ProbeGap.BINARY_MOUNT, "/mounts");

  public static final Fact<Set<String>> BINARY_MOUNT_OPTIONS =
      strings("binary.mount.options", ProbeGap.BINARY_MOUNT, "/binary/mountOptions");
  public static final Fact<Set<Capability>> BOUNDING_SET =
      capabilities("boundingSet", ProbeGap.BOUNDING_SET, "/boundingSet");
  public static final Fact<Boolean> NO_NEW_PRIVS =
      bool("noNewPrivs", ProbeGap.NO_NEW_PRIVS, "/noNewPrivs");
  public static final Fact<List<Mount>> MOUNTS = mounts("mounts", ProbeGap.MOUNTS, "/mounts");
  public static final Fact<String> LOCKDOWN =
      string("lockdown", ProbeGap.LOCKDOWN, "/facts/lockdown");
  public static final Fact<Boolean> BTF = bool("btf", ProbeGap.BTF, "/facts/btf");
  public static final Fact<Integer> UNPRIVILEGED_BPF_DISABLED =
      integer(
          "sysctl.unprivileged_bpf_disabled",
          ProbeGap.UNPRIVILEGED_BPF_DISABLED,
          "/facts/unprivilegedBpfDisabled");
  public static final Fact<Integer> PERF_EVENT_PARANOID =
      integer(
          "sysctl.perf_event_paranoid", ProbeGap.PERF_EVENT_PARANOID, "/facts/perfEventParanoid");
  public static final Fact<String> MEMLOCK_HARD =
      string("memlock.hard", ProbeGap.MEMLOCK, "/facts/memlockHard");
  public static final Fact<String> CONTAINER =
      string("container", ProbeGap.CONTAINER, "/facts/container");
  public static final Fact<Boolean> LIBCAP_INSTALLED =
      bool("libcap.installed", null, "/facts/libcapInstalled");
  public static final Fact<Boolean> LIBCAP_NEW_NAMES =
      bool("libcap.newNames", ProbeGap.LIBCAP_NAMES, "/facts/libcapKnowsNewNames");
  public static final Fact<Set<Capability>> REQUIRED_CAPABILITIES =
      capabilities("required.capabilities", ProbeGap.KERNEL, "/requiredCapabilities");

  /** Whether the scan's --window-until lies ahead: an option of the scan, not of the host. */
  public static final Fact<Boolean> WINDOW_OPEN = bool("window.open", null, null);

  // verified-model facts (shared/ecapture-truth.md)
  public static final Fact<String> MODULE = string("module", null, "/facts/module");
  public static final Fact<String> KERNEL_UPROBE_REVERT =
      string("kernel.uprobeRevert", ProbeGap.KERNEL, "/facts/uprobeRevert");
  public static final Fact<Integer> KERNEL_CAP_LAST_CAP =
      integer("kernel.capLastCap", ProbeGap.CAP_LAST_CAP, "/facts/capLastCap");
  public static final Fact<Boolean> KERNEL_EL8 =
      bool("kernel.el8", ProbeGap.KERNEL, "/kernel/release");

  /** Read from /proc/version_signature or /proc/version, both kept among the report's probes. */
  public static final Fact<Boolean> KERNEL_UBUNTU =
      bool("kernel.ubuntu", ProbeGap.KERNEL, "/probes/proc_version");

  public static final Fact<Boolean> UPROBE_PMU =
      bool("uprobePmu", ProbeGap.UPROBE_PMU, "/facts/uprobePmu");
  public static final Fact<Boolean> USER_NAMESPACE =
      bool("userNamespace", ProbeGap.UID_MAP, "/facts/userNamespace");
  public static final Fact<String> LOCKDOWN_MODE =
      string("lockdown.mode", ProbeGap.LOCKDOWN_MODE, "/facts/lockdownMode");

  /** Derived from the binary's capabilities and the model's sets; findings show the effect. */
  public static final Fact<Set<Capability>> REQUIRED_MISSING =
      capabilities("required.missing", ProbeGap.GETCAP, null);

  public static final Fact<Set<Capability>> CAPABILITIES_NEEDED =
      capabilities("capabilities.needed", ProbeGap.GETCAP, null);
  public static final Fact<Set<Capability>> CAPABILITIES_USEFUL =
      capabilities("capabilities.useful", ProbeGap.KERNEL, null);

  private static final List<Fact<?>> ALL =
      List.of(
          KERNEL_VERSION,
          KERNEL_RELEASE,
          KERNEL_SOURCE,
          ARCH,
          MODE,
          PURPOSE,
          BINARY_PATH,
          BINARY_PRESENT,
          BINARY_CAPS,
          BINARY_CAPS_EP,
          BINARY_MODE,
          BINARY_OWNER,
          BINARY_GROUP,
          BINARY_OTHER_EXECUTE,
          BINARY_WRITABLE_BY_NON_ROOT,
          BINARY_MOUNT_POINT,
          BINARY_MOUNT_FS_TYPE,
          BINARY_MOUNT_OPTIONS,
          BOUNDING_SET,
          NO_NEW_PRIVS,
          MOUNTS,
          LOCKDOWN,
          BTF,
          UNPRIVILEGED_BPF_DISABLED,
          PERF_EVENT_PARANOID,
          MEMLOCK_HARD,
          CONTAINER,
          LIBCAP_INSTALLED,
          LIBCAP_NEW_NAMES,
          REQUIRED_CAPABILITIES,
          WINDOW_OPEN,
          MODULE,
          KERNEL_UPROBE_REVERT,
          KERNEL_CAP_LAST_CAP,
          KERNEL_EL8,
          KERNEL_UBUNTU,
          UPROBE_PMU,
          USER_NAMESPACE,
          LOCKDOWN_MODE,
          REQUIRED_MISSING,
          CAPABILITIES_NEEDED,
          CAPABILITIES_USEFUL);

  private static final Map<String, Fact<?>> BY_NAME = new LinkedHashMap<>();

  static {
    for (Fact<?> f : ALL) {
      if (BY_NAME.put(f.name(), f) != null) {
        throw new IllegalStateException("fact " + f.name() + " declared twice");
      }
    }
  }

  private Facts() {}

  /** Every fact, in declaration order. */
  public static List<Fact<?>> all() {
    return ALL;
  }

  /** The fact a model names, if there is one. */
  public static Optional<Fact<?>> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
