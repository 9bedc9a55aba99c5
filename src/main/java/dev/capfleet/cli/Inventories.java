package dev.capfleet.cli;

import dev.capfleet.inventory.Host;
import dev.capfleet.inventory.Inventory;
import dev.capfleet.inventory.InventoryException;
import dev.capfleet.inventory.InventoryLoader;
import dev.capfleet.probe.ProbeScript;
import java.nio.file.Path;
import java.util.List;

/** Loads inventories for commands, turning every inventory problem into a usage error naming file and line. */
final class Inventories {
  private Inventories() {}

  static Inventory load(Path file, java.io.PrintWriter err) {
    try {
      Inventory inv = InventoryLoader.load(file);
      inv.warnings().forEach(w -> err.println("capfleet: warning: " + ProbeScript.printable(w)));
      return inv;
    } catch (InventoryException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static List<Host> select(Inventory inv, String pattern, Path file) {
    if (pattern == null || pattern.isBlank()) {
      return inv.hosts();
    }
    List<Host> hosts;
    try {
      hosts = inv.select(pattern);
    } catch (InventoryException | IllegalArgumentException e) {
      throw new UsageException("--limit: " + e.getMessage());
    }
    if (hosts.isEmpty()) {
      throw new UsageException("--limit: no host in " + file + " matches '" + pattern + "'");
    }
    return hosts;
  }
}
