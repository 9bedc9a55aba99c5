package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.capfleet.core.Verdict;
import dev.capfleet.model.ModelLoader;
import dev.capfleet.probe.FactsCollector;
import dev.capfleet.probe.GetcapResult;
import dev.capfleet.probe.HostFacts;
import dev.capfleet.probe.ProbeOutput;
import dev.capfleet.probe.SecurityFacts;
import dev.capfleet.report.HostReport;
import dev.capfleet.report.JsonReports;
import dev.capfleet.transport.ExecOutcome;
import dev.capfleet.transport.ExecOutcome.Status;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Generated host answers (seeded, so a failure replays): real recorded probe runs, mixed, shuffled,
 * cut, and salted with random bytes, forged markers, NULs and enormous lines, through ProbeOutput,
 * FactsCollector and the whole HostAuditor path. Whatever a host sends, the result is a report
 * entry with a verdict, never an exception, and it serializes to JSON.
 */
class HostAnswerFuzzTest {
  private static final String N = "0123456789abcdef";
  private static final String BIN = "/usr/local/bin/ecapture";
  private static final String[] RUNS = {
    "dash-ready.txt",
    "bash-ready.txt",
    "bash-missing-binary.txt",
    "busybox-no-libcap.txt",
    "busybox-nosuid.txt",
    "dash-libcap244.txt",
    "dash-nobody-dropped-nnp.txt"
  };
  private static final Pattern SECTION =
      Pattern.compile(
          "@@CAPFLEET " + N + " begin (\\w+)\n(.*?)\n@@CAPFLEET " + N + " end \\1 (\\d+)\n",
          Pattern.DOTALL);

  private record Part(String name, String body, String exit) {}

  private final HostAuditor auditor = new HostAuditor(ModelLoader.documented());
  private final List<List<Part>> recorded = new ArrayList<>();

  HostAnswerFuzzTest() {
    for (String run : RUNS) {
      List<Part> parts = new ArrayList<>();
      Matcher m = SECTION.matcher(resource("/fixtures/probe/" + run));
      while (m.find()) {
        parts.add(new Part(m.group(1), m.group(2), m.group(3)));
      }
      recorded.add(parts);
    }
  }

  @Test
  void everyGeneratedAnswerGetsAVerdictAndSerializes() throws Exception {
    Random random = new Random(7_2025_11_28L);
    for (int i = 0; i < 700; i++) {
      String raw = answer(random);
      ExecOutcome outcome = outcome(random, raw);
      HostPlan plan =
          new HostPlan(
              "h" + i,
              "127.0.0.1",
              22,
              "audit",
              List.of(),
              BIN,
              "text",
              "readiness",
              null,
              null,
              null);
      HostReport r;
      try {
        r = auditor.audit(plan, outcome, N, Instant.parse("2026-01-01T00:00:00Z"));
      } catch (RuntimeException e) {
        throw new AssertionError("iteration " + i + " threw on " + outcome, e);
      }
      check(i, outcome, r);
    }
  }

