package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.model.ModelLoader;
import dev.capfleet.report.Processes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playbook of a 400-host demo scan: one play per action (plus guidance and cleanup), not one per host. Before
 * the actions became model data it had 657 plays and 14,043 lines, and ran host after host.
 */
class DemoPlaybookSizeTest {
  private static final int PLAYS_BEFORE = 657;
  private static final int LINES_BEFORE = 14_043;

  @TempDir
  Path dir;

  @Test
  void fourHundredHostPlaybookHasOnePlayPerActionAndAFractionOfTheLines() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int scan = Main.run(new String[] {"demo", "--hosts", "400", "--out", dir.toString(), "--name", "demo",
        "--format", "json"}, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    assertTrue(scan == 0 || scan == 3 || scan == 4, out + "\n" + err);
    Path playbook = dir.resolve("fix.yml");
    int written = Main.run(new String[] {"remediate", dir.resolve("demo.json").toString(), "--format", "ansible",
        "-o", playbook.toString()}, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    assertEquals(0, written, err.toString());
    List<String> lines = Files.readAllLines(playbook);
    long plays = lines.stream().filter(l -> l.startsWith("- name: ")).count();
    int actions = ModelLoader.bundled().actions().size();
    System.out.printf("400 demo hosts: %d plays, %d lines (before: %d plays, %d lines)%n", plays, lines.size(),
        PLAYS_BEFORE, LINES_BEFORE);
    assertTrue(plays >= 2 && plays <= actions + 2, plays + " plays for " + actions + " actions");
    assertTrue(lines.size() * 4 < LINES_BEFORE, lines.size() + " lines");
    Processes.Run check = Processes.run(dir, Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_LOCAL_TEMP",
        dir.resolve("tmp").toString()), List.of(Processes.require("ansible-playbook").toString(), "--syntax-check",
        "-i", "localhost,", playbook.toString()));
    assertEquals(0, check.exit(), check.output());
  }
}
