package dev.capfleet.cli;

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
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("reports");

  @Option(names = "--name", paramLabel = "BASENAME",
      description = "Report file name without extension (default: capfleet-<UTC yyyyMMdd'T'HHmmss'Z'>).")
  String name;

  @Option(names = "--format", split = ",", paramLabel = "FORMAT",
      description = "Report formats, comma-separated: json, xlsx (default: json,xlsx).")
  List<String> formats = List.of("json", "xlsx");

  /** The base name to use, validated: a plain file name, no folder parts. */
  String baseName(Instant now) {
    String n = name == null ? "capfleet-" + STAMP.format(now) : name;
    if (n.isBlank() || n.contains("/") || n.contains("\\") || n.equals(".") || n.equals("..")
        || n.chars().anyMatch(c -> c < 0x20)) {
      throw new UsageException("--name: must be a plain file name without folders: '"
          + dev.capfleet.probe.ProbeScript.printable(n) + "'");
    }
    return n;
  }

  Set<String> formats() {
    Set<String> set = new LinkedHashSet<>();
    for (String f : formats) {
      String t = f.trim().toLowerCase(java.util.Locale.ROOT);
      if (!t.equals("json") && !t.equals("xlsx")) {
        throw new UsageException("--format: unknown report format '" + f + "' (valid: json, xlsx)");
      }
      set.add(t);
    }
    return set;
  }

  /** Refuses an output folder that exists as a file or cannot be written, before any host is scanned. */
  void checkWritable() {
    try {
      java.nio.file.Files.createDirectories(out);
    } catch (java.io.IOException e) {
      throw new UsageException("--out: cannot create report folder " + out + ": " + IoErrors.reason(e));
    }
    try {
      // a real write: access(2) cannot tell everything (read-only bind mounts seen through ACLs, quotas)
      java.nio.file.Files.delete(java.nio.file.Files.createTempFile(out, ".capfleet-", ".probe"));
    } catch (java.io.IOException e) {
      throw new UsageException("--out: report folder " + out + " is not writable: " + IoErrors.reason(e));
    }
  }
}
