package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capfleet.assess.Check;
import dev.capfleet.assess.CheckStatus;
import dev.capfleet.assess.Finding;
import dev.capfleet.core.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The enums of assess and core in the report's JSON: written as schema 1.0 spelled them, read back
 * from reports of every 1.x version, an unknown word refused by name.
 */
class ReportSpellingsTest {
  private static final ObjectMapper JSON = JsonReports.mapper();

  @Test
  void findingsAndChecksAreSpelledAsSchemaOneZeroSpelledThem() throws Exception {
    Finding f =
        new Finding(
            "r", Severity.BLOCKER, CheckStatus.FAIL, "t", "d", null, Map.of(), List.of(), null);
    JsonNode finding = JSON.valueToTree(f);
    assertEquals("blocker", finding.get("severity").asText());
    assertEquals("failed", finding.get("status").asText());
    JsonNode check = JSON.valueToTree(new Check("r", null, CheckStatus.FAIL, "d"));
    assertEquals("fail", check.get("status").asText());
    assertEquals("d", check.get("reason").asText());
    for (CheckStatus s : CheckStatus.values()) {
      assertEquals(s.id(), JSON.valueToTree(new Check("r", null, s, null)).get("status").asText());
    }
  }

  @Test
  void aSchemaOneZeroReportReadsBackWithItsSpellings() throws Exception {
    ObjectNode report = JSON.valueToTree(ReportFixtures.fleet());
    report.put("schemaVersion", "1.0");
    for (JsonNode host : report.get("hosts")) {
      for (JsonNode c : host.path("checks")) {
        ((ObjectNode) c).remove("reason"); // 1.0 had none
      }
    }
    JsonNode firstHost = report.get("hosts").get(0);
    ((ObjectNode) firstHost.get("checks").get(0)).put("status", "fail");
    ((ObjectNode) firstHost.get("findings").get(0)).put("status", "failed");
    ((ObjectNode) firstHost.get("findings").get(0)).put("severity", "warning");
    ScanReport back = JSON.treeToValue(report, ScanReport.class);
    HostReport h = back.hosts().get(0);
    assertEquals(CheckStatus.FAIL, h.checks().get(0).status());
    assertNull(h.checks().get(0).reason());
    assertEquals(CheckStatus.FAIL, h.findings().get(0).status());
    assertEquals(Severity.WARNING, h.findings().get(0).severity());
    // and written again, byte for byte the words it was read with
    JsonNode again = JSON.valueToTree(back).get("hosts").get(0);
    assertEquals("failed", again.get("findings").get(0).get("status").asText());
    assertEquals("warning", again.get("findings").get(0).get("severity").asText());
    assertEquals("fail", again.get("checks").get(0).get("status").asText());
  }

  @Test
  void anUnknownSeverityOrStatusIsRefusedByName() {
    ObjectNode report = JSON.valueToTree(ReportFixtures.fleet());
    ObjectNode finding = (ObjectNode) report.get("hosts").get(0).get("findings").get(0);
    finding.put("severity", "catastrophic");
    var e = assertThrows(Exception.class, () -> JSON.treeToValue(report, ScanReport.class));
    assertTrue(e.getMessage().contains("catastrophic"), e.getMessage());
    finding.put("severity", "blocker");
    finding.put("status", "passedish");
    e = assertThrows(Exception.class, () -> JSON.treeToValue(report, ScanReport.class));
    assertTrue(e.getMessage().contains("passedish"), e.getMessage());
  }
}
