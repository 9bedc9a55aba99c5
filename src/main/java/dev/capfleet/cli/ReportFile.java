package dev.capfleet.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.capfleet.core.HostText;
import dev.capfleet.report.AtomicFiles;
import dev.capfleet.report.JsonReports;
import dev.capfleet.report.ScanReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads report files and writes command output for the report commands; every failure is one usage
 * line.
 */
final class ReportFile {
  private ReportFile() {}

  static ScanReport read(Path file) {
    String name = HostText.printable(file.toString());
    if (Files.isDirectory(file)) {
      throw new UsageException(name + ": is a directory, not a report file");
    }
    ScanReport r;
    try {
      r = JsonReports.read(file);
    } catch (NoSuchFileException e) {
      throw new UsageException(name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UsageException(name + ": permission denied");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UsageException(
          name
              + ": not a capfleet report ("
              + oneLine(e.getOriginalMessage())
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ")");
    } catch (IOException e) {
      throw new UsageException(name + ": cannot read: " + oneLine(e.getMessage()));
    }
    if (r == null || r.hosts() == null || r.schemaVersion() == null) {
      throw new UsageException(name + ": not a capfleet report (no schemaVersion or hosts)");
    }
    String major =
        ScanReport.SCHEMA_VERSION.substring(0, ScanReport.SCHEMA_VERSION.indexOf('.') + 1);
    if (!r.schemaVersion().startsWith(major)) {
      throw new UsageException(
          name
              + ": report schema version "
              + HostText.printable(r.schemaVersion())
              + " is not supported (this capfleet reads "
              + major
              + "x)");
    }
    refuseDuplicateHosts(name, r);
    return r;
  }

  /**
   * One entry per host: with two, diff would read the first and merge keep the last, so the same
   * file would say different things to different commands.
   */
  private static void refuseDuplicateHosts(String name, ScanReport r) {
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < r.hosts().size(); i++) {
      var h = r.hosts().get(i);
      if (h == null || h.name() == null) {
        throw new UsageException(name + ": not a capfleet report (hosts[" + i + "] has no name)");
      }
      Integer first = seen.putIfAbsent(h.name(), i);
      if (first != null) {
        throw new UsageException(
            name
                + ": host "
                + HostText.printable(h.name())
                + " appears twice (hosts["
                + first
                + "] and hosts["
                + i
                + "]); a report holds one entry per host");
      }
    }
  }

  /** Writes text to a file whole or not at all. */
  static void write(Path file, String text) {
    try {
      AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UsageException(
          HostText.printable(file.toString()) + ": cannot write: " + oneLine(e.toString()));
    }
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String line = s.lines().findFirst().orElse("").strip();
    return HostText.printable(line.length() > 200 ? line.substring(0, 200) + "..." : line);
  }
}
