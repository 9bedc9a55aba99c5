package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Inventory and Host API on top of the parsers. */
class InventoryTest {
  private static Inventory fixture(String name) throws Exception {
    return InventoryLoader.load(InventoryGoldenTest.fixtures().resolve(name));
  }

  @Test
  void listsEveryHostOnceWithAllItsGroups() throws Exception {
    Inventory inventory = fixture("basic.ini");
    List<String> names = inventory.hosts().stream().map(Host::name).toList();
    assertEquals(names.size(), names.stream().distinct().count());
    Host web2 = inventory.host("web2.example.com").orElseThrow();
    assertEquals(List.of("all", "prod", "web"), web2.groups());
    assertEquals(List.of("all", "ungrouped"), inventory.host("loose").orElseThrow().groups());
  }

  @Test
  void mergesVariablesHostOverChildOverParentOverAll() throws Exception {
    Inventory inventory = fixture("basic.ini");
    Host web2 = inventory.host("web2.example.com").orElseThrow();
    assertEquals("frontend", web2.var("role").orElseThrow());
    assertEquals("production", web2.var("env").orElseThrow());
    assertEquals("admin", web2.var("ansible_user").orElseThrow());
    assertEquals(
        "ops",
        inventory.host("bastion.example.com").orElseThrow().var("ansible_user").orElseThrow());
    assertEquals(8080L, web2.value("http_port").orElseThrow());
    assertEquals("8080", web2.var("http_port").orElseThrow());
  }

  @Test
  void printsNonTextValuesAsAnsibleWould() {
    Host h = new Host("h", Map.of("flag", true, "list", List.of(1L, "a")), List.of("all"));
    assertEquals("True", h.var("flag").orElseThrow());
    assertEquals("[1, 'a']", h.var("list").orElseThrow());
    assertTrue(h.var("missing").isEmpty());
  }

  @Test
  void usesGroupPriorityBetweenSameDepthGroups() throws Exception {
    Host host2 = fixture("precedence.ini").host("host2").orElseThrow();
    assertEquals("prio", host2.var("abc").orElseThrow());
    assertEquals(10, fixture("precedence.ini").groups().get("prio").priority());
  }

  @Test
  void knowsGroupsDirectMembersAndDescendants() throws Exception {
    Inventory inventory = fixture("basic.ini");
    Group prod = inventory.groups().get("prod");
    assertEquals(List.of("web", "db"), prod.children());
    assertEquals(List.of(), prod.hosts());
    assertEquals(1, prod.depth());
    assertEquals(
        List.of("web1.example.com", "web2.example.com", "web3.example.com", "db1", "db2"),
        inventory.hostsOf("prod").stream().map(Host::name).toList());
    assertTrue(inventory.hostsOf("nope").isEmpty());
  }

  @Test
  void readsExtensionlessFileAsYamlWhenItIsAMapping() throws Exception {
    assertEquals(
        List.of("y1", "y2"),
        fixture("yaml-inventory").hostsOf("grp").stream().map(Host::name).toList());
    assertEquals(
        List.of("alpha", "beta1"), fixture("hosts").hosts().stream().map(Host::name).toList());
  }

  @Test
  void readsYamlFileThatIsNoMappingAsIni() {
    Inventory inventory = InventoryLoader.parse(Path.of("scalar.yml"), "host1\nhost2 a=1\n");
    assertEquals(List.of("host1", "host2"), inventory.hosts().stream().map(Host::name).toList());
    assertEquals(1L, inventory.host("host2").orElseThrow().value("a").orElseThrow());
  }

  @Test
  void keepsUnsafeAndVaultValuesAsText() {
    Inventory inventory =
        InventoryLoader.parse(
            Path.of("inv.yml"),
            "all:\n  hosts:\n    h:\n      u: !unsafe '{{ x }}'\n"
                + "      s: !vault |\n        $ANSIBLE_VAULT;1.1;AES256\n        3031\n");
    Host h = inventory.host("h").orElseThrow();
    assertEquals("{{ x }}", h.var("u").orElseThrow());
    assertEquals("$ANSIBLE_VAULT;1.1;AES256\n3031\n", h.var("s").orElseThrow());
    assertEquals(TaggedText.unsafe("{{ x }}"), h.value("u").orElseThrow());
    assertEquals(TaggedText.vault("$ANSIBLE_VAULT;1.1;AES256\n3031\n"), h.value("s").orElseThrow());
  }

  @Test
  void refusesAVaultOnAnythingButAScalar() {
    // ansible-inventory: "expected a scalar node, but found sequence"; the file does not load
    InventoryException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InventoryException.class,
            () ->
                InventoryLoader.parse(
                    Path.of("inv.yml"), "all:\n  hosts:\n    h:\n      b: !vault [a]\n"));
    assertTrue(e.getMessage().contains("inv.yml"), e.getMessage());
    assertTrue(e.getMessage().contains("!vault needs a scalar"), e.getMessage());
  }

  @Test
  void warnsAboutSkippedYamlKeysLikeAnsible() {
    Inventory inventory =
        InventoryLoader.parse(Path.of("inv.yml"), "web:\n  hostz:\n    a:\nbad: 3\n");
    assertEquals(
        List.of(
            "Skipping unexpected key (hostz) in group (web), only \"vars\", \"children\" and \"hosts\" are valid",
            "Skipping 'bad' as this is not a valid group definition"),
        inventory.warnings());
  }

  @Test
  void drawsTheGraphWithoutVars() throws Exception {
    assertEquals(
        String.join(
            "\n", "@all:", "  |--@ungrouped:", "  |  |--alpha", "  |--@beta:", "  |  |--beta1"),
        InventoryJson.graph(fixture("hosts")));
  }
}
