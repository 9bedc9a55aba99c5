package dev.capfleet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shared vocabulary's walls, read from the source tree: who may name which stage. */
class PackageImportsTest {
  private static final Path MAIN = Path.of("src/main/java/dev/capfleet");
  private static final Pattern PROJECT_NAME = Pattern.compile("\\bdev\\.capfleet\\.(\\w+)\\.");

  @Test
  void modelReportAndDemoNameNoProbeClass() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String stage : List.of("model", "report", "demo")) {
      offenders.addAll(namings(stage, "probe"));
    }
    assertEquals(
        List.of(),
        offenders,
        "model, report and demo take shared values from core, not from probe");
  }

  @Test
  void coreNamesNoOtherPartOfTheProject() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String other :
        List.of(
            "assess",
            "cli",
            "demo",
            "inventory",
            "model",
            "probe",
            "report",
            "scan",
            "transport",
            "lab")) {
      offenders.addAll(namings("core", other));
    }
    assertEquals(
        List.of(), offenders, "core is the bottom of the pipeline and imports nothing of it");
  }

  @Test
  void theScanFindsANamingWhereThereIsOne() throws IOException {
    // guards the two tests above against a scan that reads nothing: scan does name probe
    assertTrue(!namings("scan", "probe").isEmpty());
  }

  /**
   * Files of {@code stage} that name a class of {@code other} (import or fully qualified), as
   * file:line.
   */
  private static List<String> namings(String stage, String other) throws IOException {
    Path dir = MAIN.resolve(stage);
    assertTrue(Files.isDirectory(dir), "no source folder " + dir.toAbsolutePath());
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = PROJECT_NAME.matcher(lines.get(i));
          while (m.find()) {
            if (m.group(1).equals(other)) {
              found.add(MAIN.relativize(f) + ":" + (i + 1));
            }
          }
        }
      }
    }
    return found;
  }
}
