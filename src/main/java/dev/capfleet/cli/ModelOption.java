package dev.capfleet.cli;

import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model FILE}: a team's own requirement model instead of the bundled one. */
public final class ModelOption {
  @Option(names = "--model", paramLabel = "FILE", description = "Requirement model file (JSON or YAML) replacing the bundled one.")
  Path model;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  public RequirementModel load() {
    return model == null ? ModelLoader.bundled() : ModelLoader.load(model);
  }

  /** The canonical mode for a user's word, or a usage error listing the valid ones. */
  public static String mode(RequirementModel m, String mode, String where) {
    return m.canonicalMode(mode).orElseThrow(() -> new UsageException(
        where + ": unknown mode '" + dev.capfleet.probe.ProbeScript.printable(mode) + "' (valid: "
            + String.join(", ", new java.util.TreeSet<>(m.modes().keySet())) + ")"));
  }
}
