package dev.capfleet.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * Writes what a scanner needs to reach the demo fleet: the client key, known_hosts and an Ansible
 * inventory.
 */
final class FleetFiles {
  static final String CLIENT_KEY = "id_ed25519";
  static final String KNOWN_HOSTS = "known_hosts";
  static final String INVENTORY = "demo.ini";

  private FleetFiles() {}

  /** The private key in OpenSSH format (unencrypted, mode 0600) and its {@code .pub} beside it. */
  static Path writeClientKey(Path dir, KeyPair key) throws IOException, GeneralSecurityException {
    Path file = dir.resolve(CLIENT_KEY);
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "capfleet-demo", null, out);
    }
    Files.writeString(
        dir.resolve(CLIENT_KEY + ".pub"),
        PublicKeyEntry.toString(key.getPublic()) + " capfleet-demo\n",
        StandardCharsets.UTF_8);
    return file;
  }

  /** One line per host that has a server: {@code [127.0.x.y]:PORT ssh-ed25519 AAAA...}. */
  static Path writeKnownHosts(Path dir, List<ServedHost> hosts) throws IOException {
    StringBuilder b = new StringBuilder(hosts.size() * 110);
    for (ServedHost h : hosts) {
      if (h.hostKey() != null) {
        b.append(h.host().knownHostsName())
            .append(' ')
            .append(PublicKeyEntry.toString(h.hostKey().getPublic()))
            .append('\n');
      }
    }
    Path file = dir.resolve(KNOWN_HOSTS);
    Files.writeString(file, b, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * An Ansible INI inventory: each host with its connection variables on its first group's line,
   * listed by name alone in its other groups, and every group under {@code [demo:children]}.
   */
  static Path writeInventory(Path dir, List<DemoHost> hosts, String user, Path clientKey)
      throws IOException {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (DemoHost h : hosts) {
      for (int i = 0; i < h.groups().size(); i++) {
        String line = i == 0 ? hostLine(h, user, clientKey) : h.name();
        groups.computeIfAbsent(h.groups().get(i), g -> new ArrayList<>()).add(line);
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("# capfleet demo fleet: ")
        .append(hosts.size())
        .append(
            " hosts on loopback, served by one embedded SSH server (dev.capfleet.demo.DemoFleet).\n")
        .append("# Host keys are in ")
        .append(KNOWN_HOSTS)
        .append(" beside this file; they change at every start.\n");
    for (Map.Entry<String, List<String>> g : groups.entrySet()) {
      b.append('\n').append('[').append(g.getKey()).append("]\n");
      g.getValue().forEach(l -> b.append(l).append('\n'));
    }
    b.append("\n[demo:children]\n");
    groups.keySet().forEach(g -> b.append(g).append('\n'));
    Path file = dir.resolve(INVENTORY);
    Files.writeString(file, b, StandardCharsets.UTF_8);
    return file;
  }

  private static String hostLine(DemoHost h, String user, Path clientKey) {
    StringBuilder b =
        new StringBuilder(h.name())
            .append(" ansible_host=")
            .append(h.address())
            .append(" ansible_port=")
            .append(h.port())
            .append(" ansible_user=")
            .append(user)
            .append(" ansible_ssh_private_key_file=")
            .append(iniValue(clientKey.toAbsolutePath().toString()));
    if (h.mode() != null) {
      b.append(" ecapture_mode=").append(h.mode());
    }
    if (!h.binary().equals(DemoHost.DEFAULT_BINARY)) {
      b.append(" ecapture_path=").append(iniValue(h.binary()));
    }
    return b.toString();
  }

  /** Ansible reads an INI host variable up to the next blank unless it is quoted. */
  private static String iniValue(String v) {
    return v.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '#')
        ? "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
        : v;
  }
}
