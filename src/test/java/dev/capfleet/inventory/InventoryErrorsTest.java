package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad inventories fail with {@code file:line: message}, never a stack trace. */
class InventoryErrorsTest {
  @TempDir Path dir;

  private InventoryException loadFails(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return assertThrows(InventoryException.class, () -> InventoryLoader.load(file));
  }

  private void assertError(InventoryException e, String name, int line, String detail) {
    assertEquals(dir.resolve(name), e.file().orElseThrow());
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(detail, e.detail());
    assertEquals(dir.resolve(name) + ":" + line + ": " + detail, e.getMessage());
  }

  @Test
  void reportsUnbalancedQuotesWithFileAndLine() throws IOException {
    InventoryException e = loadFails("prod.ini", "[web]\n# x\nweb1 ansible_host=\"10.0.0.1\n");
    assertError(e, "prod.ini", 3, "unbalanced quotes in host line 'web1 ansible_host=\"10.0.0.1'");
    assertEquals(0, e.getStackTrace().length, "users never see a stack trace");
  }

  /** One bad inventory per row: what the file says, and the line and message capfleet must give. */
  static Stream<Arguments> badInventories() {
    return Stream.of(
        bad(
            "vars section of an undefined group",
            "inv.ini",
            "[web]\nw1\n\n[web:vars]\nx=1\n[ghost:vars]\ny=2\n",
            6,
            "Section [ghost:vars] not valid for undefined group: ghost"),
        bad(
            "child group never declared",
            "inv.ini",
            "[p:children]\nc1\nc2\n[c1]\n",
            3,
            "Section [p:children] includes undefined group: c2"),
        bad(
            "group loop",
            "inv.ini",
            "[a:children]\nb\n[b:children]\na\n",
            4,
            "Adding group 'a' as child to 'b' creates a recursive dependency loop."),
        bad(
            "unknown section type",
            "inv.ini",
            "[web:hostz]\n",
            1,
            "Section [web:hostz] has unknown type: hostz"),
        bad(
            "section with spaces",
            "inv.ini",
            "\n[web servers]\n",
            2,
            "Invalid section entry: '[web servers]'. "
                + "Please make sure that there are no spaces in the section entry, and that there are no other invalid "
                + "characters"),
        bad(
            "host variable without =",
            "inv.ini",
            "[web]\nweb1 port\n",
            2,
            "Expected key=value host variable assignment, got: port"),
        bad(
            "vars line without =",
            "inv.ini",
            "[web]\n[web:vars]\njustakey\n",
            3,
            "Expected key=value, got: justakey"),
        bad(
            "range with four parts",
            "inv.ini",
            "[w]\nweb[1:2:3:4]\n",
            2,
            "host range must be begin:end or begin:end:step in host line 'web[1:2:3:4]'"),
        bad(
            "range with unequal widths",
            "inv.ini",
            "[w]\nweb[01:5]\n",
            2,
            "host range must specify equal-length begin and end formats in host line 'web[01:5]'"),
        bad(
            "letter range backwards",
            "inv.ini",
            "[w]\nweb[c:a]\n",
            2,
            "host range must have begin <= end in host line 'web[c:a]'"),
        bad(
            "host ending in a colon",
            "inv.ini",
            "[w]\nweb1:\n",
            2,
            "Invalid host pattern 'web1:' supplied, "
                + "ending in ':' is not allowed, this character is reserved to provide a port."),
        bad(
            "YAML hosts as a list",
            "inv.yaml",
            "web:\n  hosts:\n    - web1\n",
            3,
            "Invalid \"hosts\" entry for \"web\" group, requires a dictionary, found \"list\" instead."),
        bad(
            "numeric YAML host name",
            "inv.yml",
            "web:\n  hosts:\n    10:\n",
            3,
            "Host pattern 10 must be a string. Enclose integers/floats in quotation marks."),
        bad(
            "inventory plugin configuration",
            "aws_ec2.yml",
            "plugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n",
            1,
            "this is an inventory plugin configuration (plugin: ...), which capfleet does not run"),
        bad(
            "group priority that is no number",
            "inv.yml",
            "web:\n  vars:\n    ansible_group_priority: high\n",
            3,
            "ansible_group_priority of group web must be an integer, got 'high'"));
  }

  private static Arguments bad(String what, String file, String text, int line, String detail) {
    return Arguments.of(Named.of(what, file), text, line, detail);
  }

  @ParameterizedTest
  @MethodSource("badInventories")
  void reportsFileLineAndMessage(String name, String text, int line, String detail)
      throws IOException {
    assertError(loadFails(name, text), name, line, detail);
  }

