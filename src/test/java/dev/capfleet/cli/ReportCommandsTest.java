package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capfleet.core.Verdict;
import dev.capfleet.report.JsonReports;
import dev.capfleet.report.ReportFixtures;
import dev.capfleet.report.ScanReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandsTest {
  @TempDir Path dir;
  Path fleet;
  String out;
  String err;

  @BeforeEach
  void writeFleet() throws Exception {
    fleet = JsonReports.write(ReportFixtures.fleet(), dir.resolve("fleet.json"));
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true), Map.of());
    out = o.toString();
    err = e.toString();
    return code;
  }

  Path report(String name, String generatedAt, List<dev.capfleet.report.HostReport> hosts)
      throws Exception {
    return JsonReports.write(ReportFixtures.report(generatedAt, hosts), dir.resolve(name));
  }

  @Test
  void remediateWritesAPlaybookToStandardOutputAndNamesLeftOutHosts() {
    assertEquals(0, run("remediate", fleet.toString(), "--format", "ansible"));
    assertTrue(out.startsWith("# capfleet remediation playbook"), out);
    // every db host needs the capabilities set: the play names the group
    assertTrue(out.contains("\n    - !unsafe \"db\"\n"), out);
    assertTrue(err.contains("left out host '=HYPERLINK(\"http://x\")'"), err);
  }

  @Test
  void remediateShNeedsAHostAndWritesAPrivateScript() throws Exception {
    assertEquals(2, run("remediate", fleet.toString(), "--format", "sh"));
    assertEquals("capfleet: --format sh writes one host's script: name it with --host NAME\n", err);
    Path script = dir.resolve("db-01.sh");
    assertEquals(
        0,
        run(
            "remediate",
            fleet.toString(),
            "--format",
            "sh",
            "--host",
            "db-01",
            "-o",
            script.toString()));
    assertEquals("", out);
    assertTrue(Files.readString(script).contains("\nset -eu\n"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
  }

  @Test
  void remediateRefusesAnUnknownHostListingSomeKnownOnes() {
    assertEquals(2, run("remediate", fleet.toString(), "--format", "sh", "--host", "nope"));
    assertTrue(
        err.startsWith("capfleet: no host 'nope' in " + fleet + " (hosts: web-01, web-05, web-02"),
        err);
  }

  @Test
  void missingOrBrokenReportIsOneClearLineAndExitTwo() throws Exception {
    assertEquals(2, run("diff", dir.resolve("absent.json").toString(), fleet.toString()));
    assertEquals("capfleet: " + dir.resolve("absent.json") + ": no such file\n", err);
    Path broken =
        Files.writeString(dir.resolve("broken.json"), "{\"schemaVersion\": \"1.0\", \"hosts\": [");
    assertEquals(2, run("remediate", broken.toString(), "--format", "ansible"));
    assertTrue(err.startsWith("capfleet: " + broken + ": not a capfleet report ("), err);
    assertEquals(1, err.lines().count(), err);
    Path other = Files.writeString(dir.resolve("other.json"), "{\"name\": \"x\"}");
    assertEquals(2, run("merge", other.toString(), "--out", dir.toString()));
    assertEquals(
        "capfleet: " + other + ": not a capfleet report (no schemaVersion or hosts)\n", err);
    Path badVerdict =
        Files.writeString(
            dir.resolve("verdict.json"), Files.readString(fleet).replace("\"READY\"", "\"MAYBE\""));
    assertEquals(2, run("diff", fleet.toString(), badVerdict.toString()));
    assertTrue(err.contains("MAYBE"), err);
  }

  @Test
  void reportWithTheSameHostTwiceIsRefusedByEveryCommand() throws Exception {
    Path twice =
        report(
            "twice.json",
            "2026-03-01T00:00:00Z",
            List.of(
                ReportFixtures.ready("web-01", "10.0.0.1"),
                ReportFixtures.ready("db-01", "10.0.0.2"),
                ReportFixtures.notReadyMissingCaps("web-01")));
    String expected =
        "capfleet: "
            + twice
            + ": host web-01 appears twice (hosts[0] and hosts[2]); a report holds"
            + " one entry per host\n";
    assertEquals(2, run("diff", fleet.toString(), twice.toString()));
    assertEquals(expected, err);
    assertEquals(
        2, run("merge", fleet.toString(), twice.toString(), "--out", dir.resolve("m").toString()));
    assertEquals(expected, err);
    assertEquals(2, run("remediate", twice.toString(), "--format", "ansible"));
    assertEquals(expected, err);
  }

  @Test
  void diffExitsThreeWhenAHostGotWorse() throws Exception {
    Path before =
        report(
            "a.json", "2026-03-01T00:00:00Z", List.of(ReportFixtures.ready("web-01", "10.0.0.1")));
    Path after =
        report(
            "b.json",
            "2026-03-02T00:00:00Z",
            List.of(ReportFixtures.notReadyMissingCaps("web-01")));
    assertEquals(3, run("diff", before.toString(), after.toString()));
    assertTrue(out.contains("Got worse (1):\n  web-01: READY (100) -> NOT_READY (25)"), out);
    assertEquals(0, run("diff", after.toString(), before.toString()));
    assertTrue(out.contains("Got better (1):"), out);
    assertEquals(0, run("diff", fleet.toString(), fleet.toString()));
    assertTrue(out.endsWith("No changes.\n"), out);
  }

  @Test
  void diffSpeaksJsonWhenAsked() throws Exception {
    Path before =
        report(
            "a.json", "2026-03-01T00:00:00Z", List.of(ReportFixtures.ready("web-01", "10.0.0.1")));
    Path after =
        report(
            "b.json",
            "2026-03-02T00:00:00Z",
            List.of(
                ReportFixtures.notReadyMissingCaps("web-01"),
                ReportFixtures.ready("web-09", "10.0.0.9")));
    assertEquals(3, run("diff", before.toString(), after.toString(), "--format", "json"));
    JsonNode json = JsonReports.mapper().readTree(out);
    assertEquals("web-01", json.get("worse").get(0).get("host").asText());
    assertEquals("web-09", json.get("appeared").get(0).get("host").asText());
    assertEquals(
        "capability-granted", json.get("findings").get(0).get("added").get(0).get("rule").asText());
  }

  @Test
  void mergeWritesJsonAndWorkbookWithTheNewestHostAndASummary() throws Exception {
    Path a =
        report(
            "a.json",
            "2026-03-01T00:00:00Z",
            List.of(
                ReportFixtures.notReadyMissingCaps("db-01"),
                ReportFixtures.ready("web-01", "10.0.0.1")));
    Path b =
        report(
            "b.json", "2026-03-02T00:00:00Z", List.of(ReportFixtures.ready("db-01", "10.0.0.2")));
    Path outDir = dir.resolve("merged");
    assertEquals(
        0, run("merge", b.toString(), a.toString(), "--out", outDir.toString(), "--name", "all"));
    ScanReport merged = JsonReports.read(outDir.resolve("all.json"));
    assertEquals(
        List.of(Verdict.READY, Verdict.READY),
        merged.hosts().stream().map(h -> h.verdict()).toList());
    assertEquals(2, merged.summary().verdicts().get(Verdict.READY));
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(outDir.resolve("all.xlsx")))) {
      assertEquals(2, wb.getSheet("Hosts").getLastRowNum());
    }
    assertTrue(out.contains("  " + outDir.resolve("all.xlsx")), out);
    try (var files = Files.list(outDir)) {
      assertEquals(2, files.count());
    }
  }

  @Test
  void mergeWritesTheFormatsScanWritesAndPipesOneToStandardOutput() throws Exception {
    Path a =
        report(
            "a.json", "2026-03-01T00:00:00Z", List.of(ReportFixtures.notReadyMissingCaps("db-01")));
    Path b =
        report(
            "b.json", "2026-03-02T00:00:00Z", List.of(ReportFixtures.ready("web-01", "10.0.0.1")));
    Path outDir = dir.resolve("formats");
    assertEquals(
        0,
        run(
            "merge",
            a.toString(),
            b.toString(),
            "--out",
            outDir.toString(),
            "--name",
            "all",
            "--format",
            "html,junit"));
    try (var files = Files.list(outDir)) {
      assertEquals(
          List.of("all.html", "all.junit.xml"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    String html = Files.readString(outDir.resolve("all.html"));
    assertTrue(
        html.contains("db-01") && html.contains("web-01"), "both shards' hosts in the HTML report");
    String junit = Files.readString(outDir.resolve("all.junit.xml"));
    assertTrue(junit.contains("tests=\"2\"") && junit.contains("<failure"), junit);
    assertTrue(out.contains("  " + outDir.resolve("all.junit.xml")), out);

    assertEquals(0, run("merge", a.toString(), b.toString(), "-o", "-", "--format", "json"));
    ScanReport piped = JsonReports.mapper().readValue(out, ScanReport.class);
    assertEquals(List.of("db-01", "web-01"), piped.hosts().stream().map(h -> h.name()).toList());
    assertTrue(err.startsWith("2 hosts"), "the summary goes to standard error: " + err);
    assertEquals(2, run("merge", a.toString(), "-o", "-", "--format", "xlsx"));
    assertTrue(err.contains("--out -: standard output takes one text format"), err);
    assertEquals(2, run("merge", a.toString(), "--out", outDir.toString(), "--format", "pdf"));
    assertTrue(err.contains("--format: unknown report format 'pdf'"), err);
  }

  @Test
  void mergeRefusesReportsOfDifferentModels() throws Exception {
    ScanReport f = ReportFixtures.fleet();
    Path other =
        JsonReports.write(
            new ScanReport(
                f.schemaVersion(),
                f.tool(),
                f.generatedAt(),
                f.purpose(),
                f.inventory(),
                new ScanReport.ModelRef("team-model", "1"),
                f.scan(),
                f.summary(),
                f.bestPractices(),
                f.hosts()),
            dir.resolve("other.json"));
    assertEquals(
        2, run("merge", fleet.toString(), other.toString(), "--out", dir.resolve("m").toString()));
    assertEquals(
        "capfleet: cannot merge: "
            + fleet
            + " has requirement model ecapture-minimum-privileges "
            + "2026.11.1 but "
            + other
            + " has team-model 1\n",
        err);
    assertEquals(2, run("merge", fleet.toString(), "--out", dir.toString(), "--name", "../x"));
  }

  @Test
  void mergeHelpSaysTheNewestReportWins() {
    assertEquals(0, run("merge", "--help"));
    assertTrue(
        out.replaceAll("\\s+", " ")
            .contains("keeps its entry from the NEWEST report by generatedAt"),
        out);
    assertEquals(0, run("--help"));
    assertTrue(out.contains("remediate") && out.contains("diff") && out.contains("merge"), out);
  }
}
