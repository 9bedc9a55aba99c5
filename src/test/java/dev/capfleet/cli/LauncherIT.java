package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/capfleet}: finds the jar, records the class-data-sharing archive once, then starts
 * with it.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("bin", "capfleet").toAbsolutePath();

  @TempDir Path dir;

  record Run(int exit, String output) {}

  /**
   * The launcher with this test's jar, JDK and archive folder, and no JAVA_OPTS of the caller's.
   */
  private ProcessBuilder launcher(String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).directory(dir.toFile());
    pb.environment()
        .put(
            "CAPFLEET_JAR",
            Path.of(System.getProperty("capfleet.jar", "target/capfleet.jar"))
                .toAbsolutePath()
                .toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("CAPFLEET_CDS_DIR", dir.resolve("cds").toString());
    pb.environment().remove("JAVA_OPTS");
    return pb;
  }

  private Run run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = launcher(args);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish");
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private List<Path> cds() throws Exception {
    if (!Files.isDirectory(dir.resolve("cds"))) {
      return List.of();
    }
    try (var files = Files.list(dir.resolve("cds"))) {
      return files.toList();
    }
  }

  @Test
  void firstScanRecordsTheArchiveAndLaterRunsUseItQuietly() throws Exception {
    Run version = run(Map.of(), "--version");
    assertEquals(0, version.exit(), version.output());
    assertTrue(version.output().startsWith("capfleet "), version.output());
    assertEquals(List.of(), cds(), "only a scan, demo or check records the archive");

    String[] demo = {
      "demo",
      "--hosts",
      "3",
      "--out",
      dir.resolve("out").toString(),
      "--name",
      "d",
      "--format",
      "json"
    };
    Run first = run(Map.of(), demo);
    assertTrue(first.exit() == 0 || first.exit() == 3, first.output());
    List<Path> archives = cds();
    assertEquals(1, archives.size(), archives.toString());
    assertTrue(archives.get(0).getFileName().toString().endsWith(".jsa"), archives.toString());

    // -Xshare:on makes the JVM refuse to start unless it maps the archive
    Run second = run(Map.of("JAVA_OPTS", "-Xshare:on"), demo);
    assertEquals(first.exit(), second.exit(), second.output());
    // JVM warnings read "[warning][cds] ..." or "OpenJDK 64-Bit Server VM warning: ..."
    assertFalse(
        second.output().contains("[warning]") || second.output().contains("VM warning"),
        second.output());
    assertEquals(archives, cds());
  }

  @Test
  void archiveCanBeTurnedOffAndUserFlagsWin() throws Exception {
    Run run =
        run(
            Map.of("CAPFLEET_CDS", "off", "JAVA_OPTS", "-Xmx64m"),
            "demo",
            "--hosts",
            "2",
            "--out",
            dir.resolve("out").toString(),
            "--name",
            "d",
            "--format",
            "json");
    assertTrue(run.exit() == 0 || run.exit() == 3, run.output());
    assertEquals(List.of(), cds());
    Run bad = run(Map.of("JAVA_OPTS", "-Xmx1k"), "--version");
    assertTrue(
        bad.exit() != 0 && bad.output().contains("heap"),
        "JAVA_OPTS reaches the JVM last: " + bad.output());
  }

  @Test
  void recordingRunStillReadsStandardInput() throws Exception {
    // The first run starts the JVM in the background to publish the archive after it; without job
    // control that would hand the JVM /dev/null, and the serving fleet would stop at once.
    ProcessBuilder pb =
        launcher("demo", "--serve-only", dir.resolve("fleet").toString(), "--hosts", "2");
    Process p = pb.start();
    var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
    String first = out.readLine();
    assertTrue(first != null && first.startsWith("serving"), String.valueOf(first));
    assertFalse(p.waitFor(2, TimeUnit.SECONDS), "the fleet stopped while its input was open");
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the fleet did not stop when its input ended");
    assertEquals(1, cds().size(), "the run recorded the archive: " + cds());
  }
}
