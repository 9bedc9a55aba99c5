package dev.capfleet.cli;

import dev.capfleet.model.ModelException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point: builds the picocli command tree with injected streams and maps every failure to an
 * exit code.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err, System.getenv());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line; everything it prints goes to {@code out} and {@code err}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cli = new CommandLine(new CapfleetCommand(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          String secret = SecretArguments.firstSecretOption(a);
          err.println(
              "capfleet: "
                  + shown(secret == null ? UsageMessages.of(ex) : SecretArguments.refusal(secret)));
          CommandLine c = ex.getCommandLine();
          err.println(
              "Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          return ExitCode.USAGE.code();
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          // the failed command's own --debug (BaseCommand), not a scan of the raw arguments for the
          // word
          boolean debug = c.getCommand() instanceof BaseCommand command && command.debug;
          if (debug) {
            ex.printStackTrace(err);
          }
          if (ex instanceof UsageException || ex instanceof ModelException) {
            err.println("capfleet: " + shown(ex.getMessage()));
            return ExitCode.USAGE.code();
          }
          err.println(
              "capfleet: internal error: "
                  + shown(String.valueOf(ex))
                  + (debug ? "" : " (run with --debug for the stack trace)"));
          return ExitCode.INTERNAL.code();
        });
    return cli.execute(args);
  }

  /**
   * A message as it may reach a terminal: its lines kept, every other control character escaped.
   * Messages quote inventories, reports and hosts (a group name, a merge conflict's value), which
   * may hold escape sequences.
   */
  static String shown(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message
        .lines()
        .map(l -> dev.capfleet.core.HostText.printable(l, 4000))
        .collect(java.util.stream.Collectors.joining("\n"));
  }
}
