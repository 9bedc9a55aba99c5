package dev.capfleet.cli;

import dev.capfleet.report.ConsoleSummary;
import picocli.CommandLine.Option;

/**
 * {@code -q} and {@code -v}, as in ansible-playbook: quiet prints errors and one result line,
 * verbose every host.
 */
public final class Verbosity {
  @Option(
      names = {"-q", "--quiet"},
      description = "Print only errors and the one-line result (no progress, no tables).")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "List every host with its whole reason and failed findings.")
  boolean[] verbose = new boolean[0];

  ConsoleSummary.Detail detail() {
    if (quiet && verbose.length > 0) {
      throw new UsageException("-q and -v: choose one");
    }
    return quiet
        ? ConsoleSummary.Detail.QUIET
        : verbose.length > 0 ? ConsoleSummary.Detail.VERBOSE : ConsoleSummary.Detail.NORMAL;
  }
}
