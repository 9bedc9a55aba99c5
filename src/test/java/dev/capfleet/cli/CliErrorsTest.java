package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.SshKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes give one clear line naming the place and exit code 2, never a stack trace. */
class CliErrorsTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertUsageError(Run r, String expected) {
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(r.err().contains("Exception"), "no exception names: " + r.err());
  }

  @Test
  void unknownFlagIsUsageError() {
    assertUsageError(
        run("scan", "-i", "x.ini", "--forkz", "3"),
        "unknown option '--forkz'; did you mean '--format' or '--forks'?");
    assertFalse(
        run("scan", "-i", "x.ini", "--forkz", "3").err().contains("'3'"), "the value is no option");
    assertUsageError(
        run("scan"), "no inventory: give -i INVENTORY (or set inventory in ansible.cfg)");
  }

  @Test
  void badShardIsUsageError() throws Exception {
    Path inv = dir.resolve("fleet.ini");
    Files.writeString(inv, "web1\n");
    assertUsageError(
        run("scan", "-i", inv.toString(), "--shard", "3/2", "--out", dir.toString()),
        "--shard: shard must be K/N with 1 <= K <= N, not 3/2");
    assertUsageError(
        run("scan", "-i", inv.toString(), "--shard", "two", "--out", dir.toString()),
        "--shard: shard must be K/N");
  }

  @Test
  void missingInventoryNamesTheFile() {
    Path inv = dir.resolve("nope.ini");
    assertUsageError(
        run("scan", "-i", inv.toString(), "--known-hosts", inv.toString()), inv.toString());
  }

  @Test
  void malformedInventoryNamesFileAndLine() throws Exception {
    Path inv = dir.resolve("bad.ini");
    Files.writeString(inv, "[web]\nweb1\nweb2 ansible_host=\"10.0.0.1\n");
    assertUsageError(run("inventory", "-i", inv.toString(), "--list"), inv + ":3:");
    assertUsageError(run("scan", "-i", inv.toString(), "--out", dir.toString()), inv + ":3:");
  }

  @Test
  void malformedModelNamesFileAndEntry() throws Exception {
    Path model = dir.resolve("model.json");
    Files.writeString(model, "{\"id\": \"x\", \"version\": \"1\"}");
    assertUsageError(
        run("explain", "--model", model.toString()),
        model + ": defaults: missing or empty 'binary'");
  }

  @Test
  void invalidModeAndBinaryAreRefused() {
    assertUsageError(
        run("check", "--local", "--mode", "tcpdump"), "--mode: unknown mode 'tcpdump'");
    assertUsageError(
        run("check", "--local", "--binary", "/usr/bin/x;reboot"),
        "--binary: binary path has a character");
    assertUsageError(
        run("check", "--local", "--binary", "ecapture"), "--binary: binary path must be absolute");
  }

  @Test
  void unwritableOutputFolderIsRefusedBeforeScanning() throws Exception {
    Path file = dir.resolve("afile");
    Files.writeString(file, "x");
    assertUsageError(
        run("check", "--local", "--out", file.resolve("sub").toString()),
        "--out: cannot create report folder");
  }

  @Test
  void limitMatchingNothingIsUsageError() throws Exception {
    Path inv = dir.resolve("ok.ini");
    Files.writeString(inv, "[web]\nweb1\n");
    assertUsageError(
        run("scan", "-i", inv.toString(), "-l", "db*", "--out", dir.toString()),
        "no hosts to scan: no host in " + inv + " matches --limit 'db*'");
  }

  /** A scan that stops at its key check: the inventory's host is never contacted. */
  private Run scanWithKey(Path key, Map<String, String> env, String... more) throws Exception {
    Path inv = Files.writeString(dir.resolve("one.ini"), "[web]\nweb1 ansible_host=127.0.50.250\n");
    Path kh = Files.writeString(dir.resolve("known_hosts"), "");
    String[] base = {
      "scan",
      "-i",
      inv.toString(),
      "--known-hosts",
      kh.toString(),
      "--private-key",
      key.toString(),
      "--out",
      dir.resolve("reports").toString(),
      "-T",
      "1"
    };
    String[] args =
        java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
            .toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void unusablePrivateKeyIsUsageErrorNamingTheFile() throws Exception {
    Path missing = dir.resolve("nokey");
    assertUsageError(
        scanWithKey(missing, Map.of()), "--private-key: " + missing + " does not exist");
    assertUsageError(
        scanWithKey(dir, Map.of()), "--private-key: " + dir + " is a directory, not a private key");
    Path text = Files.writeString(dir.resolve("notakey"), "hello\n");
    Files.setPosixFilePermissions(
        text, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertUsageError(
        scanWithKey(text, Map.of()),
        "--private-key: cannot read private key " + text + ": not a key in OpenSSH or PEM format");
  }

  @Test
  void keyReadableByOthersIsRefusedAsOpenSshDoes() throws Exception {
    SshKeys.KeyFile key = SshKeys.generate(dir.resolve("k"), "id", SshKeys.Type.ED25519);
    Files.setPosixFilePermissions(
        key.privateKey(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertUsageError(
        scanWithKey(key.privateKey(), Map.of()),
        "private key "
            + key.privateKey()
            + " is accessible by others (mode 0644); ignored, as OpenSSH ignores it: chmod 600 "
            + key.privateKey());
  }

  @Test
  void encryptedKeyWithoutPassphraseOffTerminalIsUsageError() throws Exception {
    SshKeys.KeyFile key =
        SshKeys.generate(dir.resolve("k"), "id", SshKeys.Type.ED25519, "correct horse 7");
    assertUsageError(
        scanWithKey(key.privateKey(), Map.of()),
        "--private-key: private key "
            + key.privateKey()
            + " is encrypted and no passphrase was given (set CAPFLEET_KEY_PASSPHRASE");
    Run wrong =
        scanWithKey(
            key.privateKey(), Map.of("CAPFLEET_KEY_PASSPHRASE", "Wr0ng-Passphrase!"), "--debug");
    assertEquals(2, wrong.exit(), wrong.toString());
    assertTrue(
        wrong
            .err()
            .contains("cannot decrypt private key " + key.privateKey() + ": wrong passphrase"),
        wrong.err());
    assertTrue(wrong.err().contains("\tat "), "--debug shows the stack trace: " + wrong.err());
    assertFalse((wrong.out() + wrong.err()).contains("Wr0ng-Passphrase!"), wrong.toString());
  }

  @Test
  void debugShowsTheStackTrace() {
    Run r = run("scan", "-i", dir.resolve("nope.ini").toString(), "--debug");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("\tat dev.capfleet."), r.err());
    assertTrue(
        r.err().contains("capfleet: " + dir.resolve("nope.ini") + ": cannot read inventory"),
        r.err());
  }

  @Test
  void passphraseGivenAsFlagIsNeverEchoed() {
    for (String[] args :
        List.of(
            new String[] {"scan", "-i", "x.ini", "--passphrase", "hunter2-secret"},
            new String[] {"scan", "-i", "x.ini", "--key-password=hunter2-secret"})) {
      Run r = run(args);
      assertUsageError(r, "capfleet takes no passphrase or secret on the command line");
      assertFalse((r.out() + r.err()).contains("hunter2-secret"), r.toString());
    }
  }

  @Test
  void endlessOrHugeInputFilesAreRefused() {
    assertUsageError(
        run("inventory", "-i", "/dev/zero", "--list"), "/dev/zero: larger than 64 MiB");
    assertUsageError(run("explain", "--model", "/dev/zero"), "/dev/zero: larger than 16 MiB");
  }

  @Test
  void badKnownHostsOutputFolderAndUserAreRefused() throws Exception {
    Path inv = Files.writeString(dir.resolve("one.ini"), "[web]\nweb1\n");
    assertUsageError(
        run(
            "scan",
            "-i",
            inv.toString(),
            "--known-hosts",
            dir.toString(),
            "--out",
            dir.resolve("r").toString()),
        "--known-hosts: " + dir + " is a directory");
    assertUsageError(
        run("scan", "-i", inv.toString(), "--out", "/proc/capfleet-reports"),
        "--out: cannot create report folder /proc/capfleet-reports: ");
    assertUsageError(
        run("scan", "-i", inv.toString(), "--out", dir.resolve("r").toString(), "-u", "root;id"),
        "-u: 'root;id' is not a user name");
  }

  @Test
  void inventoryListPrintsAnsibleShape() throws Exception {
    Path inv = dir.resolve("ok.ini");
    Files.writeString(inv, "[web]\nweb[1:2] ecapture_mode=pcapng\n");
    Run r = run("inventory", "-i", inv.toString(), "--list");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("\"_meta\""), r.out());
    assertTrue(r.out().contains("\"web2\""), r.out());
  }
}
