package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.cli.CliErrorsTest.Run;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What every command shares (BaseCommand): {@code --debug} accepted by each, read by the one that
 * failed.
 */
class DebugOptionTest {
  @Test
  void everyCommandAcceptsDebug() {
    CommandLine root = new CommandLine(new CapfleetCommand(Map.of()));
    for (String name : root.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue; // picocli's own help command takes only a command name
      }
      Run r = CliErrorsTest.run(name, "--debug", "--help");
      assertEquals(0, r.exit(), name + " refuses --debug: " + r);
    }
  }

  @Test
  void debugShowsTheTraceBesideTheMessageAndOnlyThen() {
    Run plain = CliErrorsTest.run("inventory", "--list", "-i", "/nonexistent/hosts.ini");
    assertEquals(2, plain.exit(), plain.toString());
    assertTrue(plain.err().contains("capfleet: "), plain.err());
    assertFalse(plain.err().contains("\tat "), "no trace without --debug: " + plain.err());

    Run debug = CliErrorsTest.run("inventory", "--list", "-i", "/nonexistent/hosts.ini", "--debug");
    assertEquals(2, debug.exit(), debug.toString());
    assertTrue(
        debug.err().contains("UsageException") && debug.err().contains("\tat dev.capfleet.cli."),
        "the trace with --debug: " + debug.err());
    // the same one-line message as without --debug follows the trace
    assertTrue(debug.err().endsWith(plain.err()), debug.err());
  }

  @Test
  void demoForksHasScansRange() {
    for (String forks : new String[] {"0", "10001"}) {
      Run demo = CliErrorsTest.run("demo", "--forks", forks);
      Run scan = CliErrorsTest.run("scan", "-i", "/nonexistent", "--forks", forks);
      assertEquals(2, demo.exit(), demo.toString());
      assertTrue(
          demo.err().contains("--forks: must be between 1 and 10000, not " + forks), demo.err());
      assertTrue(
          scan.err().contains("--forks: must be between 1 and 10000, not " + forks), scan.err());
    }
  }
}
