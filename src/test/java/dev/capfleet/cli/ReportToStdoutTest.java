package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --out -}: the one report on standard output, everything for people on standard error. */
class ReportToStdoutTest {
  @TempDir Path dir;

  @Test
  void demoWritesJsonAloneToStandardOutputAndTheSummaryToStandardError() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"demo", "-o", "-", "--format", "json"},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of());
    assertEquals(4, exit, err.toString());
    // the whole of stdout is one JSON document: trailing text (a summary) would fail the read
    JsonNode report =
        new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readTree(out.toString());
    assertEquals(16, report.path("summary").path("hosts").asInt());
    assertTrue(err.toString().contains("16 hosts"), err.toString());
    assertTrue(err.toString().contains("Demo fleet: 16 hosts"), err.toString());
    assertFalse(err.toString().contains("Reports:"), "no file was written");
    assertFalse(Files.exists(Path.of("-")), "no folder named '-'");
  }

  @Test
  void demoJunitOnStandardOutputValidatesAgainstTheJenkinsSchema() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"demo", "--out", "-", "--format", "junit"},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of());
    assertEquals(4, exit, err.toString());
    javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(getClass().getResource("/junit/junit-10.xsd"))
        .newValidator()
        .validate(
            new javax.xml.transform.stream.StreamSource(new java.io.StringReader(out.toString())));
    assertEquals(16, out.toString().split("<testcase ", -1).length - 1, "a testcase per demo host");
    assertTrue(
        out.toString().contains("<failure type=\"filesystem-allows-file-capabilities\""),
        out.toString());
    assertTrue(out.toString().contains("<error type=\"connect-refused\""), out.toString());
  }

  @Test
  void checkLocalWritesHtmlAloneToStandardOutput() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"check", "--local", "--out", "-", "--format", "html"},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of());
    assertTrue(exit == 0 || exit == 3, exit + ": " + err);
    assertTrue(out.toString().startsWith("<!DOCTYPE html>"), out.toString());
    assertTrue(out.toString().endsWith("</html>\n"), "nothing after the page");
    // check ends as scan does: the same console summary, on standard error beside a report on
    // standard output
    assertTrue(
        err.toString().startsWith("1 host against "), "the summary goes to standard error: " + err);
  }

  @Test
  void standardOutputTakesOneTextFormat() {
    for (String formats : new String[] {"json,xlsx", "xlsx", "json,html"}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          Main.run(
              new String[] {"demo", "--out", "-", "--format", formats},
              new PrintWriter(out),
              new PrintWriter(err),
              Map.of());
      assertEquals(2, exit, formats + ": " + err);
      assertTrue(
          err.toString().contains("--out -: standard output takes one text format"),
          err.toString());
      assertEquals("", out.toString());
    }
  }

  @Test
  void unknownFormatIsAUsageErrorNamingTheValidOnes() {
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"demo", "--out", dir.toString(), "--format", "pdf"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            Map.of());
    assertEquals(2, exit);
    assertTrue(
        err.toString().contains("unknown report format 'pdf' (valid: json, xlsx, html, junit)"),
        err.toString());
  }
}
