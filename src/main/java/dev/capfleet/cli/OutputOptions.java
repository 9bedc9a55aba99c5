package dev.capfleet.cli;

import dev.capfleet.core.BaseName;
import dev.capfleet.core.HostText;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --out}, {@code --name} and {@code --format}: where reports go and in which formats. */
public final class OutputOptions {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The {@code --out} value that means standard output. */
  static final String STDOUT = "-";

  static final List<String> KNOWN = List.of("json", "xlsx", "html", "junit");

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR|-",
      description =
          "Report folder (default: ${DEFAULT-VALUE}); '-' writes one text format (json, html, junit) "
              + "to standard output, and the summary to standard error.")
  Path out = Path.of("reports");

  @Option(
      names = "--name",
      paramLabel = "BASENAME",
      description =
          "Report file name without extension (default: capfleet-<UTC yyyyMMdd'T'HHmmss'Z'>; "
              + "merge: capfleet-merged-<...>).")
  String name;

  @Option(
      names = "--format",
      split = ",",
      paramLabel = "FORMAT",
      description =
          "Report formats, comma-separated: json, xlsx, html, junit (default: json,xlsx; json with --out -).")
  List<String> formats;

  /** The base name to use, validated: a plain file name, no folder parts. */
  String baseName(Instant now) {
    String n = name == null ? "capfleet-" + STAMP.format(now) : name;
    String problem = BaseName.problem(n);
    if (problem != null) {
      throw new UsageException("--name: " + problem);
    }
    return n;
  }

  /**
   * True for {@code --out -}: the report goes to standard output, human output to standard error.
   */
  boolean toStdout() {
    return STDOUT.equals(out.toString());
  }

  /**
   * As {@link #baseName(Instant)}, but a default name starts {@code prefix} ({@code merge} marks
   * its own).
   */
  String baseName(Instant now, String prefix) {
    return name == null ? prefix + STAMP.format(now) : baseName(now);
  }

  Set<String> formats() {
    Set<String> set = new LinkedHashSet<>();
    List<String> given =
        formats != null ? formats : toStdout() ? List.of("json") : List.of("json", "xlsx");
    for (String f : given) {
      String t = f.trim().toLowerCase(java.util.Locale.ROOT);
      if (!KNOWN.contains(t)) {
        throw new UsageException(
            "--format: unknown report format '"
                + HostText.printable(f)
                + "' (valid: "
                + String.join(", ", KNOWN)
                + ")");
      }
      set.add(t);
    }
    if (toStdout() && (set.size() != 1 || set.contains("xlsx"))) {
      // one stream holds one document; a workbook is binary and belongs in a file
      throw new UsageException(
          "--out -: standard output takes one text format (json, html or junit), not "
              + String.join(",", set));
    }
    return set;
  }

  /**
   * Refuses an output folder that exists as a file or cannot be written, before any host is
   * scanned.
   */
  void checkWritable() {
    if (toStdout()) {
      return;
    }
    try {
      java.nio.file.Files.createDirectories(out);
    } catch (java.io.IOException e) {
      throw new UsageException(
          "--out: cannot create report folder " + out + ": " + IoErrors.reason(e));
    }
    try {
      // a real write: access(2) cannot tell everything (read-only bind mounts seen through ACLs,
      // quotas)
      java.nio.file.Files.delete(java.nio.file.Files.createTempFile(out, ".capfleet-", ".probe"));
    } catch (java.io.IOException e) {
      throw new UsageException(
          "--out: report folder " + out + " is not writable: " + IoErrors.reason(e));
    }
  }
}
