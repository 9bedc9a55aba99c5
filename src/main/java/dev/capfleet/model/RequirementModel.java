package dev.capfleet.model;

import dev.capfleet.probe.Capability;
import dev.capfleet.probe.KernelVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * eCapture's requirements as data: capability sets per kernel and mode, the rules that score a host, cleanup,
 * best practices, deployment snippets and the remediation actions in the order they run. Loaded by {@link ModelLoader}; nothing here is hard-coded in Java.
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
    List<RemediationAction> actions) {

  public RequirementModel {
    actions = List.copyOf(actions);
    sources = Map.copyOf(sources);
    modes = Map.copyOf(modes);
    capabilitySets = List.copyOf(capabilitySets);
    rules = List.copyOf(rules);
    cleanupCommands = List.copyOf(cleanupCommands);
    bestPractices = List.copyOf(bestPractices);
  }

  /** Points a score loses per failed rule of each severity, and per blocker that could not be checked. */
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
  public record Deployment(List<String> dockerBase, List<String> dockerPcapng, String dockerNote,
      boolean k8sHostPid, boolean k8sPcapngHostNetwork, List<Volume> k8sVolumes) {
    public Deployment {
      dockerBase = List.copyOf(dockerBase);
      dockerPcapng = List.copyOf(dockerPcapng);
      k8sVolumes = List.copyOf(k8sVolumes);
    }
  }

  /** A host path a Kubernetes pod mounts. */
  public record Volume(String name, String hostPath, boolean readOnly) {}

  /** The canonical mode for a name or alias ({@code pcap} is {@code pcapng}), empty when unknown. */
  public Optional<String> canonicalMode(String mode) {
    return Optional.ofNullable(mode == null ? defaultMode : modes.get(mode.trim()));
  }

  /** The capabilities eCapture needs on this kernel in this (canonical) mode; empty when no set matches. */
  public List<Capability> requiredCapabilities(KernelVersion kernel, String mode) {
    return capabilitySets.stream()
        .filter(s -> s.matches(kernel, mode))
        .findFirst()
        .map(CapabilitySet::capabilities)
        .orElse(List.of());
  }

  public String source(String reference) {
    return sources.getOrDefault(reference, reference);
  }
}
