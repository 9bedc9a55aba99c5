package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** No input, however broken, makes a parser throw or hang; nonsense reads as "unknown", never as a fact. */
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

  @Test
  void survivesRandomBytes() {
    Random random = new Random(20240601);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[random.nextInt(600)];
      random.nextBytes(bytes);
      parseWithAll(new String(bytes, i % 2 == 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void survivesEveryTruncationOfRealOutputs() {
    String[] fixtures = {"debian-12/capsh-root.txt", "debian-12/status-root.txt", "debian-12/mounts.txt",
        "debian-12/getcap-multi.txt", "debian-12/findmnt.txt", "debian-12/stat.txt", "debian-12/proc-version.txt"};
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
    for (int end = 0; end <= raw.length(); end += 7) {
      HostFacts f = FactsCollector.collect(ProbeOutput.parse(raw.substring(0, end), "0123456789abcdef"), BIN);
      assertTrue(f.gaps() != null);
    }
  }

  @Test
  void readsAMegabyteLineAsUnknownQuickly() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      parseWithAll(MEGABYTE_LINE);
      assertEquals(Optional.empty(), CapshParser.parse("Bounding set =" + MEGABYTE_LINE));
      assertEquals(Optional.empty(), KernelParser.parse(MEGABYTE_LINE, MEGABYTE_LINE, MEGABYTE_LINE));
      assertEquals(Optional.empty(), StatParser.parse(MEGABYTE_LINE));
      assertEquals(Optional.empty(), FindmntParser.parse(MEGABYTE_LINE));
      assertEquals(Optional.empty(), SimpleFacts.lockdown(MEGABYTE_LINE));
      assertTrue(MountsParser.parse(MEGABYTE_LINE).isEmpty());
      assertInstanceOf(GetcapResult.Unreadable.class,
          GetcapParser.parse(Fixtures.section("getcap", 0, BIN + " " + MEGABYTE_LINE), BIN));
      assertInstanceOf(GetcapResult.Unreadable.class,
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
