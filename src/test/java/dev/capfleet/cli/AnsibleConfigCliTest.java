package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.inventory.AnsibleConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ansible.cfg as Ansible finds and reads it, and {@code inventory -l} as Ansible's --limit. */
class AnsibleConfigCliTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void readsTheSettingsAnsibleUsesWithPathsFromTheFilesDirectory() throws Exception {
    Files.createDirectories(dir.resolve("cfg"));
    Path cfg =
        Files.writeString(
            dir.resolve("cfg/ansible.cfg"),
            String.join(
                "\n",
                "# a shop's ansible.cfg",
                "[defaults]",
                "inventory = hosts, more/hosts",
                "remote_user: deploy   ; inline comment",
                "private_key_file = keys/id_deploy",
                "forks = 25",
                "timeout = 30",
                "host_key_checking = False",
                "[ssh_connection]",
                "ssh_common_args = -J bastion.corp",
                "ssh_args = -C",
                "  -o ControlMaster=auto",
                ""));
    AnsibleConfig c =
        AnsibleConfig.find(Map.of("ANSIBLE_CONFIG", dir.resolve("cfg").toString()), dir, dir);
    assertEquals(cfg, c.file().orElseThrow());
    assertEquals(
        List.of(dir.resolve("cfg/hosts").toString(), dir.resolve("cfg/more/hosts").toString()),
        c.inventory());
    assertEquals("deploy", c.remoteUser().orElseThrow());
    assertEquals(dir.resolve("cfg/keys/id_deploy"), c.privateKeyFile().orElseThrow());
    assertEquals(25, c.forks().orElseThrow());
    assertEquals(30, c.timeout().orElseThrow());
    assertEquals(false, c.hostKeyChecking().orElseThrow());
    assertEquals(
        Map.of("ssh_common_args", "-J bastion.corp", "ssh_args", "-C\n-o ControlMaster=auto"),
        c.sshArgs());
    // the environment wins over the file, as ANSIBLE_* variables do in Ansible
    AnsibleConfig env =
        AnsibleConfig.load(cfg, Map.of("ANSIBLE_FORKS", "7", "ANSIBLE_REMOTE_USER", "ops"));
    assertEquals(7, env.forks().orElseThrow());
    assertEquals("ops", env.remoteUser().orElseThrow());
  }

  @Test
  void findsTheFileInAnsiblesOrder() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path cwd = Files.createDirectories(dir.resolve("work"));
    Files.writeString(home.resolve(".ansible.cfg"), "[defaults]\nforks=3\n");
    assertEquals(
        home.resolve(".ansible.cfg"), AnsibleConfig.find(Map.of(), cwd, home).file().orElseThrow());
    Files.writeString(cwd.resolve("ansible.cfg"), "[defaults]\nforks=4\n");
    assertEquals(4, AnsibleConfig.find(Map.of(), cwd, home).forks().orElseThrow());
    java.nio.file.Files.setPosixFilePermissions(
        cwd, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    assertEquals(
        3,
        AnsibleConfig.find(Map.of(), cwd, home).forks().orElseThrow(),
        "world-writable cwd skipped");
  }

  @Test
  void inventoryFromAnsibleCfgAndLimitAppliedWithAWarningWhenNothingMatches() throws Exception {
    Files.writeString(
        dir.resolve("hosts"), "[web]\nw1\nw2\n[db]\nd1 a=1\n[prod:children]\nweb\ndb\n");
    Path cfg = Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\ninventory = hosts\n");
    Map<String, String> env = Map.of("ANSIBLE_CONFIG", cfg.toString());
    Run all = run(env, "inventory", "--list");
    assertEquals(0, all.exit(), all.err());
    JsonNode limited =
        new ObjectMapper().readTree(run(env, "inventory", "--list", "-l", "d1:w1").out());
    assertEquals("[\"d1\"]", limited.path("db").path("hosts").toString());
    assertEquals("[\"w1\"]", limited.path("web").path("hosts").toString());
    assertEquals(
        List.of("d1"), List.copyOf(iterable(limited.path("_meta").path("hostvars").fieldNames())));
    Run none = run(env, "inventory", "--graph", "-l", "nomatch");
    assertEquals(0, none.exit(), none.err());
    assertTrue(
        none.err().contains("warning: Could not match supplied host pattern, ignoring: nomatch"),
        none.err());
    assertEquals("@all:\n  |--@ungrouped:\n  |--@prod:\n  |  |--@web:\n  |  |--@db:\n", none.out());
  }

  @Test
  void hostKeyCheckingFalseOnlyWarns() throws Exception {
    Files.writeString(dir.resolve("hosts"), "h1 ansible_host=127.0.0.1 ansible_port=1\n");
    Path cfg =
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\nhost_key_checking = False\n");
    Path kh = Files.writeString(dir.resolve("known_hosts"), "");
    Run r =
        run(
            Map.of("ANSIBLE_CONFIG", cfg.toString()),
            "scan",
            "-i",
            dir.resolve("hosts").toString(),
            "--known-hosts",
            kh.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--format",
            "json",
            "-T",
            "2");
    assertTrue(
        r.err()
            .contains(
                cfg + " [defaults] host_key_checking is False; capfleet still verifies host keys"),
        r.err());
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
