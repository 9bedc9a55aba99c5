package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSchemaTest {
  static final JsonSchema SCHEMA = load();

  static JsonSchema load() {
    try (InputStream in = ScanReport.class.getResourceAsStream("report.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Set<String> problems(JsonNode node) {
    return SCHEMA.validate(node).stream()
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toSet());
  }

  @Test
  void serializedFleetReportMatchesTheSchema(@TempDir Path dir) throws Exception {
    Path file = JsonReports.write(ReportFixtures.fleet(), dir.resolve("r.json"));
    JsonNode node = JsonReports.mapper().readTree(file.toFile());
    assertEquals(Set.of(), problems(node));
  }

  @Test
  void mergedAndLargeReportsMatchTheSchema() {
    ScanReport merged =
        ReportMerger.merge(
            java.util.List.of(
                new ReportMerger.Source("a", ReportFixtures.fleet()),
                new ReportMerger.Source("b", ReportFixtures.large(40))));
    assertEquals(Set.of(), problems(JsonReports.mapper().valueToTree(merged)));
  }

  @Test
  void reportRoundTripsThroughJson(@TempDir Path dir) throws Exception {
    ScanReport fleet = ReportFixtures.fleet();
    Path file = JsonReports.write(fleet, dir.resolve("r.json"));
    assertEquals(fleet, JsonReports.read(file));
  }

  @Test
  void hostsCarryTheirInventoryGroups() {
    JsonNode host = JsonReports.mapper().valueToTree(ReportFixtures.fleet()).get("hosts").get(0);
    assertEquals("[\"prod\",\"web\"]", host.get("groups").toString());
  }

  @Test
  void groupsThatAreNotAListOfNamesFailValidation() {
    ObjectNode node = JsonReports.mapper().valueToTree(ReportFixtures.fleet());
    ((ObjectNode) node.withArray("hosts").get(0)).put("groups", "web");
    assertFalse(problems(node).isEmpty());
    ((ObjectNode) node.withArray("hosts").get(0)).putArray("groups").add("web").add("web");
    assertFalse(problems(node).isEmpty());
  }

  @Test
  void badVerdictFailsValidation() throws Exception {
    ObjectNode node = JsonReports.mapper().valueToTree(ReportFixtures.fleet());
    ((ObjectNode) node.withArray("hosts").get(0)).put("verdict", "MAYBE");
    assertFalse(problems(node).isEmpty());
  }

  @Test
  void missingHostsFailsValidation() throws Exception {
    ObjectNode node = JsonReports.mapper().valueToTree(ReportFixtures.fleet());
    node.remove("hosts");
    assertTrue(
        problems(node).stream().anyMatch(m -> m.contains("hosts")), problems(node).toString());
  }

  @Test
  void unreachableHostWithoutErrorFailsValidation() throws Exception {
    ObjectNode node = JsonReports.mapper().valueToTree(ReportFixtures.fleet());
    for (JsonNode h : node.withArray("hosts")) {
      if (h.get("verdict").asText().equals("UNREACHABLE")) {
        ((ObjectNode) h).remove("error");
      }
    }
    assertFalse(problems(node).isEmpty());
  }

  @Test
  void scoreAboveHundredAndUnknownSeverityFailValidation() throws Exception {
    ObjectNode node = JsonReports.mapper().valueToTree(ReportFixtures.fleet());
    ObjectNode host = (ObjectNode) node.withArray("hosts").get(0);
    host.put("score", 101);
    assertFalse(problems(node).isEmpty());
    host.put("score", 100);
    ((ObjectNode) host.withArray("findings").get(0)).put("severity", "critical");
    assertFalse(problems(node).isEmpty());
  }

  @Test
  void docDriftCountIsANonNegativeIntegerCountedFromTheFindings() throws Exception {
    ObjectNode node = JsonReports.mapper().valueToTree(ReportFixtures.fleet());
    assertTrue(node.path("summary").path("docDrift").isInt(), node.path("summary").toString());
    ((ObjectNode) node.get("summary")).put("docDrift", -1);
    assertFalse(problems(node).isEmpty());
    ((ObjectNode) node.get("summary")).put("docDrift", "three");
    assertFalse(problems(node).isEmpty());
    ((ObjectNode) node.get("summary"))
        .putNull("docDrift"); // reports written before doc drift existed
    assertEquals(Set.of(), problems(node));
    HostReport h = ReportFixtures.fleet().hosts().get(0);
    java.util.List<dev.capfleet.assess.Finding> findings = new java.util.ArrayList<>(h.findings());
    findings.add(
        new dev.capfleet.assess.Finding(
            dev.capfleet.assess.DocDrift.FINDING_ID,
            dev.capfleet.core.Severity.INFO,
            dev.capfleet.assess.CheckStatus.FAIL,
            "t",
            "d",
            null,
            java.util.Map.of(),
            java.util.List.of(),
            "r"));
    HostReport drifted =
        new HostReport(
            h.name(),
            h.address(),
            h.port(),
            h.user(),
            h.groups(),
            h.verdict(),
            h.score(),
            h.mode(),
            h.kernel(),
            h.arch(),
            h.binary(),
            h.requiredCapabilities(),
            h.boundingSet(),
            h.noNewPrivs(),
            h.mounts(),
            h.facts(),
            findings,
            h.remediation(),
            h.cleanup(),
            h.actions(),
            h.checks(),
            h.error(),
            h.probes(),
            h.millis());
    assertEquals(1, ScanReport.Summary.of(java.util.List.of(drifted, h)).docDrift());
  }
}
