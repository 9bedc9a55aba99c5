package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The probe runs on production hosts at every scan: it must print the same under dash, bash and busybox sh, and
 * start only the commands no builtin can replace. Processes are counted for real, by strace's execve trace.
 */
class ProbeFootprintTest {
  private static final Pattern EXEC = Pattern.compile("execve\\(\"([^\"]+)\".*\\) = 0");
  /** The commands the probe may start; cat only where read cannot (numeric sysctls under dash and busybox). */
  private static final List<String> ALLOWED = List.of("stat", "getcap", "capsh", "cat", "uname", "readlink");

  @TempDir
  Path tmp;

  private List<String> started(List<String> shell, StringBuilder output) throws IOException {
    Shells.require("strace");
    Path trace = tmp.resolve("trace");
    String script = new String(ProbeScript.bytes(), StandardCharsets.UTF_8);
    output.append(Shells.run(List.of("strace", "-f", "-qq", "-e", "trace=execve", "-e", "signal=none", "-o",
        trace.toString()), shell, script, "/usr/bin/ls"));
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
  void startsAtMostFiveCommandsAndPrintsTheSameInEveryShell() throws IOException {
    String script = new String(ProbeScript.bytes(), StandardCharsets.UTF_8);
    long numericSysctls = script.lines().filter(l -> l.matches("section \\w+ read_file /proc/sys/.*")).count();
    String first = null;
    for (List<String> shell : Shells.ALL) {
      StringBuilder out = new StringBuilder();
      List<String> commands = started(shell, out);
      String where = String.join(" ", shell) + " started " + commands;
      assertTrue(ALLOWED.containsAll(commands), where);
      for (String once : List.of("stat", "getcap", "capsh", "uname", "readlink")) {
        assertTrue(commands.stream().filter(once::equals).count() <= 1, where);
      }
      if (shell.get(0).equals("bash")) {
        // bash's read fills a buffer and seeks back, so it reads every /proc and /sys file itself
        assertTrue(commands.size() <= 5 && !commands.contains("cat"), where);
      } else {
        assertTrue(commands.stream().filter("cat"::equals).count() <= numericSysctls, where);
      }
      assertTrue(out.toString().contains("@@CAPFLEET " + Shells.NONCE + " done"), where);
      if (first == null) {
        first = out.toString();
      } else {
        assertEquals(first, out.toString(), String.join(" ", shell));
      }
    }
  }
}
