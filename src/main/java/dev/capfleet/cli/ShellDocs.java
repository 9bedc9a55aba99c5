package dev.capfleet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build step (pom.xml, prepare-package): writes the bash and zsh completion scripts (picocli's
 * generator) and the man page (roff, {@link ManPage}) from the same command tree the jar parses, so
 * they cannot drift from the real flags. Not a capfleet command: run as {@code java -cp ...
 * dev.capfleet.cli.ShellDocs DIR}.
 */
public final class ShellDocs {
  private ShellDocs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ShellDocs OUTPUT_DIR");
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    CommandLine cli = new CommandLine(new CapfleetCommand(Map.of()));
    String completion = AutoComplete.bash("capfleet", cli);
    Files.writeString(dir.resolve("capfleet.bash"), completion, StandardCharsets.UTF_8);
    // picocli's script runs bashcompinit itself when zsh sources it: one script serves both shells
    Files.writeString(dir.resolve("capfleet.zsh"), completion, StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("capfleet.1"), ManPage.render(cli.getCommandSpec()), StandardCharsets.UTF_8);
  }
}
