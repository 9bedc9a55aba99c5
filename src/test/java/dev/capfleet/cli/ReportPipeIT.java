package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.report.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capfleet scan --format json --out - | jq .summary} through the real jar and a real pipe: a
 * local host (ansible_connection=local) so no SSH is needed, and a home of its own so no ~/.ssh is
 * read.
 */
class ReportPipeIT {
  @TempDir Path dir;

  @Test
  void scanJsonOnStandardOutputPipesIntoJq() throws Exception {
    Path jq = Processes.require("jq");
    Path inventory =
        Files.writeString(
            dir.resolve("hosts.ini"), "[lab]\nthis-machine ansible_connection=local\n");
    Files.writeString(dir.resolve("known_hosts"), "");
    Path home = Files.createDirectories(dir.resolve("home"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar =
        Path.of(System.getProperty("capfleet.jar", "target/capfleet.jar"))
            .toAbsolutePath()
            .toString();
    // positional arguments only: the script is a constant
    String script =
        "{ \"$1\" -Duser.home=\"$2\" -jar \"$3\" scan -i \"$4\" --known-hosts \"$5\" --format json --out - "
            + "2>stderr.txt; echo $? >exit.txt; } | \"$6\" -c .summary";
    Processes.Run r =
        Processes.run(
            dir,
            Map.of("HOME", home.toString()),
            List.of(
                "sh",
                "-c",
                script,
                "sh",
                java,
                home.toString(),
                jar,
                inventory.toString(),
                dir.resolve("known_hosts").toString(),
                jq.toString()));
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertEquals(0, r.exit(), r.output() + stderr);
    JsonNode summary = new ObjectMapper().readTree(r.output());
    assertEquals(1, summary.path("hosts").asInt(), r.output());
    assertTrue(summary.path("verdicts").isObject(), r.output());
    int exit = Integer.parseInt(Files.readString(dir.resolve("exit.txt")).strip());
    assertTrue(
        exit == 0 || exit == 3,
        "a scan's verdict exit code, not an error: " + exit + "\n" + stderr);
    assertTrue(stderr.contains("1 host against "), "the summary goes to standard error: " + stderr);
    assertTrue(
        Files.notExists(dir.resolve("-")) && Files.notExists(dir.resolve("reports")),
        "no report folder");
  }
}
