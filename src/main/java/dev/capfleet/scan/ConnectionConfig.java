package dev.capfleet.scan;

import dev.capfleet.transport.SshConfig;
import java.util.Map;

/**
 * The configuration around the inventory that decides how hosts are reached: the OpenSSH client
 * configuration, ansible.cfg's ssh arguments and {@code remote_port}. Inventory variables win over
 * all of it.
 *
 * @param ansibleSshArgs ansible.cfg's {@code ssh_args}, {@code ssh_common_args}, {@code
 *     ssh_extra_args} by name
 * @param remotePort ansible.cfg's {@code remote_port}, or null
 * @param localUser the user capfleet runs as (what ssh's {@code Match localuser} and {@code %u}
 *     see)
 * @param knownHostsGiven {@code --known-hosts} was given: it wins over ssh_config's {@code
 *     UserKnownHostsFile}
 * @param timeoutGiven {@code -T} or ansible.cfg's {@code timeout} was given: it wins over
 *     ssh_config's {@code ConnectTimeout}, as Ansible's {@code -o ConnectTimeout} on ssh's command
 *     line does
 */
public record ConnectionConfig(
    SshConfig sshConfig,
    Map<String, String> ansibleSshArgs,
    Integer remotePort,
    String localUser,
    boolean knownHostsGiven,
    boolean timeoutGiven) {
  public static final ConnectionConfig NONE =
      new ConnectionConfig(SshConfig.NONE, Map.of(), null, System.getProperty("user.name"));

  public ConnectionConfig {
    ansibleSshArgs = Map.copyOf(ansibleSshArgs);
  }

  /** ssh_config's known_hosts files and connect timeouts apply (no flag overrides them). */
  public ConnectionConfig(
      SshConfig sshConfig,
      Map<String, String> ansibleSshArgs,
      Integer remotePort,
      String localUser) {
    this(sshConfig, ansibleSshArgs, remotePort, localUser, false, false);
  }
}
