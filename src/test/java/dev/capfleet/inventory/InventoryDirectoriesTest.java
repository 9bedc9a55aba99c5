package dev.capfleet.inventory;

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
}
