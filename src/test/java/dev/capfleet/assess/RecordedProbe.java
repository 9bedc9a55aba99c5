package dev.capfleet.assess;

import dev.capfleet.probe.ProbeOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real probe run from src/test/resources/fixtures/probe, optionally with sections swapped for
 * other real outputs (another distribution's uname, a getcap fixture), so each rule can be failed
 * with recorded text.
 */
final class RecordedProbe {
  static final String NONCE = "0123456789abcdef";

  private String raw;

  private RecordedProbe(String raw) {
    this.raw = raw;
  }

  static RecordedProbe of(String name) {
    return new RecordedProbe(resource("/fixtures/probe/" + name));
  }

  static String resource(String path) {
    try (InputStream in = RecordedProbe.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces one section's output and exit status. */
  RecordedProbe with(String section, String output, int exit) {
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
                + " )(\\d+)",
            Pattern.DOTALL);
    Matcher m = p.matcher(raw);
    if (!m.find()) {
      throw new IllegalArgumentException("no section " + section);
    }
    String body = output.endsWith("\n") ? output : output + "\n";
    raw =
        raw.substring(0, m.start())
            + m.group(1)
            + body
            + m.group(3)
            + exit
            + raw.substring(m.end());
    return this;
  }

  /** Replaces one section with another fixture file's content (exit 0). */
  RecordedProbe withFixture(String section, String fixture) {
    return with(section, resource("/fixtures/" + fixture), 0);
  }

  /** Replaces one section with the same section of another recorded run. */
  RecordedProbe withSectionOf(String section, String otherRun) {
    var other = of(otherRun).output().section(section).orElseThrow();
    return with(section, other.output(), other.exit());
  }

  ProbeOutput output() {
    return ProbeOutput.parse(raw, NONCE);
  }
}
