package dev.capfleet.cli;

import dev.capfleet.inventory.AnsibleConfig;
import dev.capfleet.inventory.InventoryException;
import java.io.PrintWriter;
import picocli.CommandLine.ParseResult;

/**
 * Fills the flags a user did not give from {@code ansible.cfg} and {@code ANSIBLE_*}: {@code
 * remote_user}, {@code private_key_file}, {@code forks}, {@code timeout}. capfleet's own flags win,
 * as Ansible's do over its configuration; {@code host_key_checking = False} relaxes nothing, it is
 * only named in a warning.
 */
final class AnsibleDefaults {
  private AnsibleDefaults() {}

  /** Applies the configuration to {@code connection}; returns the forks to use. */
  static int apply(
      AnsibleConfig config,
      ParseResult given,
      ConnectionOptions connection,
      int forks,
      PrintWriter err) {
    try {
      if (connection.user == null) {
        connection.user = config.remoteUser().orElse(null);
      }
      if (connection.privateKey == null) {
        connection.privateKey = config.privateKeyFile().orElse(null);
      }
      if (!given.hasMatchedOption("-T")) {
        connection.connectTimeout = config.timeout().orElse(connection.connectTimeout);
      }
      int chosen = given.hasMatchedOption("-f") ? forks : config.forks().orElse(forks);
      if (config.hostKeyChecking().orElse(true).equals(false)) {
        err.println(
            "capfleet: warning: "
                + config.origin("host_key_checking")
                + " is False; capfleet still "
                + "verifies host keys (use --accept-new-host-keys to trust unknown keys on first use)");
      }
      return chosen;
    } catch (InventoryException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
