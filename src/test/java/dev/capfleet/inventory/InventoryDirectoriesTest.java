package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inventory directories with group_vars/ and host_vars/ (two published by ansible/ansible-examples,
 * one shop layout with several -i, a host list and a playbook directory), compared with the
 * recorded and with the live {@code ansible-inventory --list} (see
 * src/test/resources/inventory-dirs/README.md).
 */
class InventoryDirectoriesTest {
  private static final Path FIXTURES =
      Path.of("src/test/resources/inventory-dirs").toAbsolutePath();

  @TempDir
  Path cwd; // an empty current directory: ansible-inventory reads group_vars beside it when no

  // --playbook-dir

  private record Case(String name, List<String> sources, Path playbookDir) {}

  private List<Case> cases() {
    return List.of(
        new Case("lamp_haproxy", List.of(FIXTURES.resolve("lamp_haproxy").toString()), null),
        new Case("mongodb", List.of(FIXTURES.resolve("mongodb").toString()), null),
        new Case("tabs", List.of(FIXTURES.resolve("tabs").toString()), null),
        new Case("tagged", List.of(FIXTURES.resolve("tagged").toString()), null),
        new Case("unicode-spaces", List.of(FIXTURES.resolve("unicode-spaces").toString()), null),
        new Case("broken-file", List.of(FIXTURES.resolve("broken-file").toString()), null),
        new Case(
            "shop",
            List.of(
                FIXTURES.resolve("shop/inventory").toString(),
                FIXTURES.resolve("shop/extra-hosts").toString(),
                "adhoc1,adhoc2:2201,"),
            FIXTURES.resolve("shop/playbooks")));
  }

  private JsonNode capfleet(Case c) {
    return InventoryJson.list(
        InventorySources.load(c.sources(), c.playbookDir() == null ? cwd : c.playbookDir()));
  }

  @Test
  void matchesTheRecordedAnsibleInventoryOutput() throws Exception {
    for (Case c : cases()) {
      JsonNode expected =
          JsonSemantics.MAPPER.readTree(FIXTURES.resolve(c.name() + ".ansible-list.json").toFile());
      JsonSemantics.assertSameInventory(expected, capfleet(c), c.name());
    }
  }

  @Test
  void matchesTheLiveAnsibleInventory() throws Exception {
    Path ansible = GeneratedInventoryTest.ansibleInventory();
    Path emptyCfg = Files.writeString(cwd.resolve("empty.cfg"), "");
    for (Case c : cases()) {
      List<String> cmd = new ArrayList<>(List.of(ansible.toString()));
      c.sources().forEach(s -> cmd.addAll(List.of("-i", s)));
      if (c.playbookDir() != null) {
        cmd.addAll(List.of("--playbook-dir", c.playbookDir().toString()));
      }
      cmd.add("--list");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
      pb.environment().put("ANSIBLE_CONFIG", emptyCfg.toString());
      pb.environment().put("ANSIBLE_LOCAL_TEMP", cwd.resolve("ansible-tmp").toString());
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("ansible-inventory failed on " + c.name());
      }
      JsonSemantics.assertSameInventory(
          JsonSemantics.MAPPER.readTree(out), capfleet(c), c.name() + " (live)");
    }
  }

  @Test
  void aFileThatDoesNotParseIsAWarningNamingFileAndLine() {
    Inventory inv = InventorySources.load(List.of(FIXTURES.resolve("broken-file").toString()), cwd);
    List<String> skipped =
        inv.warnings().stream().filter(w -> w.startsWith("Unable to parse ")).toList();
    assertEquals(3, skipped.size(), String.join("\n", inv.warnings()));
    assertTrue(
        skipped
            .get(0)
            .contains(FIXTURES.resolve("broken-file/20-bad.yml") + ":5: YAML syntax error"),
        skipped.get(0));
    assertTrue(
        skipped.get(1).contains(FIXTURES.resolve("broken-file/30-badini") + ":3: "),
        skipped.get(1));
    assertTrue(skipped.get(2).contains("40-bad.json"), skipped.get(2));
    // a single -i file that does not parse stays an error, as capfleet has no other source then
    assertThrows(
        InventoryException.class,
        () ->
            InventorySources.load(
                List.of(FIXTURES.resolve("broken-file/30-badini").toString()), cwd));
  }
}
