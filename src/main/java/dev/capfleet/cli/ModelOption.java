package dev.capfleet.cli;

import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import picocli.CommandLine.Option;

/** {@code --model verified|documented|FILE}: which requirement model scores the hosts. */
public final class ModelOption {
  @Option(
      names = "--model",
      paramLabel = "verified|documented|FILE",
      description =
          "Requirement model: verified (default: what the kernel and eCapture's code require), documented "
              + "(eCapture's docs as written), or a model file (JSON or YAML).")
  String model;

  public RequirementModel load() {
    return model == null ? ModelLoader.verified() : ModelLoader.named(model);
  }

  /** The canonical mode for a user's word, or a usage error listing the valid ones. */
  public static String mode(RequirementModel m, String mode, String where) {
    return m.canonicalMode(mode)
        .orElseThrow(
            () ->
                new UsageException(
                    where
                        + ": unknown mode '"
                        + dev.capfleet.core.HostText.printable(mode)
                        + "' (valid: "
                        + String.join(", ", new java.util.TreeSet<>(m.modes().keySet()))
                        + ")"));
  }
}
