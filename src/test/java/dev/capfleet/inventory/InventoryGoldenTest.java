package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture under {@code inventory/} against what the real ansible-inventory printed for it.
 */
class InventoryGoldenTest {
  static Path fixtures() throws URISyntaxException {
    return Path.of(InventoryGoldenTest.class.getResource("/inventory/README.md").toURI())
        .getParent();
  }

  static Stream<String> fixtureNames() throws Exception {
    return recorded(".ansible-list.json");
  }

  /**
   * Fixtures with a graph recording (timestamps.yaml has none: Python prints datetimes differently
   * there).
   */
  static Stream<String> graphFixtureNames() throws Exception {
    return recorded(".ansible-graph.txt");
  }

  private static Stream<String> recorded(String suffix) throws Exception {
    try (Stream<Path> files = Files.list(fixtures())) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(suffix))
              .map(n -> n.substring(0, n.length() - suffix.length()))
              .sorted()
              .toList();
      assertFalse(names.isEmpty(), "no golden fixtures found");
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtureNames")
  void listMatchesRealAnsibleInventory(String fixture) throws Exception {
    Inventory inventory = InventoryLoader.load(fixtures().resolve(fixture));
    JsonNode expected =
        JsonSemantics.MAPPER.readTree(fixtures().resolve(fixture + ".ansible-list.json").toFile());
    JsonSemantics.assertSameInventory(expected, InventoryJson.list(inventory), fixture);
  }

  @ParameterizedTest
  @MethodSource("graphFixtureNames")
  void graphWithVarsMatchesRealAnsibleInventory(String fixture) throws Exception {
    Inventory inventory = InventoryLoader.load(fixtures().resolve(fixture));
    assertEquals(
        read(fixture + ".ansible-graph.txt"), InventoryJson.graph(inventory, "all", true), fixture);
  }

  private static String read(String name) throws IOException, URISyntaxException {
    return Files.readString(fixtures().resolve(name)).stripTrailing();
  }
}
