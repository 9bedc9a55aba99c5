package dev.capfleet.cli;

import dev.capfleet.core.HostText;
import dev.capfleet.inventory.AnsibleConfig;
import dev.capfleet.inventory.Host;
import dev.capfleet.inventory.Inventory;
import dev.capfleet.inventory.InventoryException;
import dev.capfleet.inventory.InventoryLoader;
import dev.capfleet.inventory.InventorySources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads inventories for commands, turning every inventory problem into a usage error naming file
 * and line.
 */
final class Inventories {
  private Inventories() {}

  /**
   * The Ansible configuration this run uses (ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg,
   * /etc/ansible).
   */
  static AnsibleConfig config(java.util.Map<String, String> env) {
    // HOME from the environment given to Main.run, so that a test's empty environment reads no
    // ~/.ansible.cfg
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

  /**
   * Every {@code -i} source (or ansible.cfg's) as one inventory, with group_vars and host_vars
   * applied.
   */
  static Inventory load(InventoryOptions options, AnsibleConfig config, java.io.PrintWriter err) {
    try {
      List<String> sources = options.sources(config.inventory());
      for (String source : sources) {
        if (!source.contains(",")
            && source.indexOf('\0') < 0) { // a comma makes it a host list, never a file
          refuseScript(Path.of(source));
        }
      }
      Path playDir = options.playbookDir(config.playbookDir().orElse(null));
      Inventory inv = InventorySources.load(sources, playDir);
      inv.warnings().forEach(w -> err.println("capfleet: warning: " + HostText.printable(w)));
      return inv;
    } catch (InventoryException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static Inventory load(Path file, java.io.PrintWriter err) {
    refuseScript(file);
    try {
      Inventory inv = InventoryLoader.load(file);
      inv.warnings().forEach(w -> err.println("capfleet: warning: " + HostText.printable(w)));
      return inv;
    } catch (InventoryException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * Ansible runs an executable inventory file as a dynamic inventory script. capfleet never
   * executes what an inventory names (design.md), so it refuses the file rather than misreading the
   * script as INI, and says how to turn it into a static inventory with Ansible itself.
   */
  static void refuseScript(Path file) {
    if (!Files.isRegularFile(file) || !Files.isExecutable(file) || !startsWithShebang(file)) {
      return;
    }
    String name = HostText.printable(file.toString());
    throw new UsageException(
        name
            + ": is an executable dynamic inventory script; capfleet does not run inventory "
            + "scripts (it never executes what an inventory says). Let Ansible run it once and scan its output: "
            + "ansible-inventory -i "
            + name
            + " --list --yaml > inventory.yml && capfleet scan -i inventory.yml");
  }

  private static boolean startsWithShebang(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(2);
      return head.length == 2 && head[0] == '#' && head[1] == '!';
    } catch (IOException e) {
      return false; // unreadable: InventoryLoader names the problem
    }
  }

  /**
   * The hosts the pattern selects; a pattern that matches nothing gets Ansible's own warning, and
   * the caller decides whether an empty selection is an error.
   */
  static List<Host> select(Inventory inv, String pattern, java.io.PrintWriter err) {
    if (pattern == null || pattern.isBlank()) {
      return inv.hosts();
    }
    List<Host> hosts = selected(inv, pattern);
    if (hosts.isEmpty()) {
      err.println(
          "capfleet: warning: Could not match supplied host pattern, ignoring: "
              + HostText.printable(pattern));
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

  /** Why a scan has no host to target, in Ansible's words, with what capfleet offers instead. */
  static String noHosts(String inventory, String pattern, boolean inventoryEmpty) {
    String name = HostText.printable(inventory);
    String why =
        inventoryEmpty
            ? name + " has no hosts"
            : "no host in " + name + " matches --limit '" + HostText.printable(pattern) + "'";
    return "no hosts to scan: "
        + why
        + " (Specified inventory, host pattern and/or --limit leaves us with no "
        + "hosts to target); a scan of zero hosts proves nothing, so it fails: give --allow-empty to exit 0";
  }
}
