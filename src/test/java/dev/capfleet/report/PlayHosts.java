package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the real {@code ansible-playbook --list-hosts} resolves each play of a playbook to, against
 * an INI inventory written from the report's own {@code groups}: the check that a play naming a
 * group reaches exactly its hosts.
 */
public final class PlayHosts {
  private PlayHosts() {}

  /** An INI inventory with every host of the report (literal names only) in each of its groups. */
  public static Path inventory(Path dir, ScanReport report) throws IOException {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    StringBuilder b = new StringBuilder("[ungrouped]\n");
    for (HostReport h : report.hosts()) {
      if (h.name() == null || !h.name().matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]*")) {
        continue;
      }
      if (h.groups().isEmpty()) {
        b.append(h.name()).append('\n');
      }
      h.groups().forEach(g -> groups.computeIfAbsent(g, k -> new ArrayList<>()).add(h.name()));
    }
    groups.forEach(
        (g, names) -> {
          b.append("\n[").append(g).append("]\n");
          names.forEach(n -> b.append(n).append('\n'));
        });
    Path file = dir.resolve("inventory.ini");
    Files.writeString(file, b);
    return file;
  }

  /**
   * Each play's name and the sorted hosts its pattern resolves to; fails unless ansible-playbook
   * exits 0.
   */
  public static Map<String, TreeSet<String>> list(Path dir, Path inventory, Path playbook)
      throws Exception {
    Processes.Run run =
        Processes.run(
            dir,
            Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString()),
            List.of(
                Processes.require("ansible-playbook").toString(),
                "--list-hosts",
                "-i",
                inventory.toString(),
                playbook.toString()));
    assertEquals(0, run.exit(), run.output());
    Map<String, TreeSet<String>> plays = new LinkedHashMap<>();
    TreeSet<String> current = null;
    for (String line : run.output().split("\n")) {
      if (line.startsWith("  play #")) {
        // "  play #2 (db:web-02): capfleet: set-capabilities - ...	TAGS: []"
        String name = line.substring(line.indexOf("): ") + 3);
        int tags = name.indexOf("\tTAGS:");
        current = new TreeSet<>();
        plays.put(tags < 0 ? name.strip() : name.substring(0, tags).strip(), current);
      } else if (current != null && line.startsWith("      ")) {
        current.add(line.strip());
      }
    }
    return plays;
  }
}
