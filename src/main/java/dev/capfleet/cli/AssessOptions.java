package dev.capfleet.cli;

import dev.capfleet.core.BinaryPath;
import dev.capfleet.core.HostText;
import dev.capfleet.model.RequirementModel;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * {@code --binary}, {@code --mode}, {@code --purpose}, {@code --window-until}: what to check on
 * each host.
 */
public final class AssessOptions {
  @Option(
      names = "--binary",
      paramLabel = "PATH",
      description =
          "eCapture path on the hosts (default: ecapture_path, else the model's /usr/local/bin/ecapture).")
  String binary;

  @Option(
      names = "--mode",
      description = "Output mode: text, keylog, pcapng (default: ecapture_mode, else text).")
  String mode;

  @Option(
      names = "--module",
      description =
          "eCapture module: tls (default), gotls, gnutls, nss, bash, zsh, mysqld, "
              + "postgres (default: ecapture_module, else tls).")
  String module;

  @Option(
      names = "--purpose",
      description = "readiness (default) or compliance (flags capabilities left set).")
  String purpose = "readiness";

  @Option(
      names = "--window-until",
      paramLabel = "INSTANT",
      description =
          "End of an approved capture window (ISO-8601, e.g. 2026-12-01T18:00:00Z); with compliance, "
              + "capabilities set before then are not flagged. Hosts may set ecapture_window_until.")
  String windowUntil;

  String binary(RequirementModel model) {
    String b = binary == null ? model.defaultBinary() : binary;
    String problem = BinaryPath.problem(b);
    if (problem != null) {
      throw new UsageException("--binary: " + problem);
    }
    return b;
  }

  /** The canonical module, or a usage error listing the valid ones; null when not given. */
  String module(RequirementModel model) {
    if (module == null) {
      return null;
    }
    return model
        .canonicalModule(module)
        .orElseThrow(
            () ->
                new UsageException(
                    "--module: unknown module '"
                        + HostText.printable(module)
                        + "' (valid: "
                        + String.join(", ", new java.util.TreeSet<>(model.modules().keySet()))
                        + ")"));
  }

  String purpose() {
    if (!purpose.equals("readiness") && !purpose.equals("compliance")) {
      throw new UsageException(
          "--purpose: must be readiness or compliance, not '" + HostText.printable(purpose) + "'");
    }
    return purpose;
  }

  Instant windowUntil() {
    return windowUntil == null ? null : parseInstant(windowUntil, "--window-until");
  }

  static Instant parseInstant(String text, String where) {
    try {
      return Instant.parse(text.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new UsageException(
          where
              + ": not an ISO-8601 instant like 2026-12-01T18:00:00Z: '"
              + HostText.printable(text)
              + "'");
    }
  }
}
