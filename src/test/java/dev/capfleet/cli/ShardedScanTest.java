package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.demo.DemoFleet;
import dev.capfleet.demo.DemoHost;
import dev.capfleet.report.HostReport;
import dev.capfleet.report.JsonReports;
import dev.capfleet.report.ScanReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --shard K/N} on N scanners covers the inventory exactly once, and {@code merge} joins
 * the parts.
 */
class ShardedScanTest {
  @TempDir Path dir;

  @Test
  void shardsCoverEveryHostOnceAndMergeIntoOneReport() throws Exception {
    try (DemoFleet fleet = DemoFleet.start(dir.resolve("fleet"), 12)) {
      Path out = dir.resolve("out");
      List<String> parts = new ArrayList<>();
      Set<String> scanned = new HashSet<>();
      int total = 0;
      for (int k = 1; k <= 3; k++) {
        int exit =
            run(
                "scan",
                "-i",
                fleet.inventory().toString(),
                "--known-hosts",
                fleet.knownHosts().toString(),
                "--shard",
                k + "/3",
                "--out",
                out.toString(),
                "--name",
                "part-" + k,
                "--format",
                "json");
        assertTrue(exit == 0 || exit == 3, "scan of shard " + k + "/3 exited " + exit);
        Path part = out.resolve("part-" + k + ".json");
        ScanReport report = JsonReports.read(part);
        assertEquals("shard " + k + "/3", report.scan().limit());
        for (HostReport h : report.hosts()) {
          assertTrue(scanned.add(h.name()), h.name() + " is in two shards");
        }
        total += report.hosts().size();
        parts.add(part.toString());
      }
      Set<String> inventory = new HashSet<>(fleet.hosts().stream().map(DemoHost::name).toList());
      assertEquals(inventory, scanned);
      assertEquals(12, total);

      List<String> merge = new ArrayList<>(List.of("merge"));
      merge.addAll(parts);
      merge.addAll(List.of("--out", out.toString(), "--name", "all"));
      run(merge.toArray(String[]::new));
      ScanReport all = JsonReports.read(out.resolve("all.json"));
      assertEquals(inventory, new HashSet<>(all.hosts().stream().map(HostReport::name).toList()));
      assertEquals(12, all.summary().hosts());
    }
  }

  private static int run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    if (code == 1 || code == 2) {
      throw new AssertionError(String.join(" ", args) + " exited " + code + ": " + err);
    }
    return code;
  }
}
