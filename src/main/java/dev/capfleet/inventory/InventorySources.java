package dev.capfleet.inventory;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one or several {@code -i} sources into one inventory as Ansible's {@code InventoryManager}
 * does: a file, a directory (every entry, sorted, recursively, skipping what Ansible ignores) or a
 * comma-separated host list ({@code web1,web2,}); then the group_vars and host_vars beside each
 * source and the playbook.
 */
public final class InventorySources {
  /**
   * Ansible's {@code IGNORED}: hidden names, the vars directories, and the default {@code
   * inventory_ignore_extensions} ({@code REJECT_EXTS} plus {@code .orig .ini .cfg .retry}), all
   * matched at the end of the name.
   */
  private static final Pattern IGNORED =
      Pattern.compile(
          "^\\.|^host_vars$|^group_vars$|^vars_plugins$"
              + "|\\.pyc$|\\.pyo$|\\.swp$|\\.bak$|~$|\\.rpm$|\\.md$|\\.txt$|\\.rst$|\\.orig$|\\.ini$|\\.cfg$|\\.retry$");

  private InventorySources() {}

  /**
   * @param sources the {@code -i} values in the order given
   * @param playDir the playbook directory whose group_vars/host_vars apply after the inventory's,
   *     or null
   */
  public static Inventory load(List<String> sources, Path playDir) {
    if (sources.isEmpty()) {
      throw new InventoryException("no inventory given");
    }
    InventoryBuilder builder = null;
    List<Path> varsDirs = new ArrayList<>();
    for (String source : sources) {
      if (isHostList(source)) {
        builder = builder != null ? builder : new InventoryBuilder(Path.of("<host list>"));
        hostList(builder, source);
        continue;
      }
      Path path = path(source);
      if (!Files.exists(path)) {
        throw new InventoryException(path, 0, "cannot read inventory: no such file or directory");
      }
      builder = builder != null ? builder : new InventoryBuilder(path);
      if (Files.isDirectory(path)) {
        readDirectory(builder, path);
        varsDirs.add(path);
      } else {
        InventoryLoader.readInto(builder, path);
        varsDirs.add(path.toAbsolutePath().getParent());
      }
    }
    return builder.build(new AdjacentVars(varsDirs, playDir));
  }

  /** Ansible's test: a source with a comma that names no existing file is a host list. */
  static boolean isHostList(String source) {
    if (source.indexOf(',') < 0) {
      return false;
    }
    try {
      return !Files.exists(Path.of(source));
    } catch (InvalidPathException e) {
      return true;
    }
  }

  private static Path path(String source) {
    String s =
        source.equals("~") || source.startsWith("~/")
            ? System.getProperty("user.home") + source.substring(1)
            : source;
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      throw new InventoryException("inventory '" + source + "': not a file path");
    }
  }

  /**
   * Ansible's {@code host_list} plugin: each entry a host (with an optional port) in {@code
   * ungrouped}.
   */
  private static void hostList(InventoryBuilder builder, String list) {
    builder.readingFrom(Path.of("<host list>"));
    for (String entry : list.split(",")) {
      String h = entry.strip();
      if (h.isEmpty()) {
        continue;
      }
      HostAddress a = HostAddress.parseStrict(h);
      if (a == null || a.host().contains("[")) {
        a =
            new HostAddress(
                h, null); // parse_address without ranges: an entry it refuses is kept whole
      }
      if (!builder.hosts.containsKey(a.host())) {
        builder.addHost(0, a.host(), InventoryBuilder.UNGROUPED, a.port());
      }
    }
  }

  private static void readDirectory(InventoryBuilder builder, Path dir) {
    for (Path p : AdjacentVars.sortedEntries(dir)) {
      if (IGNORED.matcher(p.getFileName().toString()).find()) {
        continue;
      }
      if (Files.isDirectory(p)) {
        readDirectory(builder, p);
        continue;
      }
      try {
        InventoryLoader.readInto(builder, p);
      } catch (InventoryException e) {
        // Ansible warns ("Unable to parse FILE as an inventory source") and reads the other
        // files; what the failed file added before its bad line stays, as in Ansible, whose
        // plugins add hosts and groups line by line
        builder.warnings.add(
            "Unable to parse "
                + p
                + " as an inventory source, skipped it ("
                + e.getMessage()
                + "); the other files of "
                + dir
                + " are still read");
      }
    }
  }
}
