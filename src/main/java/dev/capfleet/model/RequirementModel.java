package dev.capfleet.model;

import dev.capfleet.core.Capability;
import dev.capfleet.core.KernelVersion;
import dev.capfleet.core.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * eCapture's requirements as data: capability sets per kernel and mode, the rules that score a
 * host, cleanup, best practices, deployment snippets and the remediation actions in the order they
 * run. Loaded by {@link ModelLoader}; nothing here is hard-coded in Java.
 */
public record RequirementModel(
    String id,
    String version,
    String title,
    Map<String, String> sources,
    String defaultBinary,
    String defaultMode,
    Map<String, String> modes,
    List<CapabilitySet> capabilitySets,
    Scoring scoring,
    List<Rule> rules,
    List<String> cleanupCommands,
    String cleanupReminder,
    List<String> bestPractices,
    Deployment deployment,
    Map<String, String> modules,
    String defaultModule,
    List<Capability> optionalCapabilities,
    UprobeRevertRule uprobeRevert,
    List<RemediationAction> actions) {

  public RequirementModel {
    actions = List.copyOf(actions);
    sources = Map.copyOf(sources);
    modes = Map.copyOf(modes);
    capabilitySets = List.copyOf(capabilitySets);
    rules = List.copyOf(rules);
    cleanupCommands = List.copyOf(cleanupCommands);
    bestPractices = List.copyOf(bestPractices);
    modules = Map.copyOf(modules);
    optionalCapabilities = List.copyOf(optionalCapabilities);
  }

  /**
   * When the kernel needs CAP_SYS_ADMIN for uprobes (Linux ba677dbe77af): the first fixed version
   * of each stable branch, and the date before which no kernel carries it. Null in models that do
   * not know the revert.
   */
  public record UprobeRevertRule(
      List<KernelVersion> fixedIn, java.time.LocalDate builtBefore, String reference) {
    public UprobeRevertRule {
      fixedIn = List.copyOf(fixedIn);
    }

    /**
     * True when the upstream version carries the revert: at or past its branch's fix, or past every
     * branch.
     */
    public boolean fixedAt(KernelVersion v) {
      KernelVersion newest = fixedIn.stream().max(KernelVersion::compareTo).orElseThrow();
      if (v.atLeast(newest)) {
        return true;
      }
      return fixedIn.stream()
          .anyMatch(f -> f.major() == v.major() && f.minor() == v.minor() && v.atLeast(f));
    }
  }

  /**
   * Points a score loses per failed rule of each severity, and per blocker that could not be
   * checked.
   */
  public record Scoring(int blocker, int unknown, int warning, int info) {
    public int weight(Severity s) {
      return switch (s) {
        case BLOCKER -> blocker;
        case WARNING -> warning;
        case INFO -> info;
      };
    }
  }

  /** Container deployment data the snippets are rendered from. */
  public record Deployment(
      List<String> dockerBase,
      List<String> dockerPcapng,
      String dockerNote,
      boolean k8sHostPid,
      boolean k8sPcapngHostNetwork,
      List<Volume> k8sVolumes,
      List<String> dockerMemlock,
      boolean k8sMemlockCapability) {
    public Deployment {
      dockerBase = List.copyOf(dockerBase);
      dockerPcapng = List.copyOf(dockerPcapng);
      k8sVolumes = List.copyOf(k8sVolumes);
      dockerMemlock = List.copyOf(dockerMemlock);
    }
  }

  /** A host path a Kubernetes pod mounts. */
  public record Volume(String name, String hostPath, boolean readOnly) {}

  /**
   * The canonical mode for a name or alias ({@code pcap} is {@code pcapng}), empty when unknown.
   */
  public Optional<String> canonicalMode(String mode) {
    return Optional.ofNullable(mode == null ? defaultMode : modes.get(mode.trim()));
  }

  /**
   * The capabilities eCapture needs on this kernel in this (canonical) mode; empty when no set
   * matches.
   */
  public List<Capability> requiredCapabilities(KernelVersion kernel, String mode) {
    return capabilitySet(
            new KernelTraits(kernel, null, revertFromVersion(kernel)), mode, defaultModule)
        .map(CapabilitySet::capabilities)
        .orElse(List.of());
  }

  /** The first set of the model for this kernel, mode and module. */
  public Optional<CapabilitySet> capabilitySet(KernelTraits kernel, String mode, String module) {
    return capabilitySets.stream().filter(s -> s.matches(kernel, mode, module)).findFirst();
  }

  /**
   * The revert status a bare upstream version tells (explain, which has no build date): {@code
   * present} from the fixed versions, else {@code unconfirmed} (a vendor may still carry it); null
   * without a revert rule.
   */
  public String revertFromVersion(KernelVersion kernel) {
    if (uprobeRevert == null) {
      return null;
    }
    return uprobeRevert.fixedAt(kernel) ? "present" : "unconfirmed";
  }

  /**
   * The canonical module for a name, the default for null, empty when unknown; any name when the
   * model has none.
   */
  public Optional<String> canonicalModule(String module) {
    if (modules.isEmpty()) {
      return Optional.ofNullable(module == null ? defaultModule : module.trim());
    }
    return Optional.ofNullable(module == null ? defaultModule : modules.get(module.trim()));
  }

  public String source(String reference) {
    return sources.getOrDefault(reference, reference);
  }
}
