package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes give one clear line naming the place and exit code 2, never a stack trace. */
class CliErrorsTest {
  @TempDir
  Path dir;

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
    assertUsageError(run("scan", "-i", "x.ini", "--forkz", "3"), "Unknown options: '--forkz', '3'");
    assertUsageError(run("scan"), "Missing required option: '--inventory=INVENTORY'");
  }

  @Test
  void badShardIsUsageError() throws Exception {
    Path inv = dir.resolve("fleet.ini");
    Files.writeString(inv, "web1\n");
    assertUsageError(run("scan", "-i", inv.toString(), "--shard", "3/2", "--out", dir.toString()),
        "--shard: shard must be K/N with 1 <= K <= N, not 3/2");
    assertUsageError(run("scan", "-i", inv.toString(), "--shard", "two", "--out", dir.toString()),
        "--shard: shard must be K/N");
  }

  @Test
  void missingInventoryNamesTheFile() {
    Path inv = dir.resolve("nope.ini");
    assertUsageError(run("scan", "-i", inv.toString(), "--known-hosts", inv.toString()), inv.toString());
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
    assertUsageError(run("explain", "--model", model.toString()), model + ": defaults: missing or empty 'binary'");
  }

  @Test
  void invalidModeAndBinaryAreRefused() {
    assertUsageError(run("check", "--local", "--mode", "tcpdump"), "--mode: unknown mode 'tcpdump'");
    assertUsageError(run("check", "--local", "--binary", "/usr/bin/x;reboot"), "--binary: binary path has a character");
    assertUsageError(run("check", "--local", "--binary", "ecapture"), "--binary: binary path must be absolute");
  }

  @Test
  void unwritableOutputFolderIsRefusedBeforeScanning() throws Exception {
    Path file = dir.resolve("afile");
    Files.writeString(file, "x");
    assertUsageError(run("check", "--local", "--out", file.resolve("sub").toString()), "--out: cannot create report folder");
  }

  @Test
  void limitMatchingNothingIsUsageError() throws Exception {
    Path inv = dir.resolve("ok.ini");
    Files.writeString(inv, "[web]\nweb1\n");
    assertUsageError(run("scan", "-i", inv.toString(), "-l", "db*", "--out", dir.toString()),
        "--limit: no host in " + inv + " matches 'db*'");
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
