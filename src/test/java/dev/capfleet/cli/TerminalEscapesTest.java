package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.report.JsonReports;
import dev.capfleet.report.ReportFixtures;
import dev.capfleet.report.ScanReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terminal control sequences from inventories and reports never reach the terminal as controls. */
class TerminalEscapesTest {
  /**
   * Sets the terminal's title, then resets the terminal ({@code [} would start an Ansible host
   * range).
   */
  private static final String CLEAR = "\u001b]0;owned\u0007\u001bc";

  @TempDir Path dir;
  String out;
  String err;

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true), Map.of());
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void inventoryErrorQuotingAHostileLineIsEscaped() throws Exception {
    Path inv = dir.resolve("bad.ini");
    Files.writeString(inv, "[web]\nweb1" + CLEAR + " ansible_host=\"10.0.0.1\n");
    assertEquals(2, run("inventory", "-i", inv.toString(), "--list"));
    assertTrue(err.startsWith("capfleet: " + inv + ":2:"), err);
    assertClean(err);
  }

  @Test
  void graphOfHostileNamesIsEscaped() throws Exception {
    Path inv = dir.resolve("inv.ini");
    Files.writeString(inv, "[web]\nweb1" + CLEAR + " note='" + CLEAR + "'\n");
    assertEquals(0, run("inventory", "-i", inv.toString(), "--graph", "--vars"), err);
    assertTrue(out.contains("\\x1b]0;owned\\x07\\x1bc"), out);
    assertClean(out);
  }

  @Test
  void mergeConflictQuotingAHostileModelIsEscaped() throws Exception {
    ScanReport f = ReportFixtures.fleet();
    Path fleet = JsonReports.write(f, dir.resolve("fleet.json"));
    Path other =
        JsonReports.write(
            new ScanReport(
                f.schemaVersion(),
                f.tool(),
                f.generatedAt(),
                f.purpose(),
                f.inventory(),
                new ScanReport.ModelRef("evil" + CLEAR, "1"),
                f.scan(),
                f.summary(),
                f.bestPractices(),
                f.hosts()),
            dir.resolve("other.json"));
    assertEquals(
        2, run("merge", fleet.toString(), other.toString(), "--out", dir.resolve("m").toString()));
    assertTrue(err.contains("has evil\\x1b]0;owned\\x07\\x1bc 1"), err);
    assertClean(err);
  }

  private static void assertClean(String text) {
    assertFalse(text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c)), text);
  }
}
