package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMergerTest {
  static ReportMerger.Source src(String name, ScanReport r) {
    return new ReportMerger.Source(name, r);
  }

  @Test
  void unitesShardsAndRecomputesTheSummary() {
    ScanReport a =
        ReportFixtures.report(
            "2026-03-01T10:00:00Z",
            List.of(
                ReportFixtures.ready("web-01", "10.0.0.1"),
                ReportFixtures.notReadyMissingCaps("db-01")));
    ScanReport b =
        ReportFixtures.report(
            "2026-03-01T11:00:00Z",
            List.of(ReportFixtures.unreachable("gone-01", "timeout", "timed out")));
    ScanReport m = ReportMerger.merge(List.of(src("a.json", a), src("b.json", b)));
    assertEquals(
        List.of("web-01", "db-01", "gone-01"), m.hosts().stream().map(HostReport::name).toList());
    assertEquals(3, m.summary().hosts());
    assertEquals(1, m.summary().verdicts().get(Verdict.UNREACHABLE));
    assertEquals(ScanReport.Summary.of(m.hosts()), m.summary());
    assertEquals("2026-03-01T11:00:00Z", m.generatedAt());
    assertTrue(m.scan().kind().startsWith("merged from 2"));
  }

  @Test
  void hostInSeveralReportsKeepsTheNewestWhateverTheArgumentOrder() {
    ScanReport older =
        ReportFixtures.report(
            "2026-03-01T10:00:00Z", List.of(ReportFixtures.notReadyMissingCaps("db-01")));
    ScanReport newer =
        ReportFixtures.report("2026-03-02T10:00:00Z", List.of(ReportFixtures.ready("db-01", "x")));
    assertEquals(
        Verdict.READY,
        ReportMerger.merge(List.of(src("n", newer), src("o", older))).hosts().get(0).verdict());
    assertEquals(
        Verdict.READY,
        ReportMerger.merge(List.of(src("o", older), src("n", newer))).hosts().get(0).verdict());
  }

  @Test
  void refusesReportsOfDifferentModelsOrSchemaVersions() {
    ScanReport a = ReportFixtures.fleet();
    ScanReport otherModel =
        new ScanReport(
            a.schemaVersion(),
            a.tool(),
            a.generatedAt(),
            a.purpose(),
            a.inventory(),
            new ScanReport.ModelRef("ecapture-minimum-privileges", "2027.1.0"),
            a.scan(),
            a.summary(),
            a.bestPractices(),
            a.hosts());
    var e =
        assertThrows(
            ReportMerger.ConflictException.class,
            () -> ReportMerger.merge(List.of(src("a.json", a), src("b.json", otherModel))));
    assertEquals(
        "cannot merge: a.json has requirement model ecapture-minimum-privileges 2026.11.1 but b.json has "
            + "ecapture-minimum-privileges 2027.1.0",
        e.getMessage());
    ScanReport otherSchema = withSchema(a, "2.0");
    assertThrows(
        ReportMerger.ConflictException.class,
        () -> ReportMerger.merge(List.of(src("a.json", a), src("c.json", otherSchema))));
  }

  @Test
  void mergesReportsOfTheSameMajorSchemaAsTheHighestMinor() {
    ScanReport a = ReportFixtures.fleet();
    ScanReport older = withSchema(a, "1.0");
    assertEquals(
        ScanReport.SCHEMA_VERSION,
        ReportMerger.merge(List.of(src("old.json", older), src("new.json", a))).schemaVersion());
    assertEquals(
        ScanReport.SCHEMA_VERSION,
        ReportMerger.merge(List.of(src("new.json", a), src("old.json", older))).schemaVersion());
  }

  private static ScanReport withSchema(ScanReport a, String version) {
    return new ScanReport(
        version,
        a.tool(),
        a.generatedAt(),
        a.purpose(),
        a.inventory(),
        a.model(),
        a.scan(),
        a.summary(),
        a.bestPractices(),
        a.hosts());
  }
}
