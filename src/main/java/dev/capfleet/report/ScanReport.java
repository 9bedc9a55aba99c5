package dev.capfleet.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.capfleet.core.Verdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A whole report: metadata, summary and every host, in the versioned shape of report.schema.json (a
 * resource beside this class).
 */
@JsonPropertyOrder({
  "schemaVersion",
  "tool",
  "generatedAt",
  "purpose",
  "inventory",
  "model",
  "scan",
  "summary",
  "bestPractices",
  "hosts"
})
public record ScanReport(
    String schemaVersion,
    Tool tool,
    String generatedAt,
    String purpose,
    String inventory,
    ModelRef model,
    ScanInfo scan,
    Summary summary,
    List<String> bestPractices,
    List<HostReport> hosts) {

  /**
   * The version of the report shape: the major part changes on any incompatible change, the minor
   * part when optional fields are added (1.1: {@code checks[].reason}).
   */
  public static final String SCHEMA_VERSION = "1.1";

  /** The tool that wrote the report. */
  public record Tool(String name, String version) {}

  /** Which requirement model scored the hosts. */
  public record ModelRef(String id, String version) {}

  /** How the scan was run. */
  public record ScanInfo(
      String kind,
      String mode,
      String limit,
      Integer forks,
      String startedAt,
      String finishedAt,
      long millis,
      Boolean interrupted) {}

  /**
   * Totals per verdict and the fleet score (mean score of reachable hosts; null when none was
   * reached), and how many hosts eCapture's documentation would judge differently (null in reports
   * from before doc drift).
   */
  public record Summary(
      int hosts, Map<Verdict, Integer> verdicts, Integer fleetScore, Integer docDrift) {
    public Summary(int hosts, Map<Verdict, Integer> verdicts, Integer fleetScore) {
      this(hosts, verdicts, fleetScore, null);
    }

    public static Summary of(List<HostReport> hosts) {
      Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
      for (Verdict v : Verdict.values()) {
        counts.put(v, 0);
      }
      long sum = 0;
      int scored = 0;
      int drift = 0;
      for (HostReport h : hosts) {
        if (h.findings() != null
            && h.findings().stream()
                .anyMatch(f -> dev.capfleet.assess.DocDrift.FINDING_ID.equals(f.id()))) {
          drift++;
        }
        counts.merge(h.verdict(), 1, Integer::sum);
        if (h.score() != null) {
          sum += h.score();
          scored++;
        }
      }
      Integer fleet = scored == 0 ? null : (int) Math.round((double) sum / scored);
      return new Summary(hosts.size(), counts, fleet, drift);
    }
  }
}
