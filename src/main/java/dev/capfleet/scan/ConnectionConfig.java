package dev.capfleet.scan;

import dev.capfleet.transport.SshConfig;
import java.util.Map;

/**
 * The configuration around the inventory that decides how hosts are reached: the OpenSSH client configuration,
 * ansible.cfg's ssh arguments and {@code remote_port}. Inventory variables win over all of it.
 *
 * @param ansibleSshArgs ansible.cfg's {@code ssh_args}, {@code ssh_common_args}, {@code ssh_extra_args} by name
 * @param remotePort ansible.cfg's {@code remote_port}, or null
 * @param localUser the user capfleet runs as (what ssh's {@code Match localuser} and {@code %u} see)
 */
public record ConnectionConfig(SshConfig sshConfig, Map<String, String> ansibleSshArgs, Integer remotePort,
    String localUser) {
  public static final ConnectionConfig NONE =
      new ConnectionConfig(SshConfig.NONE, Map.of(), null, System.getProperty("user.name"));

  public ConnectionConfig {
    ansibleSshArgs = Map.copyOf(ansibleSshArgs);
  }
}
