package dev.capfleet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.capfleet.demo.DemoHost.Behaviour;
import dev.capfleet.model.ModelLoader;
import dev.capfleet.probe.ProbeOutput;
import dev.capfleet.report.HostReport;
import dev.capfleet.scan.HostAuditor;
import dev.capfleet.scan.HostPlan;
import dev.capfleet.transport.ExecOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo hosts' answers are exactly the recordings in fixtures/demo/recordings with the section
 * replacements listed in fixtures/demo/edits.json, nothing more; and each gets the verdict
 * fleet.json promises.
 *
 * <p>To rebuild the answers after changing a recording or an edit, run this test with {@code
 * -Dcapfleet.demo.regenerate=src/main/resources/dev/capfleet/demo/hosts}.
 */
class DemoFixturesTest {
  private static final String NONCE = FleetSpec.RECORDED_NONCE;
  private static final HostAuditor AUDITOR = new HostAuditor(ModelLoader.verified());

  @Test
  void everyAnswerIsItsRecordingWithOnlyTheListedEdits() throws IOException {
    JsonNode edits =
        JsonMapper.builder().build().readTree(resource("/fixtures/demo/edits.json")).path("hosts");
    String regenerate = System.getProperty("capfleet.demo.regenerate");
    Set<String> listed = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = edits.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      listed.add(e.getKey());
      String composed = compose(e.getValue());
      if (regenerate != null) {
        Files.writeString(Path.of(regenerate, e.getKey()), composed, StandardCharsets.UTF_8);
        continue; // the copies under target/ are older than what was just written
      }
      assertEquals(composed, resource("/dev/capfleet/demo/hosts/" + e.getKey()), e.getKey());
    }
    Set<String> used = new TreeSet<>();
    FleetSpec.bundled().stream()
        .filter(t -> t.fixture() != null)
        .forEach(t -> used.add(t.fixture()));
    assertEquals(listed, used, "edits.json and fleet.json must name the same answer files");
  }

  @Test
  void everyBundledHostGetsTheVerdictFleetJsonPromises() {
    List<String> wrong = new ArrayList<>();
    for (FleetSpec.Template t : FleetSpec.bundled()) {
      if (t.behaviour() != Behaviour.ANSWER) {
        continue;
      }
      String raw = new String(t.answer(), StandardCharsets.UTF_8);
      assertTrue(ProbeOutput.parse(raw, NONCE).complete(), t.name());
      HostReport r = audit(t, raw);
      if (t.expect() != r.verdict()) {
        wrong.add(
            t.name()
                + " expected "
                + t.expect()
                + " but was "
                + r.verdict()
                + ": "
                + r.findings().stream()
                    .filter(f -> f.severity() != dev.capfleet.core.Severity.INFO)
                    .map(f -> f.id() + "/" + f.status() + "/" + f.capability())
                    .toList());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void documentedModelGivesTheVerdictsFleetJsonRecordsForIt() throws IOException {
    JsonNode fleet =
        JsonMapper.builder()
            .build()
            .readTree(resource("/dev/capfleet/demo/fleet.json"))
            .path("hosts");
    Map<String, String> documented = new java.util.HashMap<>();
    fleet.forEach(h -> documented.put(h.path("name").asText(), h.path("documented").asText()));
    HostAuditor docs = new HostAuditor(ModelLoader.documented());
    List<String> wrong = new ArrayList<>();
    for (FleetSpec.Template t : FleetSpec.bundled()) {
      if (t.behaviour() != Behaviour.ANSWER) {
        continue;
      }
      HostReport r = audit(docs, t, new String(t.answer(), StandardCharsets.UTF_8));
      if (!documented.get(t.name()).equals(r.verdict().name())) {
        wrong.add(t.name() + " documented " + documented.get(t.name()) + " but was " + r.verdict());
      }
      // the documented model is the baseline: it never reports drift against itself
      assertTrue(r.findings().stream().noneMatch(f -> f.id().equals("doc-drift")), t.name());
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyHostWhereTheDocsWouldJudgeDifferentlyCarriesADocDriftFinding() {
    for (FleetSpec.Template t : FleetSpec.bundled()) {
      if (t.behaviour() != Behaviour.ANSWER) {
        continue;
      }
      String raw = new String(t.answer(), StandardCharsets.UTF_8);
      HostReport verified = audit(t, raw);
      HostReport docs = audit(new HostAuditor(ModelLoader.documented()), t, raw);
      boolean differs =
          verified.verdict() != docs.verdict()
              || !java.util.Set.copyOf(verified.requiredCapabilities())
                  .equals(java.util.Set.copyOf(docs.requiredCapabilities()));
      assertEquals(
          differs,
          verified.findings().stream().anyMatch(f -> f.id().equals("doc-drift")),
          t.name());
    }
  }

  static HostReport audit(FleetSpec.Template t, String stdout) {
    return audit(AUDITOR, t, stdout);
  }

  static HostReport audit(HostAuditor auditor, FleetSpec.Template t, String stdout) {
    HostPlan plan =
        new HostPlan(
            t.name(),
            "127.0.0.1",
            22,
            DemoFleet.USER,
            List.of(),
            t.binary(),
            t.mode() == null ? "text" : t.mode(),
            "readiness",
            null,
            null,
            null);
    ExecOutcome outcome =
        new ExecOutcome(
            ExecOutcome.Status.OK,
            0,
            stdout.getBytes(StandardCharsets.UTF_8),
            null,
            false,
            "",
            null,
            1);
    return auditor.audit(plan, outcome, NONCE, Instant.parse("2026-11-28T12:00:00Z"));
  }

  private static String compose(JsonNode spec) {
    String raw = resource("/fixtures/demo/recordings/" + spec.path("recording").asText());
    for (JsonNode edit : spec.path("edits")) {
      String section = edit.path("section").asText();
      Pattern p =
          Pattern.compile(
              "(@@CAPFLEET "
                  + NONCE
                  + " begin "
                  + section
                  + "\n)(.*?)(\n@@CAPFLEET "
                  + NONCE
                  + " end "
                  + section
                  + " )(\\d+)\n",
              Pattern.DOTALL);
      Matcher m = p.matcher(raw);
      assertTrue(m.find(), "no section " + section);
      String body;
      String exit;
      if (edit.has("replace")) {
        String from = edit.path("replace").get(0).asText();
        String to = edit.path("replace").get(1).asText();
        assertEquals(
            1,
            m.group(2).split(Pattern.quote(from), -1).length - 1,
            "'" + from + "' once in " + section);
        body = m.group(2).replace(from, to);
        exit = m.group(4);
      } else {
        String output =
            edit.has("fixture")
                ? resource("/fixtures/" + edit.path("fixture").asText())
                : edit.path("output").asText();
        assertNotNull(output);
        body = output.endsWith("\n") ? output : output + "\n";
        exit = edit.path("exit").asText();
      }
      raw =
          raw.substring(0, m.start())
              + m.group(1)
              + body
              + m.group(3)
              + exit
              + "\n"
              + raw.substring(m.end());
    }
    return raw;
  }

  static String resource(String path) {
    try (InputStream in = DemoFixturesTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
