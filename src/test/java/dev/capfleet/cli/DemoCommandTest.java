package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capfleet demo}: the embedded fleet scanned over SSH, every verdict kind shown, both
 * reports written.
 */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demoScansTheEmbeddedFleetAndWritesBothReports() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"demo", "--out", dir.toString(), "--name", "demo"},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of());
    assertEquals(4, exit, out + "\n" + err);
    JsonNode report = new ObjectMapper().readTree(dir.resolve("demo.json").toFile());
    assertEquals("demo", report.path("scan").path("kind").asText());
    TreeSet<String> verdicts = new TreeSet<>();
    report.path("hosts").forEach(h -> verdicts.add(h.path("verdict").asText()));
    assertEquals(
        new TreeSet<>(
            java.util.List.of(
                "READY", "READY_WITH_WARNINGS", "INCONCLUSIVE", "NOT_READY", "UNREACHABLE")),
        verdicts);
    assertEquals(16, report.path("hosts").size());
    report
        .path("hosts")
        .forEach(
            h -> {
              if (!h.path("verdict").asText().equals("UNREACHABLE")
                  && !h.path("name").asText().equals("dc-hang")) {
                assertTrue(
                    h.path("kernel").path("release").isTextual(),
                    "scanned for real over SSH: " + h.path("name"));
              }
            });
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve("demo.xlsx")))) {
      assertEquals(17, wb.getSheet("Hosts").getPhysicalNumberOfRows(), "header and one row a host");
    }
    assertTrue(out.toString().contains("16 hosts"), out.toString());
  }
}
