package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.capfleet.model.ModelLoader;
import dev.capfleet.report.JsonReports;
import dev.capfleet.report.PlayHosts;
import dev.capfleet.report.Processes;
import dev.capfleet.report.ScanReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playbook of a 400-host demo scan: one play per action (plus guidance and cleanup), not one
 * per host. Before the actions became model data it had 657 plays and 14,043 lines, and ran host
 * after host.
 */
class DemoPlaybookSizeTest {
  private static final int PLAYS_BEFORE = 657;
  private static final int LINES_BEFORE = 14_043;

  @TempDir Path dir;

  @Test
  void fourHundredHostPlaybookHasOnePlayPerActionAndAFractionOfTheLines() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int scan =
        Main.run(
            new String[] {
              "demo",
              "--hosts",
              "400",
              "--out",
              dir.toString(),
              "--name",
              "demo",
              "--format",
              "json"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of());
    assertTrue(scan == 0 || scan == 3 || scan == 4, out + "\n" + err);
    Path playbook = dir.resolve("fix.yml");
    int written =
        Main.run(
            new String[] {
              "remediate",
              dir.resolve("demo.json").toString(),
              "--format",
              "ansible",
              "-o",
              playbook.toString()
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of());
    assertEquals(0, written, err.toString());
    List<String> lines = Files.readAllLines(playbook);
    long plays = lines.stream().filter(l -> l.startsWith("- name: ")).count();
    int actions = ModelLoader.bundled().actions().size();
    System.out.printf(
        "400 demo hosts: %d plays, %d lines (before: %d plays, %d lines)%n",
        plays, lines.size(), PLAYS_BEFORE, LINES_BEFORE);
    assertTrue(plays >= 2 && plays <= actions + 2, plays + " plays for " + actions + " actions");
    assertTrue(lines.size() * 4 < LINES_BEFORE, lines.size() + " lines");
    // with an inventory that has the report's groups, as the scanned one does
    ScanReport report = JsonReports.read(dir.resolve("demo.json"));
    Path inventory = PlayHosts.inventory(dir, report);
    Processes.Run check =
        Processes.run(
            dir,
            Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString()),
            List.of(
                Processes.require("ansible-playbook").toString(),
                "--syntax-check",
                "-i",
                inventory.toString(),
                playbook.toString()));
    assertEquals(0, check.exit(), check.output());
    // each play reaches exactly the hosts it has values for, though it may name groups
    JsonNode parsed = new YAMLMapper().readTree(playbook.toFile());
    Map<String, TreeSet<String>> listed = PlayHosts.list(dir, inventory, playbook);
    long groupPatterns = 0;
    for (JsonNode p : parsed) {
      TreeSet<String> targets = new TreeSet<>();
      p.get("vars").get("capfleet_targets").fieldNames().forEachRemaining(targets::add);
      assertEquals(targets, listed.get(p.get("name").asText()), p.get("name").asText());
      for (JsonNode h : p.get("hosts")) {
        groupPatterns += targets.contains(h.asText()) ? 0 : 1;
      }
    }
    System.out.printf("400 demo hosts: %d host patterns are groups%n", groupPatterns);
  }
}
