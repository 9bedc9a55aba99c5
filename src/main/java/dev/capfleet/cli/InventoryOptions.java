package dev.capfleet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the inventory comes from, with Ansible's flags: {@code -i} (repeatable) and {@code
 * --playbook-dir}.
 */
public final class InventoryOptions {
  @Option(
      names = {"-i", "--inventory"},
      paramLabel = "INVENTORY",
      description =
          "Inventory file, directory or comma-separated host list (web1,web2,); repeat for several "
              + "(default: ansible.cfg's inventory).")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--playbook-dir",
      paramLabel = "DIR",
      description =
          "Also read DIR's group_vars/ and host_vars/, after the inventory's, as Ansible does for a "
              + "playbook (default: the current directory, as ansible-inventory does).")
  Path playbookDir;

  /**
   * The sources to read: the flags, else ansible.cfg's {@code inventory}; none at all is a usage
   * error.
   */
  List<String> sources(List<String> configured) {
    List<String> chosen = sources.isEmpty() ? configured : sources;
    if (chosen.isEmpty()) {
      throw new UsageException("no inventory: give -i INVENTORY (or set inventory in ansible.cfg)");
    }
    return chosen;
  }

  /**
   * The playbook directory whose group_vars/host_vars apply: the flag, ansible.cfg's, or the
   * current one.
   */
  Path playbookDir(Path configured) {
    if (playbookDir != null) {
      if (!java.nio.file.Files.isDirectory(playbookDir)) {
        throw new UsageException("--playbook-dir: " + playbookDir + " is not a directory");
      }
      return playbookDir;
    }
    return configured != null ? configured : Path.of("").toAbsolutePath();
  }

  /** The sources as the report names them. */
  static String describe(List<String> sources) {
    return String.join(",", sources);
  }
}
