package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Host patterns against what {@code ansible -i patterns.ini PATTERN --list-hosts} selected. */
class HostPatternsTest {
  static Stream<String> recordedPatterns() throws Exception {
    return Files.readAllLines(InventoryGoldenTest.fixtures().resolve("patterns.ansible-hosts.txt"))
        .stream();
  }

  @ParameterizedTest
  @MethodSource("recordedPatterns")
  void selectsTheHostsAnsibleSelects(String recorded) throws Exception {
    String[] parts = recorded.split("\t", -1);
    List<String> expected = parts[1].isEmpty() ? List.of() : Arrays.asList(parts[1].split(","));
    Inventory inventory =
        InventoryLoader.load(InventoryGoldenTest.fixtures().resolve("patterns.ini"));
    assertEquals(expected, inventory.select(parts[0]).stream().map(Host::name).toList(), parts[0]);
  }

  @Test
  void hostsComeInAnsibleOrder() throws Exception {
    Inventory inventory =
        InventoryLoader.load(InventoryGoldenTest.fixtures().resolve("patterns.ini"));
    assertEquals(inventory.select("all"), inventory.hosts());
  }

  @Test
  void unmatchedPatternGivesEmptyList() throws Exception {
    Inventory inventory =
        InventoryLoader.load(InventoryGoldenTest.fixtures().resolve("patterns.ini"));
    assertTrue(inventory.select("nothing-here").isEmpty());
    assertTrue(inventory.select("webservers[99]").isEmpty());
  }

  @Test
  void rejectsBrokenRegexWithTheAnsibleMessage() throws Exception {
    Inventory inventory =
        InventoryLoader.load(InventoryGoldenTest.fixtures().resolve("patterns.ini"));
    InventoryException e = assertThrows(InventoryException.class, () -> inventory.select("~web("));
    assertEquals("Invalid host list pattern: ~web(", e.getMessage());
  }

  @Test
  void splitsOnCommasColonsButNotInsideAddressesOrRanges() {
    assertEquals(List.of("a", "b[1:2]", "c"), HostPatterns.split("a:b[1:2]:c"));
    assertEquals(List.of("2001:db8::1"), HostPatterns.split("2001:db8::1"));
    assertEquals(List.of("a", "!b", "&c"), HostPatterns.split(" a , !b,&c "));
    assertEquals(List.of("host:22"), HostPatterns.split("host:22"));
  }
}
