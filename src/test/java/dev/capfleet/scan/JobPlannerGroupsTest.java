package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capfleet.inventory.Inventory;
import dev.capfleet.inventory.InventoryLoader;
import dev.capfleet.model.ModelLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobPlannerGroupsTest {
  private static final JobPlanner PLANNER =
      new JobPlanner(
          ModelLoader.bundled(),
          new JobPlanner.Defaults(
              "/usr/local/bin/ecapture", "text", "readiness", null, null, null));

  @Test
  void plansEachHostWithAnsiblesGroupNames() {
    Inventory inv =
        InventoryLoader.parse(
            Path.of("hosts.ini"),
            String.join(
                "\n",
                "lone",
                "[web]",
                "web1",
                "[db]",
                "db1",
                "web1",
                "[prod:children]",
                "web",
                "db",
                ""));
    assertEquals(
        List.of("db", "prod", "web"), PLANNER.plan(inv.host("web1").orElseThrow()).plan().groups());
    assertEquals(
        List.of("db", "prod"), PLANNER.plan(inv.host("db1").orElseThrow()).plan().groups());
    assertEquals(
        List.of("ungrouped"), PLANNER.plan(inv.host("lone").orElseThrow()).plan().groups());
  }

  @Test
  void aHostThatCannotBePlannedStillCarriesItsGroups() {
    Inventory inv = InventoryLoader.parse(Path.of("hosts.ini"), "[web]\nweb1 ansible_port=99999\n");
    HostPlan plan = PLANNER.plan(inv.host("web1").orElseThrow()).plan();
    assertEquals(List.of("web"), plan.groups(), plan.problem());
  }

  @Test
  void aVaultedConnectionVariableIsThatHostsErrorNotTheFleets() {
    Inventory inv =
        InventoryLoader.parse(
            Path.of("hosts.yml"),
            String.join(
                "\n",
                "all:",
                "  hosts:",
                "    secret:",
                "      ansible_user: !vault |",
                "        $ANSIBLE_VAULT;1.1;AES256",
                "        6162636465",
                "    plain:",
                "      ansible_user: ops",
                ""));
    HostPlan secret = PLANNER.plan(inv.host("secret").orElseThrow()).plan();
    assertEquals(
        "host secret: ansible_user is vault-encrypted (!vault); capfleet never decrypts vaults, so set it "
            + "in plain text (or with -u, --private-key, ssh_config)",
        secret.problem());
    // the plan (and so the report) names the default user, never the ciphertext
    assertEquals(null, secret.user());
    assertEquals(null, PLANNER.plan(inv.host("plain").orElseThrow()).plan().problem());
  }

  @Test
  void theReportOfARefusedHostKeepsItsGroups() {
    Inventory inv = InventoryLoader.parse(Path.of("hosts.ini"), "[web]\nweb1 ansible_port=99999\n");
    HostPlan plan = PLANNER.plan(inv.host("web1").orElseThrow()).plan();
    var report = new HostAuditor(ModelLoader.bundled()).refused(plan);
    assertEquals(List.of("web"), report.groups());
  }
}
