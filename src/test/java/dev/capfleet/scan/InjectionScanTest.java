package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.cli.Main;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shell payloads (quotes, {@code ;}, {@code $(...)}, backticks, newlines, NULs) in every inventory
 * field that reaches the transport, in INI and YAML: each would {@code touch
 * /tmp/capfleet-pwned-<random>} if any shell, on the host (a real sshd sharing this machine's /tmp)
 * or here, interpreted it. Refused fields give their host INCONCLUSIVE (invalid-host-settings) with
 * a reason naming the field; a payload in a host name is only a label, so that host is probed for
 * real; and no file appears.
 */
@ExtendWith(RealSshd.StopAll.class)
class InjectionScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @TempDir static Path dir;

  static final List<Path> pwned = new ArrayList<>();
  static final Map<String, String> expectedField = new HashMap<>();
  static final List<String> nameHosts = new ArrayList<>();
  static final Map<String, JsonNode> hosts = new HashMap<>();
  static String console;
  static int exit;

  /**
   * Payloads; {@code P} stands for the file each would create. {@code \n} cannot be written in INI.
   */
  static List<String> payloads(boolean yaml) {
    List<String> p =
        new ArrayList<>(
            List.of(
                "x'; touch P; '",
                "x\"; touch P; \"",
                "x$(touch P)",
                "x`touch P`",
                "x || touch P #",
                "x\0touch P"));
    if (yaml) {
      p.add("x\ntouch P");
    }
    return p;
  }

  @BeforeAll
  static void scan() throws Exception {
    RealSshd.assumeAvailable();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    SshKeys.KeyFile key = SshKeys.generate(dir, "id", SshKeys.Type.ED25519);
    RealSshd sshd =
        RealSshd.builder(dir.resolve("sshd"))
            .address("127.0.51.1")
            .hostKeys(SshKeys.Type.ED25519)
            .authorizeLogin(key.publicKey())
            .start();
    Path kh = Files.write(dir.resolve("known_hosts"), sshd.knownHostsLines());

    StringBuilder ini = new StringBuilder("[fleet]\n");
    StringBuilder yaml = new StringBuilder("all:\n  hosts:\n");
    for (boolean isYaml : new boolean[] {false, true}) {
      List<String> list = payloads(isYaml);
      for (int i = 0; i < list.size(); i++) {
        for (String field :
            List.of(
                "ecapture_path",
                "ecapture_mode",
                "ansible_user",
                "ansible_host",
                "ansible_ssh_private_key_file",
                "name")) {
          Path file = Path.of("/tmp/capfleet-pwned-" + RUN + "-" + pwned.size());
          pwned.add(file);
          String payload = list.get(i).replace("P", file.toString());
          if (field.equals("ecapture_path") || field.equals("ansible_ssh_private_key_file")) {
            payload = "/usr/bin/" + payload;
          }
          Map<String, String> vars = new java.util.LinkedHashMap<>();
          vars.put("ansible_host", sshd.address());
          vars.put("ansible_port", Integer.toString(sshd.port()));
          String name = (isYaml ? "y" : "i") + i + "-" + field;
          if (field.equals("name")) {
            name = name + "-" + payload;
            nameHosts.add(name);
          } else {
            vars.put(field, payload);
            expectedField.put(name, field);
          }
          if (isYaml) {
            yaml.append("    ").append(yamlString(name)).append(":\n");
            vars.forEach(
                (k, v) ->
                    yaml.append("      ")
                        .append(k)
                        .append(": ")
                        .append(yamlString(v))
                        .append('\n'));
          } else {
            ini.append(iniWord(name));
            vars.forEach((k, v) -> ini.append(' ').append(k).append('=').append(iniWord(v)));
            ini.append('\n');
          }
        }
      }
    }
    Path iniFile = Files.writeString(dir.resolve("fleet.ini"), ini, StandardCharsets.UTF_8);
    Path yamlFile = Files.writeString(dir.resolve("fleet.yml"), yaml, StandardCharsets.UTF_8);
    StringBuilder all = new StringBuilder();
    for (Path inv : List.of(iniFile, yamlFile)) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      String name = inv.getFileName().toString().replace('.', '-');
      exit =
          Math.max(
              exit,
              Main.run(
                  new String[] {
                    "scan",
                    "-i",
                    inv.toString(),
                    "--known-hosts",
                    kh.toString(),
                    "--private-key",
                    key.privateKey().toString(),
                    "-u",
                    RealSshd.loginUser(),
                    "-T",
                    "10",
                    "--command-timeout",
                    "20",
                    "--out",
                    dir.resolve("reports").toString(),
                    "--name",
                    name,
                    "--format",
                    "json"
                  },
                  new PrintWriter(out),
                  new PrintWriter(err),
                  Map.of()));
      all.append(out).append(err);
      JsonNode report = JSON.readTree(dir.resolve("reports").resolve(name + ".json").toFile());
      report.path("hosts").forEach(h -> hosts.put(h.path("name").asText(), h));
    }
    console = all.toString();
  }

  @AfterAll
  static void noFileWasTouched() {
    for (Path p : pwned) {
      assertFalse(Files.exists(p), "a payload ran: " + p);
    }
  }

  private static String iniWord(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String yamlString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\0' -> b.append("\\0");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  @Test
  void everyHostIsReported() {
    assertEquals(expectedField.size() + nameHosts.size(), hosts.size(), console);
    assertTrue(exit == 3 || exit == 4, "exit " + exit + "\n" + console);
  }

  @Test
  void refusedFieldsMakeTheirHostInconclusiveNamingTheField() {
    expectedField.forEach(
        (name, field) -> {
          JsonNode h = hosts.get(name);
          if (field.equals("ansible_ssh_private_key_file")
              && !name.startsWith("i5")
              && !name.startsWith("y5")) {
            // a file name, never sent anywhere: a file that does not exist, reported when the key
            // is needed
            assertEquals("UNREACHABLE", h.path("verdict").asText(), h.toPrettyString());
            assertEquals("auth-failed", h.path("error").path("kind").asText(), h.toPrettyString());
            return;
          }
          assertEquals("INCONCLUSIVE", h.path("verdict").asText(), h.toPrettyString());
          assertEquals(
              "invalid-host-settings", h.path("error").path("kind").asText(), h.toPrettyString());
          String message = h.path("error").path("message").asText();
          // payload 5 holds a NUL, which no file path can hold: that key path is refused up front
          String label =
              field.equals("ecapture_mode") ? "ecapture_mode: unknown mode" : field + ": ";
          assertTrue(message.startsWith(label), name + ": " + message);
          assertFalse(
              message.chars().anyMatch(Character::isISOControl),
              "message is one printable line: " + message);
        });
  }

  @Test
  void payloadInAHostNameIsOnlyALabel() {
    for (String name : nameHosts) {
      JsonNode h = hosts.get(name);
      assertTrue(h != null, "host named exactly as the inventory wrote it: " + name);
      assertNotEquals("UNREACHABLE", h.path("verdict").asText(), h.toPrettyString());
      assertTrue(
          h.path("kernel").path("release").isTextual(), "the probe ran: " + h.toPrettyString());
      assertFalse(
          h.path("error").path("kind").asText().equals("invalid-host-settings"),
          h.toPrettyString());
    }
  }

  @Test
  void consoleShowsNoControlCharacters() {
    assertFalse(console.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c)), console);
  }
}
