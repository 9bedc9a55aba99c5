package dev.capfleet.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.probe.FactsCollector;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every check says why it came out so (kube-bench's state and reason): a failed one the detail of
 * its finding, an unknown one the gap of the fact it lacked, a skipped one that it does not apply,
 * a passed one what was met. Recorded hosts that together give every status.
 */
class CheckReasonTest {
  private static final RequirementModel MODEL = ModelLoader.verified();
  private static final String BIN = "/usr/local/bin/ecapture";

  private static Assessment assess(RecordedProbe probe) {
    return new Assessor(MODEL)
        .assess(
            FactViewBuilder.build(
                FactsCollector.collect(probe.output(), BIN),
                new HostContext(
                    "text", "readiness", BIN, null, Instant.parse("2026-12-01T12:00:00Z"), "tls"),
                MODEL));
  }

  @Test
  void everyCheckCarriesTheReasonOfItsStatus() {
    Set<CheckStatus> seen = EnumSet.noneOf(CheckStatus.class);
    for (String run :
        List.of(
            "bash-ready.txt", "busybox-no-libcap.txt", "dash-userns.txt", "busybox-nosuid.txt")) {
      Assessment a = assess(RecordedProbe.of(run));
      for (Check c : a.checks()) {
        seen.add(c.status());
        String where = run + " " + c;
        assertTrue(c.reason() != null && !c.reason().isBlank(), where);
        switch (c.status()) {
          case PASS -> assertTrue(c.reason().startsWith("met: "), where);
          case SKIPPED -> assertEquals(Assessor.NOT_APPLICABLE, c.reason(), where);
          case FAIL, UNKNOWN -> {
            // the finding of the same rule and item says the same, unless the rule is info-only
            a.findings().stream()
                .filter(f -> f.id().equals(c.id()) && Objects.equals(f.capability(), c.item()))
                .findFirst()
                .ifPresent(f -> assertEquals(f.detail(), c.reason(), where));
          }
        }
      }
    }
    assertEquals(EnumSet.allOf(CheckStatus.class), seen, "the recorded hosts give every status");
  }

  @Test
  void anUnknownCheckNamesTheGapOfTheFactItLacked() {
    // busybox without libcap: getcap is missing, so the binary's capabilities are unknown
    Assessment a = assess(RecordedProbe.of("busybox-no-libcap.txt"));
    Check unknown =
        a.checks().stream()
            .filter(c -> c.status() == CheckStatus.UNKNOWN && c.reason().contains("binary.caps"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(a.checks().toString()));
    assertTrue(unknown.reason().contains("getcap"), unknown.reason());
  }
}
