package dev.capfleet.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: its picocli spec, the streams {@link Main} injected, the
 * environment, and {@code --debug}, which {@link Main}'s error handler reads from the command that
 * failed (so that it is accepted wherever an error can happen, and a trace is shown only when asked
 * for).
 */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /**
   * The environment {@link Main#run} was given (tests pass their own; never read System.getenv
   * here).
   */
  final Map<String, String> env() {
    return ((CapfleetCommand) spec.root().userObject()).env;
  }
}
