package dev.capfleet.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.capfleet.assess.Assessment;
import dev.capfleet.assess.Check;
import dev.capfleet.assess.Finding;
import dev.capfleet.assess.RemediationStep;
import dev.capfleet.core.Verdict;
import java.util.List;
import java.util.Map;

/**
 * One host in a report: where it is, what was seen there, and what the model concluded. {@code
 * actions} is the ordered remediation every output follows; {@code remediation} is its commands as
 * lines.
 */
@JsonPropertyOrder({
  "name",
  "address",
  "port",
  "user",
  "groups",
  "verdict",
  "score",
  "mode",
  "kernel",
  "arch",
  "binary",
  "requiredCapabilities",
  "boundingSet",
  "noNewPrivs",
  "mounts",
  "facts",
  "findings",
  "remediation",
  "cleanup",
  "actions",
  "checks",
  "error",
  "probes",
  "millis"
})
public record HostReport(
    String name,
    String address,
    Integer port,
    String user,
    List<String> groups,
    Verdict verdict,
    Integer score,
    String mode,
    Kernel kernel,
    String arch,
    Binary binary,
    List<String> requiredCapabilities,
    List<String> boundingSet,
    Boolean noNewPrivs,
    List<MountLine> mounts,
    Map<String, Object> facts,
    List<Finding> findings,
    List<String> remediation,
    List<String> cleanup,
    List<RemediationStep> actions,
    List<Check> checks,
    HostError error,
    Map<String, ProbeRecord> probes,
    long millis) {

  /**
   * Groups are never null: a report written before they were recorded reads as "no groups known".
   */
  public HostReport {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  /** The host as the inventory and the scan's options name it. */
  public record Target(
      String name,
      String address,
      Integer port,
      String user,
      List<String> groups,
      String mode,
      String binary) {}

  /**
   * What the probe saw, shaped by scan (the stage that reads probe facts; report does not).
   *
   * @param facts the {@code facts} map, keyed as the {@code dev.capfleet.core.Facts} constants
   *     declare
   */
  public record Seen(
      Kernel kernel,
      String arch,
      Binary binary,
      List<String> boundingSet,
      Boolean noNewPrivs,
      List<MountLine> mounts,
      Map<String, Object> facts,
      Map<String, ProbeRecord> probes) {}

  /**
   * A host the model assessed: the report takes the score, required set, findings, remediation,
   * cleanup, actions and checks from the assessment itself.
   *
   * @param verdict the assessment's, or INCONCLUSIVE where the probe's answer was incomplete
   * @param error why the answer was incomplete, or null
   */
  public static HostReport assessed(
      Target t, Verdict verdict, Assessment a, Seen seen, HostError error, long millis) {
    return new HostReport(
        t.name(),
        t.address(),
        t.port(),
        t.user(),
        t.groups(),
        verdict,
        a.score(),
        t.mode(),
        seen.kernel(),
        seen.arch(),
        seen.binary(),
        a.requiredCapabilities(),
        seen.boundingSet(),
        seen.noNewPrivs(),
        seen.mounts(),
        seen.facts(),
        a.findings(),
        a.remediation(),
        a.cleanup(),
        a.actions(),
        a.checks(),
        error,
        seen.probes(),
        millis);
  }

  /** A host that could not be assessed (unreachable, refused, interrupted): the error says why. */
  public static HostReport notAssessed(Target t, Verdict verdict, HostError error, long millis) {
    Assessment none =
        new Assessment(
            verdict, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    Seen nothing =
        new Seen(
            null,
            null,
            new Binary(t.binary(), null, null, null, null, null, null, null, null),
            null,
            null,
            List.of(),
            Map.of(),
            Map.of());
    return assessed(t, verdict, none, nothing, error, millis);
  }

  /** The running kernel and where its version was read. */
  public record Kernel(String release, String version, String source) {}

  /** The eCapture binary as found on the host. */
  public record Binary(
      String path,
      Boolean present,
      String mode,
      String owner,
      String group,
      List<String> capabilities,
      String flags,
      String mountPoint,
      List<String> mountOptions) {}

  /** A mount that matters to the model (debugfs, bpffs, tracefs, the binary's filesystem). */
  public record MountLine(String device, String mountPoint, String fsType, List<String> options) {}

  /**
   * Why a host is UNREACHABLE or INCONCLUSIVE: a kind (e.g. {@code host-key-unknown}) and one clear
   * line.
   */
  public record HostError(String kind, String message) {}

  /** One probe section's exit, bounded output and whether it was cut. */
  public record ProbeRecord(Integer exit, String output, boolean truncated, Long millis) {}
}
