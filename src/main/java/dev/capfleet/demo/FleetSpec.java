package dev.capfleet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.capfleet.core.Verdict;
import dev.capfleet.demo.DemoHost.Behaviour;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bundled demo fleet ({@code fleet.json}) and the recorded answers it points to. */
final class FleetSpec {
  static final String BASE = "/dev/capfleet/demo/";

  /** The nonce the recorded answers carry; replaced by the scanner's nonce when a host answers. */
  static final String RECORDED_NONCE = "0123456789abcdef";

  /**
   * One host as fleet.json describes it, before it has an address.
   *
   * @param answer the recorded probe output, or null for hosts that never answer
   */
  record Template(
      String name,
      List<String> groups,
      String mode,
      String binary,
      Behaviour behaviour,
      String fixture,
      byte[] answer,
      Verdict expect,
      String why) {}

  private static final Map<String, byte[]> ANSWERS = new HashMap<>();

  private FleetSpec() {}

  /** Every host of fleet.json, in file order. */
  static List<Template> bundled() {
    JsonNode root;
    try (InputStream in = resource("fleet.json")) {
      root = JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled demo fleet", e);
    }
    List<Template> out = new ArrayList<>();
    for (JsonNode h : root.path("hosts")) {
      String name = h.path("name").asText();
      Behaviour behaviour =
          Behaviour.valueOf(h.path("behaviour").asText("answer").toUpperCase(Locale.ROOT));
      String fixture = h.hasNonNull("fixture") ? h.get("fixture").asText() : null;
      if (behaviour == Behaviour.ANSWER && fixture == null) {
        throw new IllegalStateException("demo host " + name + " answers but names no fixture");
      }
      List<String> groups = new ArrayList<>();
      h.path("groups").forEach(g -> groups.add(g.asText()));
      out.add(
          new Template(
              name,
              groups,
              h.hasNonNull("mode") ? h.get("mode").asText() : null,
              h.path("binary").asText(DemoHost.DEFAULT_BINARY),
              behaviour,
              fixture,
              fixture == null ? null : answer(fixture),
              Verdict.valueOf(h.path("expect").asText()),
              h.path("why").asText(null)));
    }
    return out;
  }

  /** The hosts that answer: what a generated benchmark fleet cycles through. */
  static List<Template> answering() {
    return bundled().stream().filter(t -> t.behaviour() == Behaviour.ANSWER).toList();
  }

  static synchronized byte[] answer(String fixture) {
    return ANSWERS.computeIfAbsent(
        fixture,
        f -> {
          try (InputStream in = resource("hosts/" + f)) {
            byte[] bytes = in.readAllBytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.startsWith("@@CAPFLEET " + RECORDED_NONCE + " probe 1\n")) {
              throw new IllegalStateException("demo fixture " + f + " is not a recorded probe run");
            }
            return bytes;
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo fixture " + f, e);
          }
        });
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = FleetSpec.class.getResourceAsStream(BASE + name);
    if (in == null) {
      throw new IOException("missing from the jar: " + BASE + name);
    }
    return in;
  }
}
