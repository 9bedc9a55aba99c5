package dev.capfleet.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code capfleet} command; subcommands do the work. */
@Command(
    name = "capfleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Can eCapture run on each host with the fewest privileges, and what must change where it cannot?",
    subcommands = {
      ScanCommand.class,
      CheckCommand.class,
      DemoCommand.class,
      InventoryCommand.class,
      ExplainCommand.class,
      RemediateCommand.class,
      DiffCommand.class,
      MergeCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every host READY or READY_WITH_WARNINGS",
      "2:usage or input error",
      "3:at least one host NOT_READY or INCONCLUSIVE",
      "4:at least one host UNREACHABLE",
      "1:internal error",
      "130:interrupted by Ctrl-C (143 for SIGTERM): the report of the hosts done so far is written"
    })
public final class CapfleetCommand implements Runnable {
  final Map<String, String> env;

  @Spec CommandSpec spec;

  CapfleetCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
