package dev.capfleet.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code group_vars/} and {@code host_vars/} directories Ansible's {@code host_group_vars}
 * plugin reads: beside each inventory source (the source's directory, or the source itself when it
 * is one) and beside the playbook. For a name it takes the first of {@code NAME}, {@code NAME.yml},
 * {@code NAME.yaml}, {@code NAME.json} that exists; a directory of that name gives its files
 * (sorted, recursively, hidden and {@code ~} backups skipped, only those extensions or none),
 * merged in that order; an empty file adds nothing.
 */
final class AdjacentVars {
  private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

  /** No inventory directories and no playbook directory: what a parsed text alone has. */
  static final AdjacentVars NONE = new AdjacentVars(List.of(), null);

  private final List<Path> inventoryDirs;
  private final Path playDir;
  private final Map<Path, Map<String, Object>> loaded = new HashMap<>();

  /**
   * @param inventoryDirs where each inventory source lives, in the order the sources were given
   * @param playDir the playbook directory ({@code --playbook-dir}, else the current one), or null
   *     for none
   */
  AdjacentVars(List<Path> inventoryDirs, Path playDir) {
    this.inventoryDirs = List.copyOf(inventoryDirs);
    this.playDir = playDir;
  }

  boolean isEmpty() {
    return inventoryDirs.isEmpty() && playDir == null;
  }

  /**
   * The groups' variables from beside the inventory sources: source by source, each group in the
   * given order.
   */
  Map<String, Object> inventoryGroups(List<String> groups) {
    return collect(inventoryDirs, "group_vars", groups);
  }

  /** The groups' variables from beside the playbook. */
  Map<String, Object> playGroups(List<String> groups) {
    return collect(playDir == null ? List.of() : List.of(playDir), "group_vars", groups);
  }

  Map<String, Object> inventoryHost(String host) {
    return collect(inventoryDirs, "host_vars", List.of(host));
  }

  Map<String, Object> playHost(String host) {
    return collect(playDir == null ? List.of() : List.of(playDir), "host_vars", List.of(host));
  }

  private Map<String, Object> collect(List<Path> dirs, String subdir, List<String> names) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (Path dir : dirs) {
      Path base = dir.resolve(subdir);
      if (!Files.isDirectory(base)) {
        continue;
      }
      for (String name : names) {
        // Ansible skips names that are absolute paths ('chroot' hosts such as /srv/jail).
        if (name.startsWith("/") || name.contains("\0")) {
          continue;
        }
        for (Path file : files(base, name)) {
          vars.putAll(load(file));
        }
      }
    }
    return vars;
  }

  /** The files for one name, as Ansible's {@code find_vars_files} lists them. */
  private static List<Path> files(Path base, String name) {
    for (String ext : EXTENSIONS) {
      Path candidate;
      try {
        candidate = base.resolve(name + ext);
      } catch (java.nio.file.InvalidPathException e) {
        return List.of();
      }
      if (!candidate.normalize().startsWith(base.normalize())) {
        return List.of(); // a name such as ../x must not read outside group_vars
      }
      if (Files.isDirectory(candidate)) {
        return dirFiles(candidate);
      }
      if (Files.exists(candidate)) {
        return List.of(candidate);
      }
    }
    return List.of();
  }

  /**
   * A directory's entries sorted by name, as Python's {@code sorted(os.listdir(...))} gives them.
   */
  static List<Path> sortedEntries(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new InventoryException(dir, 0, "cannot list directory: " + e.getMessage());
    }
  }

  private static List<Path> dirFiles(Path dir) {
    List<Path> found = new ArrayList<>();
    for (Path p : sortedEntries(dir)) {
      String n = p.getFileName().toString();
      if (n.startsWith(".") || n.endsWith("~")) {
        continue;
      }
      String ext = extension(n);
      if (Files.isDirectory(p) && ext.isEmpty()) {
        found.addAll(dirFiles(p));
      } else if (Files.isRegularFile(p) && (ext.isEmpty() || EXTENSIONS.contains(ext))) {
        found.add(p);
      }
    }
    return found;
  }

  /** Python's {@code os.path.splitext} extension: leading dots of a hidden name are not one. */
  static String extension(String name) {
    int leadingDots = 0;
    while (leadingDots < name.length() && name.charAt(leadingDots) == '.') {
      leadingDots++;
    }
    int dot = name.lastIndexOf('.');
    return dot >= leadingDots ? name.substring(dot) : "";
  }

  private Map<String, Object> load(Path file) {
    return loaded.computeIfAbsent(file, AdjacentVars::read);
  }

  /**
   * One variables file: a YAML (or JSON) mapping; empty is nothing; anything else is an error
   * naming it.
   */
  private static Map<String, Object> read(Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length > InventoryLoader.MAX_BYTES) {
        throw new InventoryException(
            file,
            0,
            "variables file larger than " + InventoryLoader.MAX_BYTES / (1024 * 1024) + " MiB");
      }
      text = InventoryLoader.decodeStrict(file, bytes);
    } catch (IOException e) {
      throw new InventoryException(file, 0, "cannot read variables file: " + e.getMessage());
    }
    if (text.startsWith("$ANSIBLE_VAULT;")) {
      throw new InventoryException(
          file,
          1,
          "the whole file is vault-encrypted; capfleet never decrypts vaults "
              + "(encrypt single values with !vault instead, or keep connection settings outside the vault)");
    }
    YamlReader yaml = new YamlReader(file);
    Node root = yaml.compose(text);
    if (root == null) {
      return Map.of();
    }
    Object value = yaml.value(root);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new InventoryException(
          file,
          YamlReader.line(root),
          "variables file must be a mapping of names to "
              + "values, not a "
              + YamlInventoryParser.pythonType(value));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> vars = (Map<String, Object>) map;
    return vars;
  }
}
