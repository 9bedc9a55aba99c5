package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scanner's typed view of a host's connection variables. */
class HostTargetTest {
  private static Host host(String name, Object... kv) {
    Map<String, Object> vars = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      vars.put((String) kv[i], kv[i + 1]);
    }
    return new Host(name, vars, List.of("all"));
  }

  @Test
  void defaultsToNameAndPort22() {
    HostTarget t = HostTarget.of(host("web1"));
    assertEquals("web1", t.address());
    assertEquals(22, t.port());
    assertNull(t.user());
    assertNull(t.privateKey());
    assertFalse(t.local());
    assertTrue(t.jumpHosts().isEmpty());
    assertNull(t.ecapturePath());
    assertNull(t.ecaptureMode());
  }

  @Test
  void readsAnsibleConnectionVariables() {
    HostTarget t =
        HostTarget.of(
            host(
                "web1",
                "ansible_host",
                "10.0.0.1",
                "ansible_port",
                2222L,
                "ansible_user",
                "ops",
                "ansible_ssh_private_key_file",
                "/keys/id",
                "ansible_connection",
                "local",
                "ecapture_path",
                "/opt/ecapture",
                "ecapture_mode",
                "pcapng"));
    assertEquals(
        new HostTarget(
            "web1",
            "10.0.0.1",
            2222,
            "ops",
            "/keys/id",
            true,
            List.of(),
            "/opt/ecapture",
            "pcapng"),
        t);
  }

  @Test
  void takesThePortOfHostColonPort() {
    Inventory inventory =
        InventoryLoader.parse(Path.of("inv.ini"), "[w]\nweb1:2200\n[2001:db8::1]:2201\n");
    assertEquals(2200, HostTarget.of(inventory.host("web1").orElseThrow()).port());
    HostTarget v6 = HostTarget.of(inventory.host("2001:db8::1").orElseThrow());
    assertEquals("2001:db8::1", v6.address());
    assertEquals(2201, v6.port());
  }

  @Test
  void letsTheSshSpellingWinAsAnsibleDoes() {
    HostTarget t =
        HostTarget.of(
            host(
                "h",
                "ansible_host",
                "a",
                "ansible_ssh_host",
                "b",
                "ansible_user",
                "u1",
                "ansible_ssh_user",
                "u2",
                "ansible_port",
                "22",
                "ansible_ssh_port",
                "2022"));
    assertEquals("b", t.address());
    assertEquals("u2", t.user());
    assertEquals(2022, t.port());
  }

  @Test
  void expandsTildeInPrivateKeyPath() {
    HostTarget t = HostTarget.of(host("h", "ansible_ssh_private_key_file", "~/.ssh/fleet"));
    assertEquals(System.getProperty("user.home") + "/.ssh/fleet", t.privateKey());
    assertEquals(
        "~other/key",
        HostTarget.of(host("h", "ansible_private_key_file", "~other/key")).privateKey());
  }

  @Test
  void rejectsBadPortNamingTheHost() {
    InventoryException e =
        assertThrows(
            InventoryException.class, () -> HostTarget.of(host("db7", "ansible_port", "ssh")));
    assertEquals("host db7: ansible_port is 'ssh', not a port number (1-65535)", e.getMessage());
    assertThrows(
        InventoryException.class, () -> HostTarget.of(host("db7", "ansible_port", 70000L)));
    assertThrows(InventoryException.class, () -> HostTarget.of(host("db7", "ansible_port", 22.5)));
  }

  @Test
  void parsesProxyJumpFromCommonArgs() {
    assertEquals(
        List.of(new JumpHost("ops", "bastion", 2222)),
        HostTarget.of(
                host(
                    "h",
                    "ansible_ssh_common_args",
                    "-o StrictHostKeyChecking=no -o ProxyJump=ops@bastion:2222"))
            .jumpHosts());
    assertEquals(
        List.of(new JumpHost(null, "j1", 22), new JumpHost("u", "2001:db8::9", 2200)),
        HostTarget.of(host("h", "ansible_ssh_common_args", "-J j1,u@[2001:db8::9]:2200"))
            .jumpHosts());
    assertEquals(
        List.of(new JumpHost("a", "b", 22)),
        HostTarget.of(host("h", "ansible_ssh_common_args", "-o 'ProxyJump a@b'")).jumpHosts());
    assertEquals(
        List.of(new JumpHost(null, "gw", 22)),
        HostTarget.of(host("h", "ansible_ssh_common_args", "-Jgw")).jumpHosts());
    assertEquals(
        List.of(),
        HostTarget.of(host("h", "ansible_ssh_common_args", "-o ProxyJump=none")).jumpHosts());
  }

  @Test
  void rejectsUnreadableProxyJumpNamingTheHost() {
    InventoryException e =
        assertThrows(
            InventoryException.class,
            () -> HostTarget.of(host("h9", "ansible_ssh_common_args", "-J")));
    assertTrue(e.getMessage().startsWith("host h9: ansible_ssh_common_args:"), e.getMessage());
  }

  @Test
  void printsJumpHostAsSshWritesIt() {
    assertEquals("ops@[2001:db8::9]:22", new JumpHost("ops", "2001:db8::9", 22).toString());
    assertEquals("bastion:2222", new JumpHost(null, "bastion", 2222).toString());
  }

  private static Inventory tagged() {
    return InventorySources.load(
        List.of(Path.of("src/test/resources/inventory-dirs/tagged").toAbsolutePath().toString()),
        Path.of("src/test/resources/inventory-dirs/tagged/host_vars").toAbsolutePath());
  }

  @Test
  void usesUnsafeConnectionVariablesAsTheirText() {
    HostTarget t = HostTarget.of(tagged().host("web1").orElseThrow());
    assertEquals("127.0.0.1", t.address());
    assertEquals(22, t.port()); // !unsafe 22 is text, read as a number as Ansible's int() does
  }

  @Test
  void refusesAHostWhoseUserIsVaultedInHostVars() {
    InventoryException e =
        assertThrows(
            InventoryException.class, () -> HostTarget.of(tagged().host("web2").orElseThrow()));
    assertTrue(
        e.getMessage().contains("host web2: ansible_user is vault-encrypted"), e.getMessage());
    assertFalse(e.getMessage().contains("3632"), "no ciphertext in the message: " + e.getMessage());
  }

  @Test
  void graphWithVarsStopsAtAVaultAsAnsibleInventoryDoes() {
    // ansible-inventory --graph --vars: "ERROR! Attempting to decrypt but no vault secrets found"
    InventoryException e =
        assertThrows(InventoryException.class, () -> InventoryJson.graph(tagged(), "all", true));
    assertTrue(e.getMessage().contains("is vault-encrypted (!vault)"), e.getMessage());
    assertTrue(InventoryJson.graph(tagged(), "all", false).contains("|--web1"));
    // ansible-inventory --graph --vars of this text printed these lines
    Inventory unsafe =
        InventoryLoader.parse(
            Path.of("g.yml"),
            "all:\n  hosts:\n    h:\n      u: !unsafe \"{{ x }}\"\n      l: !unsafe [a, 1]\n");
    assertEquals(
        String.join(
            "\n",
            "@all:",
            "  |--@ungrouped:",
            "  |  |--h",
            "  |  |  |--{l = ['a', 1]}",
            "  |  |  |--{u = {{ x }}}"),
        InventoryJson.graph(unsafe, "all", true));
  }
}
