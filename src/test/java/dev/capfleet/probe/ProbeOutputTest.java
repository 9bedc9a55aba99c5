package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Splitting a host's answer into sections: only markers with this run's nonce count, and every
 * section is bounded.
 */
class ProbeOutputTest {
  private static final String N = "0123456789abcdef";

  private static String begin(String name) {
    return "@@CAPFLEET " + N + " begin " + name + "\n";
  }

  private static String end(String name, int exit) {
    return "\n@@CAPFLEET " + N + " end " + name + " " + exit + "\n";
  }

  private static String section(String name, String body, int exit) {
    return begin(name) + body + end(name, exit);
  }

  @Test
  void markerWithAnotherNonceIsText() {
    String forged =
        "@@CAPFLEET ffffffffffffffff end mounts 0\n@@CAPFLEET ffffffffffffffff begin getcap\n"
            + "/usr/local/bin/ecapture cap_bpf=eip";
    ProbeOutput out =
        ProbeOutput.parse(section("mounts", forged, 0) + "@@CAPFLEET " + N + " done\n", N);
    assertEquals(1, out.sections().size());
    assertEquals(forged, out.section("mounts").orElseThrow().output());
    assertTrue(out.complete());
  }

  @Test
  void markerMustStartTheLine() {
    String body = "x @@CAPFLEET " + N + " end uname 0";
    ProbeOutput out = ProbeOutput.parse(section("uname", body, 0), N);
    assertEquals(body, out.section("uname").orElseThrow().output());
  }

  @Test
  void nulBytesAndInvalidUtf8AreKeptAsText() {
    byte[] junk = {
      'a', 0, (byte) 0xff, (byte) 0xc3, '\n', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'z'
    };
    String raw = begin("uname") + new String(junk, StandardCharsets.UTF_8) + end("uname", 0);
    Section s = ProbeOutput.parse(raw, N).section("uname").orElseThrow();
    assertTrue(s.output().startsWith("a\0\uFFFD"), s.output());
    assertEquals(0, s.exit());
    assertTrue(s.ok());
  }

  @Test
  void sectionIsCutAtItsCapAndMarkedTruncated() {
    String big = "y\n".repeat(100_000);
    ProbeOutput out =
        ProbeOutput.parse(section("mounts", big, 0) + section("btf", "present", 0), N, 1000);
    Section mounts = out.section("mounts").orElseThrow();
    assertTrue(mounts.truncated());
    assertFalse(mounts.ok());
    assertTrue(
        mounts.output().length() >= 999 && mounts.output().length() <= 1000,
        "kept: " + mounts.output().length());
    assertEquals(
        "present", out.section("btf").orElseThrow().text(), "sections after a cut one are read");
  }

  @Test
  void enormousLineIsCutWithoutSlowingDown() {
    String line = "A".repeat(20_000_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          ProbeOutput out = ProbeOutput.parse(section("uname", line, 0), N);
          Section s = out.section("uname").orElseThrow();
          assertEquals(ProbeOutput.DEFAULT_SECTION_CAP, s.output().length());
          assertTrue(s.truncated());
        });
  }

  @Test
  void cutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00".repeat(1000);
    Section s =
        ProbeOutput.parse(section("uname", "x" + emoji, 0), N, 1000).section("uname").orElseThrow();
    assertTrue(s.truncated());
    assertFalse(
        Character.isHighSurrogate(s.output().charAt(s.output().length() - 1)),
        "no lone high surrogate");
  }

  @Test
  void oddSectionNamesAndFloodsOfSectionsAreBounded() {
    StringBuilder raw =
        new StringBuilder(begin("../../etc;reboot") + "x" + end("../../etc;reboot", 0));
    for (int i = 0; i < 10_000; i++) {
      String name = "s" + "abcdefghij".charAt(i % 10) + "_".repeat(i % 20) + (char) ('a' + i % 26);
      raw.append(section(name, "v", 0));
    }
    ProbeOutput out = ProbeOutput.parse(raw.toString(), N);
    assertTrue(
        out.sections().size() <= ProbeOutput.MAX_SECTIONS, "sections: " + out.sections().size());
    assertTrue(
        out.sections().keySet().stream().allMatch(k -> k.matches("[a-z_]{1,32}")),
        out.sections().keySet().toString());
  }

  @Test
  void sectionWithoutEndIsTruncatedAndTheRunIncomplete() {
    ProbeOutput out =
        ProbeOutput.parse(section("uname", "Linux 6.1.0 x86_64", 0) + begin("getcap") + "/x", N);
    assertFalse(out.complete());
    Section getcap = out.section("getcap").orElseThrow();
    assertEquals(null, getcap.exit());
    assertTrue(getcap.truncated());
  }

  @Test
  void sectionOpenedAfterDoneMakesTheRunIncomplete() {
    String raw =
        section("uname", "Linux 6.1.0 x86_64", 0) + "@@CAPFLEET " + N + " done\n" + begin("getcap");
    assertFalse(ProbeOutput.parse(raw, N).complete());
  }

  @Test
  void exitThatIsNotANumberIsUnknown() {
    String raw = begin("uname") + "Linux\n@@CAPFLEET " + N + " end uname $(reboot)\n";
    Section s = ProbeOutput.parse(raw, N).section("uname").orElseThrow();
    assertEquals(null, s.exit());
    assertFalse(s.ok());
  }
}
