package dev.capfleet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.Capability;
import dev.capfleet.core.KernelVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verified model's capability sets, straight from the table in shared/ecapture-truth.md. */
class VerifiedModelTest {
  private static final RequirementModel M = ModelLoader.verified();

  private static List<Capability> set(
      String kernel, Integer capLastCap, String revert, String mode, String module) {
    return M.capabilitySet(
            new KernelTraits(KernelVersion.of(kernel), capLastCap, revert), mode, module)
        .map(CapabilitySet::capabilities)
        .orElse(List.of());
  }

  @Test
  void revertedKernelsNeedSysAdminAndNetAdminOnlyForPcapng() {
    assertEquals(List.of(Capability.CAP_SYS_ADMIN), set("6.18", 40, "present", "text", "tls"));
    assertEquals(
        List.of(Capability.CAP_SYS_ADMIN, Capability.CAP_NET_ADMIN),
        set("6.18", 40, "present", "pcapng", "tls"));
    assertEquals(
        List.of(Capability.CAP_SYS_ADMIN), set("6.6.120", 40, "assumed", "keylog", "gotls"));
  }

  @Test
  void kernelsWithoutTheRevertNeedBpfPerfmonAndNetAdminForTcObjects() {
    assertEquals(
        List.of(Capability.CAP_BPF, Capability.CAP_PERFMON, Capability.CAP_NET_ADMIN),
        set("6.1.50", 40, "absent", "text", "tls"));
    assertEquals(
        List.of(Capability.CAP_BPF, Capability.CAP_PERFMON),
        set("6.1.50", 40, "absent", "text", "bash"));
    assertEquals(
        List.of(Capability.CAP_BPF, Capability.CAP_PERFMON, Capability.CAP_NET_ADMIN),
        set("6.1.50", 40, "unconfirmed", "pcapng", "gnutls"));
  }

  @Test
  void capBpfExistenceComesFromCapLastCapBeforeTheVersion() {
    assertEquals(List.of(Capability.CAP_SYS_ADMIN), set("5.8", 37, "absent", "text", "tls"));
    assertEquals(List.of(Capability.CAP_SYS_ADMIN), set("5.4", null, "absent", "text", "tls"));
    assertEquals(Capability.CAP_BPF, set("5.4", 40, "absent", "text", "tls").get(0));
  }

  @Test
  void modulesWithoutPcapngHaveNoSet() {
    assertTrue(set("6.18", 40, "present", "pcapng", "bash").isEmpty());
  }

  @Test
  void stableSublevelsCarryTheRevert() {
    RequirementModel.UprobeRevertRule r = M.uprobeRevert();
    for (String fixed :
        List.of(
            "5.10.240", "5.15.189", "6.1.146", "6.6.99", "6.12.39", "6.15.7", "6.16", "6.18.2")) {
      assertTrue(r.fixedAt(KernelVersion.of(fixed)), fixed);
    }
    for (String notYet :
        List.of(
            "5.10.239",
            "5.15.188",
            "6.1.145",
            "6.6.98",
            "6.12.38",
            "6.15.6",
            "6.13.12",
            "6.8",
            "5.4.300")) {
      assertFalse(r.fixedAt(KernelVersion.of(notYet)), notYet);
    }
  }

  @Test
  void documentedModelKeepsItsSets() {
    RequirementModel d = ModelLoader.documented();
    assertEquals(
        List.of(Capability.CAP_BPF, Capability.CAP_PERFMON, Capability.CAP_SYS_PTRACE),
        d.requiredCapabilities(KernelVersion.of("6.18"), "text"));
    assertEquals(ModelLoader.named("documented").id(), "ecapture-documented");
    assertEquals(ModelLoader.named("verified").id(), "ecapture-verified");
  }
}
