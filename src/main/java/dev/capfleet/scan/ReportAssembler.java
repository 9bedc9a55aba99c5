package dev.capfleet.scan;

import dev.capfleet.model.RequirementModel;
import dev.capfleet.report.HostReport;
import dev.capfleet.report.ScanReport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Puts the hosts of one scan together with its metadata into a {@link ScanReport}. */
public final class ReportAssembler {
  private ReportAssembler() {}

  /**
   * @param kind {@code scan}, {@code check} or {@code demo}
   * @param inventory the inventory file, or null for a local check
   */
  public static ScanReport assemble(
      String toolVersion,
      RequirementModel model,
      String kind,
      String purpose,
      String inventory,
      String mode,
      String limit,
      Integer forks,
      Instant started,
      Instant finished,
      boolean interrupted,
      List<HostReport> hosts) {
    return new ScanReport(
        ScanReport.SCHEMA_VERSION,
        new ScanReport.Tool("capfleet", toolVersion),
        finished.truncatedTo(ChronoUnit.SECONDS).toString(),
        purpose,
        inventory,
        new ScanReport.ModelRef(model.id(), model.version()),
        new ScanReport.ScanInfo(
            kind,
            mode,
            limit,
            forks,
            started.truncatedTo(ChronoUnit.MILLIS).toString(),
            finished.truncatedTo(ChronoUnit.MILLIS).toString(),
            finished.toEpochMilli() - started.toEpochMilli(),
            interrupted),
        ScanReport.Summary.of(hosts),
        model.bestPractices(),
        hosts);
  }
}
