package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.ProbeGap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe runs on production hosts at every scan: it must print the same under dash, bash and
 * busybox sh, and start only the commands no builtin can replace. Processes are counted for real,
 * by strace's execve trace.
 */
class ProbeFootprintTest {
  private static final Pattern EXEC = Pattern.compile("execve\\(\"([^\"]+)\".*\\) = 0");

  /**
   * The commands the probe may start, each at most once: grep reads the /proc and /sys files (dash
   * and busybox read one byte per read(2)); uname runs only before Linux 6.1, readlink only for a
   * symlinked binary, id only when capsh cannot name the account.
   */
  private static final List<String> ALLOWED =
      List.of("id", "stat", "getcap", "capsh", "grep", "uname", "readlink");

  @TempDir Path tmp;

  private List<String> started(List<String> shell, StringBuilder output) throws IOException {
    return started(shell, "/usr/bin/ls", output);
  }

  private List<String> started(List<String> shell, String binary, StringBuilder output)
      throws IOException {
    Shells.require("strace");
    Path trace = tmp.resolve("trace");
    String script = new String(ProbeScript.bytes(), StandardCharsets.UTF_8);
    output.append(
        Shells.run(
            List.of(
                "strace",
                "-f",
                "-qq",
                "-e",
                "trace=execve",
                "-e",
                "signal=none",
                "-o",
                trace.toString()),
            shell,
            script,
            binary));
    List<String> commands = new ArrayList<>();
    for (String line : Files.readAllLines(trace)) {
      Matcher m = EXEC.matcher(line);
      if (m.find()) {
        commands.add(Path.of(m.group(1)).getFileName().toString());
      }
    }
    // the first execs are setpriv (when root) and the shell itself
    while (!commands.isEmpty() && !commands.get(0).equals(shell.get(0))) {
      commands.remove(0);
    }
    return commands.subList(1, commands.size());
  }

  @Test
  void startsAtMostFourCommandsAndPrintsTheSameInEveryShell() throws IOException {
    java.util.Map<String, Section> first = null;
    for (List<String> shell : Shells.ALL) {
      StringBuilder out = new StringBuilder();
      List<String> commands = started(shell, out);
      String where = String.join(" ", shell) + " started " + commands;
      assertTrue(ALLOWED.containsAll(commands), where);
      assertEquals(commands.size(), commands.stream().distinct().count(), where);
      assertTrue(commands.size() <= 4, where);
      assertTrue(!commands.contains("id"), where + ": the stat of the binary names the account");
      assertEquals(1, commands.stream().filter("grep"::equals).count(), where + ": one grep");
      assertTrue(out.toString().contains("@@CAPFLEET " + Shells.NONCE + " done"), where);
      // compared as the scanner reads it: the lines of grep's own /proc/self/status that hold its
      // pid
      // and memory are dropped there
      var sections = ProbeOutput.parse(out.toString(), Shells.NONCE).sections();
      if (first == null) {
        first = sections;
      } else {
        assertEquals(first, sections, String.join(" ", shell));
      }
    }
  }

  /**
   * Most hosts of a readiness check do not have the binary yet: for an absent one, stat and getcap
   * would only say so, and are not started; the scanner reads the probe's own line as they would
   * have said it.
   */
  @Test
  void startsNeitherStatNorGetcapForAnAbsentBinary() throws IOException {
    String absent = "/usr/local/bin/capfleet-test-absent-binary";
    for (List<String> shell : Shells.ALL) {
      StringBuilder out = new StringBuilder();
      List<String> commands = started(shell, absent, out);
      assertEquals(List.of("grep", "capsh"), commands, String.join(" ", shell));
      HostFacts facts =
          FactsCollector.collect(ProbeOutput.parse(out.toString(), Shells.NONCE), absent);
      assertEquals(false, facts.binaryPresent());
      assertEquals(
          new GetcapResult.FileMissing(absent + " does not exist"), facts.getcap(), out.toString());
      assertEquals("binary does not exist", facts.gaps().get(ProbeGap.BINARY_STAT.label()));
    }
  }

  /** The account comes from capsh's uid= and gid= lines, as id's first two words. */
  @Test
  void capshNamesTheAccountAsIdDoes() throws IOException {
    for (List<String> shell : Shells.ALL) {
      String out =
          Shells.run(
              List.of(),
              shell,
              Shells.probeFunctions() + "caps_print\nsection id account\nid\n",
              "/x");
      String id = out.substring(out.lastIndexOf('\n', out.length() - 2) + 1);
      String[] words = id.split(" ");
      assertEquals(
          new Section("id", 0, words[0] + " " + words[1] + "\n", false),
          ProbeOutput.parse(out, Shells.NONCE).section("id").orElseThrow(),
          String.join(" ", shell));
    }
  }

  /** capsh's "(???)" for a uid without a name, or no capsh at all: id runs, as it did before. */
  @Test
  void idRunsWhereCapshCannotNameTheAccount() throws IOException {
    for (String capsh :
        List.of(
            "cs_out='uid=4242(???) euid=4242(???)\ngid=4242(???)'; cs_rc=0",
            "cs_out='capfleet: capsh not found'; cs_rc=127")) {
      for (List<String> shell : Shells.ALL) {
        String out =
            Shells.run(
                List.of(),
                shell,
                Shells.probeFunctions() + capsh + "\nsection id account\nid\n",
                "/x");
        String id = out.substring(out.lastIndexOf('\n', out.length() - 2) + 1);
        assertEquals(
            new Section("id", 0, id, false),
            ProbeOutput.parse(out, Shells.NONCE).section("id").orElseThrow(),
            shell + " " + capsh);
      }
    }
  }
}