  @Test
  void reportsYamlSyntaxErrorAsYamlEvenIfIniCouldBeTried() throws IOException {
    InventoryException e = loadFails("inv.yml", "all:\n  hosts:\n    a: [1\n    b: 2\n");
    assertTrue(e.detail().startsWith("YAML syntax error"), e.getMessage());
    assertTrue(e.line() >= 3, e.getMessage());
  }

  @Test
  void reportsInvalidUtf8OnlyOutsideComments() throws IOException {
    Path file = dir.resolve("inv.ini");
    Files.write(
        file,
        new byte[] {'#', ' ', (byte) 0xff, '\n', '[', 'w', ']', '\n', 'h', (byte) 0xff, '\n'});
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(file));
    assertError(e, "inv.ini", 3, "line is not valid UTF-8");
  }

  @Test
  void reportsMissingFileWithoutLine() {
    Path missing = dir.resolve("nope.ini");
    InventoryException e =
        assertThrows(InventoryException.class, () -> InventoryLoader.load(missing));
    assertEquals(0, e.line());
    assertTrue(e.getMessage().startsWith(missing + ": cannot read inventory"), e.getMessage());
  }

  @Test
  void readsADirectoryAsAnsibleDoesAndWarnsAboutTheFileThatFails() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("a"), "[web]\nw1\n");
    java.nio.file.Files.writeString(dir.resolve("notes.md"), "# ignored by Ansible: .md\n");
    java.nio.file.Files.writeString(dir.resolve("b.yml"), "all:\n  hosts:\n    - not a mapping\n");
    // ansible-inventory: "[WARNING]: Unable to parse .../b.yml as an inventory source", w1 listed
    Inventory inv = InventoryLoader.load(dir);
    assertEquals(List.of("w1"), inv.hosts().stream().map(Host::name).toList());
    assertTrue(
        inv.warnings().stream()
            .anyMatch(w -> w.startsWith("Unable to parse " + dir.resolve("b.yml") + " ")),
        inv.warnings().toString());
    assertTrue(
        inv.warnings().stream().anyMatch(w -> w.contains("(" + dir.resolve("b.yml") + ":3: ")),
        inv.warnings().toString());
  }

  @Test
  void refusesAnAliasBombUnderSnakeYamlsAliasLimit() throws IOException {
    // 9 levels of 5 aliases (45 < SnakeYAML's 50) stand for about 2.4 million host names
    StringBuilder y = new StringBuilder("x0: &a0 [h1, h2, h3, h4, h5]\n");
    for (int i = 1; i <= 9; i++) {
      String prev = "*a" + (i - 1);
      y.append("x")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(5, prev)))
          .append("]\n");
    }
    y.append("all:\n  vars:\n    bomb: *a9\n  hosts:\n    web1:\n");
    long start = System.nanoTime();
    InventoryException e = loadFails("bomb.yml", y.toString());
    assertTrue(e.detail().contains("YAML aliases expand to more than"), e.getMessage());
    assertTrue(e.getMessage().startsWith(dir.resolve("bomb.yml") + ":"), e.getMessage());
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused quickly");
  }

  @Test
  void acceptsMoreThanFiftyAliasesAsLibyamlDoes() throws IOException {
    // SnakeYAML's default refuses the 51st alias; ansible-inventory reads this file with 60 groups
    // of web1
    StringBuilder y = new StringBuilder("all:\n  children:\n    g0: &g {hosts: {web1: }}\n");
    for (int i = 1; i < 60; i++) {
      y.append("    g").append(i).append(": *g\n");
    }
    Path file = dir.resolve("aliases.yml");
    Files.writeString(file, y.toString());
    Inventory inv = InventoryLoader.load(file);
    assertTrue(inv.groups().containsKey("g59"), inv.groups().keySet().toString());
    assertEquals(60, inv.hosts().get(0).groups().stream().filter(g -> g.startsWith("g")).count());
  }

  @Test
  void refusesAnAliasBombOfManyAliases() throws IOException {
    // 6 levels of 20 aliases (120, above SnakeYAML's old 50) stand for 64 million host names
    StringBuilder y = new StringBuilder("x0: &a0 [h1, h2, h3, h4]\n");
    for (int i = 1; i <= 6; i++) {
      y.append("x")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(20, "*a" + (i - 1))))
          .append("]\n");
    }
    y.append("all:\n  vars:\n    bomb: *a6\n  hosts:\n    web1:\n");
    InventoryException e = loadFails("bomb2.yml", y.toString());
    assertTrue(e.detail().contains("YAML aliases expand to more than"), e.getMessage());
  }

  @Test
  void keepsSmallAliasesWorking() throws IOException {
    Path file = dir.resolve("ok.yml");
    Files.writeString(
        file,
        "all:\n  vars: &v {ansible_port: 2222}\n  children:\n    web:\n"
            + "      vars: *v\n      hosts:\n        web1:\n");
    assertEquals(1, InventoryLoader.load(file).hosts().size());
  }
}