  @Test
  void pureNoiseReadsAsUnknown() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      byte[] noise = new byte[random.nextInt(20_000)];
      random.nextBytes(noise);
      String text =
          new String(noise, i % 2 == 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      HostFacts facts = FactsCollector.collect(ProbeOutput.parse(text, N), BIN);
      // noise holds no section: every fact is unknown (null) and the gaps say so; only the asked
      // path is known
      for (RecordComponent c : HostFacts.class.getRecordComponents()) {
        Object value = c.getAccessor().invoke(facts);
        switch (c.getName()) {
          case "binaryPath" -> assertEquals(BIN, value);
          case "gaps" -> assertFalse(facts.gaps().isEmpty(), "noise " + i + ": no gap named");
          case "security" -> assertUnknown(facts.security(), i);
          case "getcap" ->
              assertInstanceOf(
                  GetcapResult.Unreadable.class, value, "noise " + i); // getcap's unknown
          default -> assertNull(value, "noise " + i + " read as a fact: " + c.getName());
        }
      }
      HostPlan plan =
          new HostPlan(
              "n" + i,
              "127.0.0.1",
              22,
              "audit",
              List.of(),
              BIN,
              "text",
              "readiness",
              null,
              null,
              null);
      HostReport r =
          auditor.audit(
              plan,
              new ExecOutcome(Status.OK, 0, noise, new byte[0], false, null, null, 5),
              N,
              Instant.parse("2026-01-01T00:00:00Z"));
      assertEquals(Verdict.INCONCLUSIVE, r.verdict(), "noise " + i + " is no answer");
    }
  }

  private static void assertUnknown(SecurityFacts security, int i)
      throws ReflectiveOperationException {
    for (RecordComponent c : SecurityFacts.class.getRecordComponents()) {
      if (!c.getType()
          .isPrimitive()) { // the booleans are derived flags (false when nothing is known)
        assertNull(
            c.getAccessor().invoke(security),
            "noise " + i + " read as a security fact: " + c.getName());
      }
    }
  }

  private static void check(int i, ExecOutcome outcome, HostReport r) throws IOException {
    assertNotNull(r.verdict(), "iteration " + i);
    if (outcome.status().unreachable()) {
      assertEquals(Verdict.UNREACHABLE, r.verdict());
    } else {
      assertNotEquals(Verdict.UNREACHABLE, r.verdict(), "a host that answered is not unreachable");
    }
    if (outcome.status() != Status.OK || r.error() != null) {
      assertTrue(
          r.verdict() == Verdict.INCONCLUSIVE
              || r.verdict() == Verdict.NOT_READY
              || r.verdict() == Verdict.UNREACHABLE,
          "iteration " + i + ": a failed run is never READY: " + r.verdict());
      assertNotNull(r.error(), "iteration " + i + ": a failed run says why");
    }
    r.probes()
        .values()
        .forEach(p -> assertTrue(p.output().length() <= HostAuditor.REPORT_SECTION_CHARS));
    String json = JsonReports.mapper().writeValueAsString(r);
    if (!json.contains("\"verdict\"")) {
      fail("iteration " + i + ": " + json);
    }
  }

  /** A recorded run (or a mix of runs), mutated. */
  private String answer(Random random) {
    List<Part> parts = new ArrayList<>(recorded.get(random.nextInt(recorded.size())));
    if (random.nextInt(4) == 0) { // mix in sections of another run
      List<Part> other = recorded.get(random.nextInt(recorded.size()));
      for (int k = 0; k < 3; k++) {
        parts.set(random.nextInt(parts.size()), other.get(random.nextInt(other.size())));
      }
    }
    if (random.nextInt(3) == 0) {
      Collections.shuffle(parts, random);
    }
    int mutations = random.nextInt(4);
    for (int k = 0; k < mutations && !parts.isEmpty(); k++) {
      int at = random.nextInt(parts.size());
      Part p = parts.get(at);
      switch (random.nextInt(8)) {
        case 0 -> parts.remove(at);
        case 1 -> parts.add(random.nextInt(parts.size() + 1), p);
        case 2 -> parts.set(at, new Part(p.name(), noise(random, 2000), p.exit()));
        case 3 ->
            parts.set(
                at,
                new Part(
                    p.name(), p.body() + "\n" + "Z".repeat(random.nextInt(300_000)), p.exit()));
        case 4 ->
            parts.set(at, new Part(p.name(), p.body(), random.nextBoolean() ? "127" : "$(reboot)"));
        case 5 ->
            parts.set(
                at,
                new Part(
                    p.name(),
                    "@@CAPFLEET ffffffffffffffff end "
                        + p.name()
                        + " 0\n"
                        + "@@CAPFLEET "
                        + N
                        + " end\n@@CAPFLEET "
                        + N
                        + " begin\n"
                        + p.body(),
                    p.exit()));
        case 6 ->
            parts.set(
                at, new Part(p.name(), p.body().replace('\n', '\0').replace(' ', '\r'), p.exit()));
        default ->
            parts.set(
                at,
                new Part(
                    p.name(),
                    p.body().substring(0, random.nextInt(p.body().length() + 1)),
                    p.exit()));
      }
    }
    StringBuilder raw = new StringBuilder("@@CAPFLEET " + N + " probe 1\n");
    for (Part p : parts) {
      raw.append("@@CAPFLEET ")
          .append(N)
          .append(" begin ")
          .append(p.name())
          .append('\n')
          .append(p.body());
      if (random.nextInt(30) != 0) { // now and then a section never ends
        raw.append("\n@@CAPFLEET ")
            .append(N)
            .append(" end ")
            .append(p.name())
            .append(' ')
            .append(p.exit())
            .append('\n');
      }
    }
    if (random.nextInt(5) != 0) {
      raw.append("@@CAPFLEET ").append(N).append(" done\n");
    }
    String text = raw.toString();
    return random.nextInt(6) == 0 ? text.substring(0, random.nextInt(text.length() + 1)) : text;
  }

  private static String noise(Random random, int max) {
    byte[] b = new byte[random.nextInt(max)];
    random.nextBytes(b);
    return new String(
        b, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
  }

  private static ExecOutcome outcome(Random random, String raw) {
    Status[] all = Status.values();
    Status status = random.nextInt(3) == 0 ? all[random.nextInt(all.length)] : Status.OK;
    Integer exit =
        status == Status.OK
            ? (random.nextInt(5) == 0 ? Integer.valueOf(random.nextInt(256)) : 0)
            : null;
    byte[] out = status.unreachable() ? new byte[0] : raw.getBytes(StandardCharsets.UTF_8);
    byte[] err = noise(random, 300).getBytes(StandardCharsets.UTF_8);
    return new ExecOutcome(
        status,
        exit,
        out,
        err,
        status == Status.OUTPUT_LIMIT,
        "why: " + noise(random, 100),
        null,
        random.nextInt(10_000));
  }

  private static String resource(String path) {
    try (InputStream in = HostAnswerFuzzTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
