package dev.capfleet.model;

import dev.capfleet.core.Capability;
import dev.capfleet.core.KernelVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders deployment snippets (setcap, Docker, Kubernetes) from the model's data for one kernel,
 * mode and module. setcap gets the least-privilege set; containers get the CAP_SYS_ADMIN set where
 * the model accepts one, since an image runs on whatever kernel its node has, and the uprobe revert
 * makes CAP_PERFMON insufficient on most.
 */
public final class Snippets {
  /** The image eCapture publishes. */
  public static final String IMAGE = "gojue/ecapture:latest";

  private final RequirementModel model;
  private final String module;

  public Snippets(RequirementModel model) {
    this(model, null);
  }

  public Snippets(RequirementModel model, String module) {
    this.model = model;
    this.module = module == null ? model.defaultModule() : module;
  }

  public String module() {
    return module;
  }

  private java.util.Optional<CapabilitySet> set(KernelVersion kernel, String mode) {
    return model.capabilitySet(
        new KernelTraits(kernel, null, model.revertFromVersion(kernel)), mode, module);
  }

  /** The least-privilege set, with the memlock capability where the model names one. */
  public List<Capability> setcapCapabilities(KernelVersion kernel, String mode) {
    return set(kernel, mode)
        .map(
            s -> {
              LinkedHashSet<Capability> caps = new LinkedHashSet<>(s.capabilities());
              if (s.memlock() != null) {
                caps.add(s.memlock());
              }
              return List.copyOf(caps);
            })
        .orElse(List.of());
  }

  /**
   * The set a container gets: the first accepted set holding CAP_SYS_ADMIN, else the
   * least-privilege one.
   */
  public List<Capability> containerCapabilities(KernelVersion kernel, String mode) {
    return set(kernel, mode)
        .map(
            s ->
                s.accepted().stream()
                    .filter(a -> a.contains(Capability.CAP_SYS_ADMIN))
                    .findFirst()
                    .orElse(s.capabilities()))
        .orElse(List.of());
  }

  /**
   * {@code sudo setcap 'cap_sys_admin,cap_sys_resource=eip' BIN}, numeric for libcap before 2.43.
   */
  public String setcap(
      KernelVersion kernel, String mode, String binary, boolean libcapKnowsNewNames) {
    String caps =
        setcapCapabilities(kernel, mode).stream()
            .map(c -> c.setcapToken(libcapKnowsNewNames))
            .collect(Collectors.joining(","));
    return "sudo setcap '" + caps + "=eip' " + binary;
  }

  public String docker(KernelVersion kernel, String mode) {
    List<String> args = new ArrayList<>();
    args.add("docker run --rm");
    for (Capability c : containerCapabilities(kernel, mode)) {
      args.add("--cap-add=" + c.shortName());
    }
    args.addAll(model.deployment().dockerMemlock());
    args.addAll(model.deployment().dockerBase());
    if (mode.equals("pcapng")) {
      args.addAll(model.deployment().dockerPcapng());
    }
    args.add(IMAGE);
    args.add(command(mode));
    String note = model.deployment().dockerNote();
    return String.join(" \\\n  ", args) + (note.isBlank() ? "" : "\n# " + note);
  }

  private String command(String mode) {
    return mode.equals("pcapng")
        ? module + " -m pcapng -w /tmp/capture.pcapng"
        : module + " -m " + mode;
  }

  public String kubernetes(KernelVersion kernel, String mode) {
    RequirementModel.Deployment d = model.deployment();
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: ecapture\nspec:\n");
    if (d.k8sHostPid()) {
      y.append("  hostPID: true\n");
    }
    if (mode.equals("pcapng") && d.k8sPcapngHostNetwork()) {
      y.append("  hostNetwork: true\n");
    }
    y.append("  containers:\n    - name: ecapture\n      image: ").append(IMAGE).append('\n');
    y.append("      args: [\"")
        .append(module)
        .append("\", \"-m\", \"")
        .append(mode)
        .append("\"]\n");
    LinkedHashSet<Capability> caps = new LinkedHashSet<>(containerCapabilities(kernel, mode));
    if (d.k8sMemlockCapability()) {
      // Kubernetes has no per-pod memlock limit setting: the container raises its own with
      // CAP_SYS_RESOURCE
      set(kernel, mode).map(CapabilitySet::memlock).ifPresent(caps::add);
    }
    y.append(
        "      securityContext:\n        privileged: false\n        capabilities:\n          add: [");
    y.append(caps.stream().map(Capability::shortName).collect(Collectors.joining(", ")));
    y.append("]\n");
    if (!d.k8sVolumes().isEmpty()) {
      y.append("      volumeMounts:\n");
      for (RequirementModel.Volume v : d.k8sVolumes()) {
        y.append("        - name: ")
            .append(v.name())
            .append("\n          mountPath: ")
            .append(v.hostPath())
            .append("\n          readOnly: ")
            .append(v.readOnly())
            .append('\n');
      }
      y.append("  volumes:\n");
      for (RequirementModel.Volume v : d.k8sVolumes()) {
        y.append("    - name: ")
            .append(v.name())
            .append("\n      hostPath:\n        path: ")
            .append(v.hostPath())
            .append('\n');
      }
    }
    return y.toString();
  }
}
