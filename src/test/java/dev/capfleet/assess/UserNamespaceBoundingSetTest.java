package dev.capfleet.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.Verdict;
import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.probe.FactsCollector;
import dev.capfleet.probe.HostFacts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Inside a user namespace the kernel hands out a full bounding set (the recording shows CapBnd
 * 000001ffffffffff on a machine whose own set lacks CAP_SYS_RESOURCE), so it is no evidence for the
 * initial namespace: the truth lab's "user namespace" case, where capfleet once recommended
 * CAP_SYS_RESOURCE and the kernel then refused to execute the binary.
 */
class UserNamespaceBoundingSetTest {
  private static final RequirementModel MODEL = ModelLoader.verified();
  private static final String BIN = "/usr/local/bin/ecapture";

  private static Assessment assess(RecordedProbe probe) {
    HostFacts facts = FactsCollector.collect(probe.output(), BIN);
    return new Assessor(MODEL)
        .assess(
            FactViewBuilder.build(
                facts,
                new HostContext(
                    "text", "readiness", BIN, null, Instant.parse("2026-12-01T12:00:00Z"), "tls"),
                MODEL));
  }

  @Test
  void neverRecommendsCapSysResourceFromTheBoundingSetOfAUserNamespace() {
    Assessment a =
        assess(RecordedProbe.of("dash-userns.txt").with("getcap", BIN + " cap_sys_admin=eip", 0));
    assertEquals(Verdict.NOT_READY, a.verdict(), a.findings().toString());
    assertTrue(
        a.findings().stream()
            .anyMatch(
                f ->
                    f.id().equals("not-in-user-namespace")
                        && f.status() == dev.capfleet.assess.CheckStatus.FAIL),
        a.findings().toString());
    assertTrue(
        a.remediation().stream().noneMatch(r -> r.contains("cap_sys_resource")),
        a.remediation().toString());
    assertTrue(
        a.findings().stream()
            .filter(f -> f.id().startsWith("memlock-"))
            .allMatch(f -> f.status() == dev.capfleet.assess.CheckStatus.UNKNOWN),
        a.findings().toString());
  }
}
