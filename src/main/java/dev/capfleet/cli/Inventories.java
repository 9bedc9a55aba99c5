package dev.capfleet.cli;

import dev.capfleet.inventory.AnsibleConfig;
import dev.capfleet.inventory.Host;
import dev.capfleet.inventory.Inventory;
import dev.capfleet.inventory.InventoryException;
import dev.capfleet.inventory.InventoryLoader;
import dev.capfleet.inventory.InventorySources;
import dev.capfleet.probe.ProbeScript;
import java.nio.file.Path;
import java.util.List;

/** Loads inventories for commands, turning every inventory problem into a usage error naming file and line. */
final class Inventories {
  private Inventories() {}

  /** The Ansible configuration this run uses (ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg, /etc/ansible). */
  static AnsibleConfig config(java.util.Map<String, String> env) {
    // HOME from the environment given to Main.run, so that a test's empty environment reads no ~/.ansible.cfg
    Path home = env.get("HOME") == null ? null : Path.of(env.get("HOME"));
    try {
      return AnsibleConfig.find(env, Path.of("").toAbsolutePath(), home);
    } catch (InventoryException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** ansible.cfg's {@code remote_port}, a bad value being a usage error. */
  static Integer remotePort(AnsibleConfig config) {
    try {
      return config.remotePort().orElse(null);
    } catch (InventoryException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Every {@code -i} source (or ansible.cfg's) as one inventory, with group_vars and host_vars applied. */
  static Inventory load(InventoryOptions options, AnsibleConfig config, java.io.PrintWriter err) {
    try {
      List<String> sources = options.sources(config.inventory());
      Path playDir = options.playbookDir(config.playbookDir().orElse(null));
      Inventory inv = InventorySources.load(sources, playDir);
      inv.warnings().forEach(w -> err.println("capfleet: warning: " + ProbeScript.printable(w)));
      return inv;
    } catch (InventoryException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static Inventory load(Path file, java.io.PrintWriter err) {
    try {
      Inventory inv = InventoryLoader.load(file);
      inv.warnings().forEach(w -> err.println("capfleet: warning: " + ProbeScript.printable(w)));
      return inv;
    } catch (InventoryException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The hosts a pattern selects; none is a warning (as Ansible's "Could not match supplied host pattern"). */
  static List<Host> matching(Inventory inv, String pattern, java.io.PrintWriter err) {
    List<Host> hosts = selected(inv, pattern);
    if (hosts.isEmpty()) {
      err.println("capfleet: warning: --limit: no host matches '" + ProbeScript.printable(pattern) + "'");
    }
    return hosts;
  }

  static List<Host> select(Inventory inv, String pattern, String file) {
    if (pattern == null || pattern.isBlank()) {
      return inv.hosts();
    }
    List<Host> hosts = selected(inv, pattern);
    if (hosts.isEmpty()) {
      throw new UsageException("--limit: no host in " + file + " matches '" + pattern + "'");
    }
    return hosts;
  }

  private static List<Host> selected(Inventory inv, String pattern) {
    try {
      return inv.select(pattern);
    } catch (InventoryException | IllegalArgumentException e) {
      throw new UsageException("--limit: " + e.getMessage());
    }
  }
}
