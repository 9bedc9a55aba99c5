package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * capfleet's reading of an ssh_config, compared with what the real {@code ssh -G -F FILE host}
 * prints.
 */
class SshConfigTest {
  private static final String CONFIG =
      String.join(
          "\n",
          "# a shop's ~/.ssh/config",
          "Host bastion bastion.corp",
          "  HostName 10.9.0.1",
          "  User jumper",
          "  Port 2200",
          "",
          "Host app-?? !app-99",
          "  HostName %h.internal.corp",
          "  ProxyJump bastion",
          "  IdentityFile ~/.ssh/app_%r_%h",
          "  IdentityFile /keys/second",
          "  IdentitiesOnly yes",
          "",
          "Host *.prod",
          "  User=produser",
          "  Port 2022",
          "  UserKnownHostsFile \"/etc/ssh/prod known\" /dev/null",
          "",
          "Match host db.prod",
          "  User dbadmin",
          "  ConnectTimeout 3",
          "",
          "Match originalhost legacy user ops",
          "  HostName 10.9.0.77",
          "",
          "Match !localuser nobody-at-all host *.internal.corp",
          "  Port 2301",
          "",
          "Host *",
          "  User fallback",
          "  ConnectTimeout 7",
          "");

  @TempDir Path dir;

  @Test
  void agreesWithSshDashG() throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, CONFIG);
    Path home = Path.of(System.getProperty("user.home"));
    SshConfig config = SshConfig.read(file, home);
    String local = System.getProperty("user.name");
    for (String host :
        List.of("bastion", "app-01", "app-99", "web.prod", "db.prod", "legacy", "other")) {
      for (String user : new String[] {null, "ops"}) {
        Map<String, List<String>> g = sshG(file, host, user);
        HostSettings s = config.resolve(host, user, local);
        String what = host + " -l " + user;
        assertEquals(g.get("hostname").get(0), s.hostName(), what);
        assertEquals(
            user != null ? user : g.get("user").get(0), user != null ? user : s.user(), what);
        assertEquals(
            Integer.parseInt(g.get("port").get(0)), s.port() == null ? 22 : s.port(), what);
        assertEquals(
            g.getOrDefault("proxyjump", List.of()),
            s.proxyJump() == null ? List.of() : List.of(s.proxyJump()),
            what);
        assertEquals(
            g.get("identitiesonly").get(0),
            Boolean.TRUE.equals(s.identitiesOnly()) ? "yes" : "no",
            what);
        String timeout = g.getOrDefault("connecttimeout", List.of("none")).get(0);
        assertEquals(
            timeout, s.connectTimeout() == null ? "none" : s.connectTimeout().toString(), what);
        if (!s.identityFiles().isEmpty()) {
          List<String> expanded = new ArrayList<>();
          // ssh -G prints IdentityFile before its tokens are expanded (ssh expands them when it
          // loads keys)
          String remote = g.get("user").get(0);
          String hostName = g.get("hostname").get(0);
          g.get("identityfile")
              .forEach(
                  f ->
                      expanded.add(
                          f.replaceFirst("^~", home.toString())
                              .replace("%r", remote)
                              .replace("%h", hostName)));
          assertEquals(expanded, s.identityFiles().stream().map(Path::toString).toList(), what);
        }
        if (!s.userKnownHostsFiles().isEmpty()) {
          assertEquals(
              List.of("/etc/ssh/prod known", "/dev/null"),
              s.userKnownHostsFiles().stream().map(Path::toString).toList(),
              what); // ssh -G prints the quoted name unquoted
        }
      }
    }
  }

  @Test
  void firstProxySettingWinsAndProxyCommandIsNamedWithItsLine() throws IOException {
    Path file = dir.resolve("config");
    Files.writeString(file, "Host a\n  ProxyCommand nc %h %p\nHost *\n  ProxyJump j\n");
    HostSettings a = SshConfig.read(file, dir).resolve("a", null, "me");
    assertEquals("nc %h %p", a.proxyCommand());
    assertEquals(file + ":2", a.proxyCommandAt());
    assertNull(a.proxyJump());
    assertEquals("j", SshConfig.read(file, dir).resolve("b", null, "me").proxyJump());
  }

  @Test
  void matchExecIsRefusedNeverRun() throws IOException {
    Path file = dir.resolve("config");
    Path marker = dir.resolve("ran");
    Files.writeString(file, "Match exec \"touch " + marker + "\"\n  User x\n");
    SshConfigException e =
        assertThrows(
            SshConfigException.class, () -> SshConfig.read(file, dir).resolve("h", null, "me"));
    assertTrue(e.getMessage().startsWith(file + ":1: Match exec is not supported"), e.getMessage());
    assertTrue(Files.notExists(marker));
  }

  @Test
  void includeReadsFilesFromDotSsh() throws IOException {
    Files.createDirectories(dir.resolve(".ssh/conf.d"));
    Files.writeString(dir.resolve(".ssh/conf.d/10-web"), "Host web\n  Port 2201\n");
    Path file = dir.resolve(".ssh/config");
    Files.writeString(file, "Include conf.d/*\nHost *\n  Port 22\n");
    assertEquals(2201, SshConfig.read(file, dir).resolve("web", null, "me").port());
  }

  /** {@code ssh -G}: the configuration ssh would use, never connecting. */
  private static Map<String, List<String>> sshG(Path file, String host, String user)
      throws Exception {
    Path ssh = Path.of("/usr/bin/ssh");
    if (!Files.isExecutable(ssh)) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("ssh (openssh-client) is missing in CI");
      }
      Assumptions.abort("no ssh client");
    }
    List<String> cmd = new ArrayList<>(List.of(ssh.toString(), "-G", "-F", file.toString()));
    if (user != null) {
      cmd.addAll(List.of("-l", user));
    }
    cmd.add(host);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), text);
    Map<String, List<String>> out = new HashMap<>();
    for (String line : text.split("\n")) {
      int sp = line.indexOf(' ');
      if (sp > 0) {
        out.computeIfAbsent(line.substring(0, sp), k -> new ArrayList<>())
            .add(line.substring(sp + 1));
      }
    }
    return out;
  }
}
