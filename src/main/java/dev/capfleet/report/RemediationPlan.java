package dev.capfleet.report;

import dev.capfleet.assess.Finding;
import dev.capfleet.probe.Capability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What to change on one host, from the report's structured fields (rule ids, binary path, required
 * capabilities, libcap's spelling) rather than from its command text, so that the playbook and the shell
 * script can quote every value themselves. Findings of rules this class does not know (a team's own model)
 * become guidance: their commands are shown for review, never run.
 *
 * @param guidance lines for a person, in finding order (comments, and commands to review)
 * @param binaryMissing the binary is not installed: automated steps must stop until it is
 * @param restrict set owner root, group {@link #GROUP}, mode {@link #MODE} (before setcap: chown clears file capabilities)
 * @param mounts special filesystems to mount, in model order
 * @param setcap the exact capability text for setcap, e.g. {@code cap_sys_ptrace,cap_perfmon,cap_bpf=eip}, or null
 * @param removeCapabilities capabilities must go ({@code --purpose compliance} outside a window); wins over setcap
 * @param cleanup the binary carries, or is told to get, capabilities: remind to remove them later
 */
public record RemediationPlan(String host, String binary, List<String> guidance, boolean binaryMissing,
    boolean restrict, List<MountFix> mounts, String setcap, boolean removeCapabilities, boolean cleanup) {
  public static final String GROUP = "security-audit";
  public static final String MODE = "0750";
  private static final Set<String> SETCAP_RULES = Set.of("capability-granted", "no-excess-capability", "binary-present");
  private static final Set<String> RESTRICT_RULES = Set.of("binary-not-executable-by-others",
      "binary-writable-only-by-root");
  private static final Pattern NUMERIC_SETCAP = Pattern.compile("setcap\\s+'[^']*(^|[,'])\\s*3[89]\\s*[,=+]");

  /** A filesystem the documented deployment needs mounted. */
  public record MountFix(String fsType, String device, String path) {}

  public RemediationPlan {
    guidance = List.copyOf(guidance);
    mounts = List.copyOf(mounts);
  }

  /** True when there is anything to automate (not just guidance). */
  public boolean hasActions() {
    return restrict || !mounts.isEmpty() || setcap != null || removeCapabilities;
  }

  public boolean isEmpty() {
    return !hasActions() && guidance.isEmpty();
  }

  public static RemediationPlan of(HostReport h) {
    String binary = HostViews.binaryPath(h);
    Set<String> guidance = new LinkedHashSet<>();
    boolean missing = false;
    boolean restrict = false;
    boolean wantsCaps = false;
    boolean remove = false;
    List<MountFix> mounts = new ArrayList<>();
    for (Finding f : HostViews.findings(h)) {
      if ("unknown".equals(f.status())) {
        guidance.add(f.title() + " (scan again once the tool or output is fixed)");
        continue;
      }
      if (!"failed".equals(f.status()) || "info".equals(f.severity())) {
        continue;
      }
      String id = f.id();
      boolean handled = binary != null;
      if (handled && SETCAP_RULES.contains(id)) {
        wantsCaps = true;
        if ("binary-present".equals(id)) {
          missing = true;
          guidance.add("Install the eCapture release for " + (h.arch() == null ? "this architecture" : h.arch())
              + " (https://github.com/gojue/ecapture/releases) at " + binary + ", then run this again.");
        }
      } else if (handled && RESTRICT_RULES.contains(id)) {
        restrict = true;
      } else if (handled && "no-lingering-capabilities".equals(id)) {
        remove = true;
      } else if ("debugfs-mounted".equals(id)) {
        add(mounts, new MountFix("debugfs", "debugfs", "/sys/kernel/debug"));
      } else if ("bpffs-mounted".equals(id)) {
        add(mounts, new MountFix("bpf", "bpf", "/sys/fs/bpf"));
      } else {
        for (String line : HostViews.lines(f.remediation())) {
          guidance.add(HostViews.isComment(line) ? HostViews.uncomment(line) : "Review, then run by hand: " + line);
        }
        if (HostViews.lines(f.remediation()).isEmpty()) {
          guidance.add(f.title());
        }
      }
    }
    String setcap = null;
    if (wantsCaps && !remove) {
      setcap = setcapText(h).orElse(null);
      if (setcap == null) {
        guidance.add("Required capabilities unknown (kernel or mode not read): set them with setcap once known.");
      }
    }
    boolean cleanup = !HostViews.lines(h.cleanup()).isEmpty() && binary != null;
    return new RemediationPlan(h.name(), binary, List.copyOf(guidance), missing, restrict, mounts, setcap, remove,
        cleanup);
  }

  private static void add(List<MountFix> mounts, MountFix m) {
    if (!mounts.contains(m)) {
      mounts.add(m);
    }
  }

  /**
   * The setcap text for the required set, in capability-number order as getcap prints it, with the numbers
   * 38-40 where the host's libcap predates their names (fact {@code libcapKnowsNewNames} false, or the report's own
   * setcap line already uses them).
   */
  static Optional<String> setcapText(HostReport h) {
    List<Capability> caps = new ArrayList<>();
    for (String name : HostViews.lines(h.requiredCapabilities())) {
      Optional<Capability> c = Capability.parse(name);
      if (c.isEmpty()) {
        return Optional.empty();
      }
      caps.add(c.get());
    }
    if (caps.isEmpty()) {
      return Optional.empty();
    }
    boolean newNames = !oldLibcap(h);
    return Optional.of(caps.stream().distinct().sorted(Comparator.comparingInt(Capability::number))
        .map(c -> c.setcapToken(newNames)).collect(Collectors.joining(",")) + "=eip");
  }

  static boolean oldLibcap(HostReport h) {
    if (h.facts() != null && Boolean.FALSE.equals(h.facts().get("libcapKnowsNewNames"))) {
      return true;
    }
    return HostViews.lines(h.remediation()).stream().anyMatch(l -> NUMERIC_SETCAP.matcher(l).find());
  }
}
