package dev.capfleet.report;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Unites partial reports (shards of one fleet, or repeated runs) into one. Every host is kept once:
 * where several reports have it, the one from the report generated last wins (on a tie, the later
 * argument). All reports must share schema version, requirement model (id and version) and purpose,
 * since their verdicts are not comparable otherwise.
 */
public final class ReportMerger {
  /** Two reports that cannot be merged; the message names both. */
  public static final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
      super(message);
    }
  }

  /** A report and where it came from, for messages. */
  public record Source(String name, ScanReport report) {}

  private ReportMerger() {}

  public static ScanReport merge(List<Source> sources) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Source first = sources.get(0);
    for (Source s : sources) {
      // minor versions only add optional fields (1.1: a reason on each check), so last month's
      // 1.0 report merges with today's 1.1 one; a major version apart is refused
      same(first, s, "schema major version", r -> major(r.schemaVersion()));
      same(
          first,
          s,
          "requirement model",
          r -> r.model() == null ? null : r.model().id() + " " + r.model().version());
      same(first, s, "purpose", ScanReport::purpose);
    }
    List<Source> oldestFirst = new ArrayList<>(sources);
    oldestFirst.sort(
        Comparator.comparing(
            s -> instant(s.report().generatedAt()))); // stable: ties keep argument order
    Map<String, HostReport> hosts = new LinkedHashMap<>();
    for (Source s : sources) {
      for (HostReport h : hosts(s.report())) {
        hosts.putIfAbsent(h.name(), h); // first appearance decides the order
      }
    }
    for (Source s : oldestFirst) {
      for (HostReport h : hosts(s.report())) {
        hosts.put(h.name(), h); // newer reports overwrite
      }
    }
    ScanReport newest = oldestFirst.get(oldestFirst.size() - 1).report();
    List<HostReport> merged = List.copyOf(hosts.values());
    return new ScanReport(
        highestSchema(sources),
        newest.tool(),
        newest.generatedAt(),
        newest.purpose(),
        inventories(sources),
        newest.model(),
        scan(oldestFirst),
        ScanReport.Summary.of(merged),
        newest.bestPractices(),
        merged);
  }

  private static String major(String version) {
    return version == null || version.indexOf('.') < 0
        ? version
        : version.substring(0, version.indexOf('.'));
  }

  private static int minor(String version) {
    try {
      return Integer.parseInt(version.substring(version.indexOf('.') + 1));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** The merged report holds fields of every source, so it carries the highest minor version. */
  private static String highestSchema(List<Source> sources) {
    return sources.stream()
        .map(s -> s.report().schemaVersion())
        .max(Comparator.comparingInt(ReportMerger::minor))
        .orElseThrow();
  }

  private static void same(
      Source a, Source b, String what, java.util.function.Function<ScanReport, String> f) {
    String x = f.apply(a.report());
    String y = f.apply(b.report());
    if (!Objects.equals(x, y)) {
      throw new ConflictException(
          "cannot merge: "
              + a.name()
              + " has "
              + what
              + " "
              + x
              + " but "
              + b.name()
              + " has "
              + y);
    }
  }

  private static String inventories(List<Source> sources) {
    List<String> all = new ArrayList<>();
    for (Source s : sources) {
      String inv = s.report().inventory();
      if (inv != null && !all.contains(inv)) {
        all.add(inv);
      }
    }
    return all.isEmpty() ? null : String.join(", ", all);
  }

  private static ScanReport.ScanInfo scan(List<Source> oldestFirst) {
    String mode = null;
    boolean sameMode = true;
    String started = null;
    String finished = null;
    long millis = 0;
    boolean interrupted = false;
    for (Source s : oldestFirst) {
      ScanReport.ScanInfo i = s.report().scan();
      if (i == null) {
        continue;
      }
      if (mode == null) {
        mode = i.mode();
      } else if (!mode.equals(i.mode())) {
        sameMode = false;
      }
      started = started == null ? i.startedAt() : started;
      finished = i.finishedAt() == null ? finished : i.finishedAt();
      millis += i.millis();
      interrupted |= Boolean.TRUE.equals(i.interrupted());
    }
    return new ScanReport.ScanInfo(
        "merged from " + oldestFirst.size() + " reports",
        sameMode ? mode : "mixed",
        null,
        null,
        started,
        finished,
        millis,
        interrupted);
  }

  private static Instant instant(String generatedAt) {
    try {
      return generatedAt == null ? Instant.MIN : Instant.parse(generatedAt);
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }

  private static List<HostReport> hosts(ScanReport r) {
    return r.hosts() == null ? List.of() : r.hosts();
  }
}
