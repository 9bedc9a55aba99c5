package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capfleet.cli.CliErrorsTest.Run;
import dev.capfleet.testing.Processes;
import dev.capfleet.testing.SshKeys;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rough edges of a new user's first hour (issue 16), each tried through {@code Main.run} as
 * typed.
 */
class FirstHourCliTest {
  @TempDir Path dir;

  /** The same in-process run as {@link CliErrorsTest}: captured streams, an empty environment. */
  static Run run(String... args) {
    return CliErrorsTest.run(args);
  }

  @Test
  void explainSaysPlainlyWhereECaptureDoesNotRun() {
    Run old = run("explain", "--kernel", "4.14");
    assertEquals(0, old.exit(), old.toString());
    assertTrue(old.out().contains("eCapture does NOT run on kernel 4.14.0 (x86_64):"), old.out());
    assertTrue(old.out().contains("needs kernel 4.18 or later on x86_64"), old.out());
    Run arm = run("explain", "--kernel", "5.4", "--arch", "aarch64");
    assertTrue(arm.out().contains("eCapture does NOT run on kernel 5.4.0 (aarch64):"), arm.out());
    assertTrue(arm.out().contains("needs kernel 5.5 or later on aarch64"), arm.out());
    Run ok = run("explain", "--kernel", "5.4", "--arch", "x86_64");
    assertFalse(ok.out().contains("does NOT run"), ok.out());
    // a snippet stays alone on standard output; the warning goes to standard error
    Run snippet = run("explain", "--kernel", "4.14", "--format", "setcap");
    assertTrue(snippet.out().startsWith("sudo setcap "), snippet.out());
    assertTrue(
        snippet.err().contains("warning: eCapture does not run on kernel 4.14.0 (x86_64)"),
        snippet.err());
  }

  @Test
  void unknownArchitectureIsUsageErrorListingTheModelsArchitectures() throws Exception {
    for (String arch : List.of("arm64", "riscv64")) {
      Run r = run("explain", "--arch", arch);
      assertEquals(2, r.exit(), r.toString());
      assertTrue(
          r.err()
              .contains(
                  "--arch: unknown architecture '" + arch + "' (the model knows: aarch64, x86_64"),
          r.err());
    }
    // the list is the model's: a model that supports riscv64 accepts it
    ObjectMapper json = new ObjectMapper();
    ObjectNode model;
    try (InputStream in =
        getClass().getResourceAsStream("/dev/capfleet/model/ecapture-verified.json")) {
      model = (ObjectNode) json.readTree(in);
    }
    model
        .withArray("rules")
        .forEach(
            rule -> {
              if (rule.path("require").has("valueByArch")) {
                ((ObjectNode) rule.path("require").path("valueByArch")).put("riscv64", "6.6");
              }
            });
    Path file = dir.resolve("riscv.json");
    json.writeValue(file.toFile(), model);
    Run riscv = run("explain", "--model", file.toString(), "--arch", "riscv64", "--kernel", "6.1");
    assertEquals(0, riscv.exit(), riscv.toString());
    assertTrue(
        riscv.out().contains("eCapture does NOT run on kernel 6.1.0 (riscv64)"), riscv.out());
  }

  @Test
  void helpCommandAndSuggestionsForTypos() {
    Run help = run("help");
    assertEquals(0, help.exit(), help.toString());
    assertTrue(help.out().startsWith("Usage: capfleet "), help.out());
    Run helpScan = run("help", "scan");
    assertEquals(0, helpScan.exit(), helpScan.toString());
    assertTrue(helpScan.out().startsWith("Usage: capfleet scan "), helpScan.out());
    assertTrue(helpScan.out().contains("--allow-empty"), helpScan.out());

    Run cmd = run("scna");
    assertEquals(2, cmd.exit());
    assertTrue(
        cmd.err().startsWith("capfleet: unknown command 'scna' (commands: scan, check, demo,"),
        cmd.err());
    assertTrue(cmd.err().contains("did you mean 'scan'?"), cmd.err());

    Run flag = run("scan", "--privte-key", "x", "-i", "fleet.ini");
    assertEquals(2, flag.exit());
    assertTrue(
        flag.err()
            .startsWith("capfleet: unknown option '--privte-key'; did you mean '--private-key'?"),
        flag.err());
    assertFalse(flag.err().contains("'x'"), "the option's value is not an option: " + flag.err());

    Run group = run("inventory", "-i", "fleet.ini");
    assertEquals(2, group.exit());
    assertTrue(group.err().startsWith("capfleet: Missing required argument"), group.err());
    assertFalse(group.err().contains("Error:"), "one prefix only: " + group.err());
  }

  @Test
  void exitCodesInTheHelpIncludeTheInterrupt() {
    Run help = run("--help");
    assertTrue(help.out().contains("130"), help.out());
    assertTrue(help.out().contains("interrupted by Ctrl-C"), help.out());
  }

