package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No input, however broken, makes a parser throw or hang; nonsense reads as "unknown", never as a
 * fact.
 */
class RobustnessTest {
  private static final String BIN = "/usr/local/bin/ecapture";
  private static final String MEGABYTE_LINE = "cap_chown,".repeat(100_000) + "x";

  /** Every parser once on the same text. */
  private static void parseWithAll(String text) {
    KernelParser.parse(text, text, text);
    KernelParser.arch(text);
    GetcapParser.parse(Fixtures.section("getcap", 0, text), BIN);
    GetcapParser.parse(Fixtures.section("getcap", 127, text), BIN);
    CapshParser.parse(text);
    ProcStatusParser.parse(text);
    MountsParser.mountFor(MountsParser.parse(text), BIN);
    FindmntParser.parse(text);
    StatParser.parse(text);
    SimpleFacts.lockdown(text);
    SimpleFacts.sysctlInt(text);
    SimpleFacts.memlock(text);
    SimpleFacts.btf(text);
    SimpleFacts.container(text);
  }

  /**
   * Every parser reads {@code text} as unknown: no kernel, no capability set, no mount, no sysctl,
   * getcap's output unreadable whatever its exit status.
   */
  private static void assertReadsAsUnknown(String text, String what) {
    assertEquals(Optional.empty(), KernelParser.parse(text, text, text), what + ": kernel");
    assertEquals(Optional.empty(), KernelParser.arch(text), what + ": arch");
    assertInstanceOf(
        GetcapResult.Unreadable.class,
        GetcapParser.parse(Fixtures.section("getcap", 0, text), BIN),
        what + ": getcap");
    assertInstanceOf(
        GetcapResult.Unreadable.class,
        GetcapParser.parse(Fixtures.section("getcap", 127, text), BIN),
        what + ": getcap exit 127");
    assertEquals(Optional.empty(), CapshParser.parse(text), what + ": capsh");
    assertEquals(Optional.empty(), ProcStatusParser.parse(text), what + ": /proc/self/status");
    assertEquals(List.of(), MountsParser.parse(text), what + ": /proc/mounts");
    assertEquals(Optional.empty(), FindmntParser.parse(text), what + ": findmnt");
    assertEquals(Optional.empty(), StatParser.parse(text), what + ": stat");
    assertEquals(Optional.empty(), SimpleFacts.lockdown(text), what + ": lockdown");
    assertEquals(Optional.empty(), SimpleFacts.sysctlInt(text), what + ": sysctl");
    assertEquals(Optional.empty(), SimpleFacts.memlock(text), what + ": memlock");
    assertEquals(Optional.empty(), SimpleFacts.btf(text), what + ": btf");
    assertEquals(Optional.empty(), SimpleFacts.container(text), what + ": container");
  }

  @Test
  void readsRandomBytesAsUnknown() {
    Random random = new Random(20240601);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[random.nextInt(600)];
      random.nextBytes(bytes);
      String text =
          new String(bytes, i % 2 == 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      if (text.isBlank()) {
        parseWithAll(text); // blank is an answer, not nonsense: getcap printing nothing means no
        // capabilities
      } else {
        assertReadsAsUnknown(text, "random text " + i);
      }
    }
  }

  @Test
  void survivesEveryTruncationOfRealOutputs() {
    String[] fixtures = {
      "debian-12/capsh-root.txt",
      "debian-12/status-root.txt",
      "debian-12/mounts.txt",
      "debian-12/getcap-multi.txt",
      "debian-12/findmnt.txt",
      "debian-12/stat.txt",
      "debian-12/proc-version.txt"
    };
    for (String fixture : fixtures) {
      String text = Fixtures.read(fixture);
      for (int end = 0; end <= text.length(); end++) {
        parseWithAll(text.substring(0, end));
      }
    }
  }

  @Test
  void survivesEveryTruncationOfAWholeProbeRun() {
    String raw = Fixtures.read("probe/dash-ready.txt");
    HostFacts whole = FactsCollector.collect(ProbeOutput.parse(raw, "0123456789abcdef"), BIN);
    for (int end = 0; end < raw.length(); end += 7) {
      HostFacts cut =
          FactsCollector.collect(ProbeOutput.parse(raw.substring(0, end), "0123456789abcdef"), BIN);
      // a cut run knows less, never something else: each fact is the whole run's or unknown (null,
      // with a gap)
      for (RecordComponent c : HostFacts.class.getRecordComponents()) {
        if (c.getName().equals("gaps") || c.getName().equals("security")) {
          continue;
        }
        Object value = component(c, cut);
        if (value != null
            && !(value instanceof GetcapResult.Unreadable)) { // getcap's unknown is Unreadable
          assertEquals(component(c, whole), value, c.getName() + " of the run cut at " + end);
        }
      }
      assertTrue(
          !cut.gaps().isEmpty() || cut.equals(whole),
          "the run cut at " + end + " says what it lacks");
    }
  }

  private static Object component(RecordComponent c, HostFacts facts) {
    try {
      return c.getAccessor().invoke(facts);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsAMegabyteLineAsUnknownQuickly() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertReadsAsUnknown(MEGABYTE_LINE, "a megabyte line");
          assertEquals(Optional.empty(), CapshParser.parse("Bounding set =" + MEGABYTE_LINE));
          assertInstanceOf(
              GetcapResult.Unreadable.class,
              GetcapParser.parse(Fixtures.section("getcap", 0, BIN + " " + MEGABYTE_LINE), BIN));
          assertInstanceOf(
              GetcapResult.Unreadable.class,
              GetcapParser.parse(Fixtures.section("getcap", 0, MEGABYTE_LINE), BIN));
        });
  }

  @Test
  void readsNullAsUnknown() {
    assertEquals(Optional.empty(), KernelParser.parse(null, null, null));
    assertEquals(Optional.empty(), CapshParser.parse(null));
    assertEquals(Optional.empty(), ProcStatusParser.parse(null));
    assertTrue(MountsParser.parse(null).isEmpty());
    assertEquals(Optional.empty(), MountsParser.mountFor(null, BIN));
    assertEquals(Optional.empty(), FindmntParser.parse(null));
    assertEquals(Optional.empty(), StatParser.parse(null));
    assertEquals(Optional.empty(), SimpleFacts.container(null));
    parseWithAll("");
  }
}
