package dev.capfleet.model;

import dev.capfleet.probe.Capability;
import dev.capfleet.probe.KernelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders deployment snippets (setcap, Docker, Kubernetes) from the model's data for one kernel and mode. */
public final class Snippets {
  /** The image eCapture publishes. */
  public static final String IMAGE = "gojue/ecapture:latest";

  private final RequirementModel model;

  public Snippets(RequirementModel model) {
    this.model = model;
  }

  /** {@code sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' BIN}, numeric for libcap before 2.43. */
  public String setcap(KernelVersion kernel, String mode, String binary, boolean libcapKnowsNewNames) {
    String caps = model.requiredCapabilities(kernel, mode).stream()
        .map(c -> c.setcapToken(libcapKnowsNewNames))
        .collect(Collectors.joining(","));
    return "sudo setcap '" + caps + "=eip' " + binary;
  }

  public String docker(KernelVersion kernel, String mode) {
    List<String> args = new ArrayList<>();
    args.add("docker run --rm");
    for (Capability c : model.requiredCapabilities(kernel, mode)) {
      args.add("--cap-add=" + c.shortName());
    }
    args.addAll(model.deployment().dockerBase());
    if (mode.equals("pcapng")) {
      args.addAll(model.deployment().dockerPcapng());
    }
    args.add(IMAGE);
    args.add(mode.equals("pcapng") ? "tls -m pcapng -w /tmp/capture.pcapng" : "tls -m " + mode);
    String note = model.deployment().dockerNote();
    return String.join(" \\\n  ", args) + (note.isBlank() ? "" : "\n# " + note);
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
    y.append("      args: [\"tls\", \"-m\", \"").append(mode).append("\"]\n");
    y.append("      securityContext:\n        privileged: false\n        capabilities:\n          add: [");
    y.append(model.requiredCapabilities(kernel, mode).stream().map(Capability::shortName)
        .collect(Collectors.joining(", ")));
    y.append("]\n");
    if (!d.k8sVolumes().isEmpty()) {
      y.append("      volumeMounts:\n");
      for (RequirementModel.Volume v : d.k8sVolumes()) {
        y.append("        - name: ").append(v.name()).append("\n          mountPath: ").append(v.hostPath())
            .append("\n          readOnly: ").append(v.readOnly()).append('\n');
      }
      y.append("  volumes:\n");
      for (RequirementModel.Volume v : d.k8sVolumes()) {
        y.append("    - name: ").append(v.name()).append("\n      hostPath:\n        path: ").append(v.hostPath())
            .append('\n');
      }
    }
    return y.toString();
  }
}