  /** A scan that can run: a throwaway key and known_hosts (never the developer's ~/.ssh). */
  private String[] scan(Path inventory, String... more) {
    SshKeys.KeyFile key = SshKeys.generate(dir.resolve("keys"), "id", SshKeys.Type.ED25519);
    try {
      Path kh = Files.writeString(dir.resolve("known_hosts"), "");
      String[] base = {
        "scan",
        "-i",
        inventory.toString(),
        "--known-hosts",
        kh.toString(),
        "--private-key",
        key.privateKey().toString(),
        "--out",
        dir.resolve("reports").toString(),
        "--name",
        "r",
        "-T",
        "2",
        "--format",
        "json"
      };
      return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aScanOfZeroHostsFailsUnlessAllowed() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.ini"), "# nothing yet\n[web]\n");
    Run none = run(scan(empty));
    assertEquals(2, none.exit(), none.toString());
    assertTrue(none.err().contains("no hosts to scan: " + empty + " has no hosts"), none.err());
    assertTrue(none.err().contains("give --allow-empty to exit 0"), none.err());
    assertEquals(0, run(scan(empty, "--allow-empty")).exit());

    Path one =
        Files.writeString(
            dir.resolve("one.ini"), "[web]\nweb1 ansible_host=127.0.0.1 ansible_port=1\n");
    Run nomatch = run(scan(one, "-l", "db*"));
    assertEquals(2, nomatch.exit(), nomatch.toString());
    // Ansible's own words for a pattern that matches nothing (lib/ansible/inventory/manager.py)
    assertTrue(
        nomatch
            .err()
            .contains("capfleet: warning: Could not match supplied host pattern, ignoring: db*"),
        nomatch.err());
    assertTrue(nomatch.err().contains("leaves us with no hosts to target"), nomatch.err());
    Run allowed = run(scan(one, "-l", "db*", "--allow-empty"));
    assertEquals(0, allowed.exit(), allowed.toString());
    assertTrue(allowed.out().startsWith("0 hosts against "), allowed.out());
  }

  @Test
  void consoleCountsReasonsSaysOneHostAndQuietPrintsOneLine() throws Exception {
    // port 1 on loopback refuses at once: one UNREACHABLE host, no waiting
    Path one =
        Files.writeString(
            dir.resolve("one.ini"), "[web]\nweb1 ansible_host=127.0.0.1 ansible_port=1\n");
    Run normal = run(scan(one));
    assertEquals(4, normal.exit(), normal.toString());
    assertTrue(normal.out().startsWith("1 host against "), normal.out());
    assertTrue(normal.out().contains("\nfleet score n/a (no host reached)\n"), normal.out());
    assertTrue(
        normal.out().contains("Most common reasons:\n     1 host: connect-refused: "),
        normal.out());

    Run quiet = run(scan(one, "-q"));
    assertEquals(4, quiet.exit());
    List<String> lines = quiet.out().lines().toList();
    assertEquals(1, lines.size(), quiet.out());
    assertTrue(
        lines
            .get(0)
            .matches(
                "capfleet: 1 host \\(UNREACHABLE 1\\), fleet score n/a \\(no host reached\\); "
                    + "reports: .*r\\.json"),
        lines.get(0));
    assertEquals("", quiet.err());
  }

  @Test
  void publicKeyGivenAsPrivateKeyIsToldSoBeforeItsMode() throws Exception {
    SshKeys.KeyFile key = SshKeys.generate(dir.resolve("k"), "id_ed25519", SshKeys.Type.ED25519);
    Files.setPosixFilePermissions(key.publicKey(), PosixFilePermissions.fromString("rw-r--r--"));
    Path one =
        Files.writeString(dir.resolve("one.ini"), "web1 ansible_host=127.0.0.1 ansible_port=1\n");
    String[] args = scan(one);
    args[6] = key.publicKey().toString(); // the --private-key value
    Run r = run(args);
    assertEquals(2, r.exit(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "--private-key: "
                    + key.publicKey()
                    + " is a public key, not a private key: "
                    + "give the private key, "
                    + key.privateKey()),
        r.err());
    assertFalse(r.err().contains("chmod"), r.err());
  }

  @Test
  void dynamicInventoryScriptIsRefusedWithWhatToRunInstead() throws Exception {
    Path script = dir.resolve("ec2.py");
    Files.writeString(
        script,
        "#!/usr/bin/env python3\nimport json\nprint(json.dumps({'web': {'hosts': ['web1'], "
            + "'vars': {'ansible_port': 2222}}, '_meta': {'hostvars': {}}}))\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String[] args :
        List.of(scan(script), new String[] {"inventory", "-i", script.toString(), "--list"})) {
      Run r = run(args);
      assertEquals(2, r.exit(), r.toString());
      assertTrue(
          r.err()
              .contains(
                  script
                      + ": is an executable dynamic inventory script; capfleet does not run "
                      + "inventory scripts"),
          r.err());
      assertFalse(r.err().contains(":1:"), "not parsed as INI: " + r.err());
    }
    // the advice works as written with the real ansible-inventory
    if (!new java.io.File("/usr/bin/ansible-inventory").canExecute()) {
      Assumptions.assumeFalse(
          !"true".equals(System.getenv("CI")), "ansible-inventory is not installed");
      throw new AssertionError(
          "ansible-inventory is missing in CI (.ci/run installs ansible-core)");
    }
    Path yml = dir.resolve("inventory.yml");
    Files.writeString(
        yml,
        Processes.run(List.of("ansible-inventory", "-i", script.toString(), "--list", "--yaml")));
    Run list = run("inventory", "-i", yml.toString(), "--list");
    assertEquals(0, list.exit(), list.toString());
    assertTrue(list.out().contains("\"web1\""), list.out());
    assertTrue(list.out().contains("\"ansible_port\" : 2222"), list.out());
  }

  @Test
  void exampleInventoriesLeaveAccountAndKeyToTheReadmesCommand() {
    // host variables win over -u and --private-key: an example that set them would override the
    // README's scan
    for (String file : List.of("inventories/example.ini", "inventories/example.yml")) {
      Run r = run("inventory", "-i", file, "--list");
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("edge-rpi-01"), r.out());
      assertFalse(r.out().contains("ansible_ssh_private_key_file"), file + ": " + r.out());
      assertFalse(r.out().contains("ansible_user"), file + ": " + r.out());
    }
  }
}
