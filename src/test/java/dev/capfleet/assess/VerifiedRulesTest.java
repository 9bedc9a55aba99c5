package dev.capfleet.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.Verdict;
import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.probe.FactsCollector;
import dev.capfleet.probe.HostFacts;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The verified model (shared/ecapture-truth.md) on recorded probe runs of this machine's Linux
 * 6.18.
 */
class VerifiedRulesTest {
  private static final RequirementModel MODEL = ModelLoader.verified();
  private static final RequirementModel DOCS = ModelLoader.documented();
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final String BIN = "/usr/local/bin/ecapture";
  private static final String RESTRICTED = "750|root|security-audit|0|990|regular file";
  private static final String UNLIMITED_LIMITS =
      "Max locked memory         unlimited            unlimited            bytes";

  private static Assessment assess(
      RequirementModel model, RecordedProbe probe, String mode, String module) {
    HostFacts facts = FactsCollector.collect(probe.output(), BIN);
    return new Assessor(model)
        .assess(
            FactViewBuilder.build(
                facts, new HostContext(mode, "readiness", BIN, null, NOW, module), model));
  }

  private static Assessment assess(RecordedProbe probe) {
    return assess(MODEL, probe, "text", null);
  }

  /**
   * The documented deployment as recorded (debugfs, bpffs, securityfs;
   * cap_bpf,cap_perfmon,cap_sys_ptrace).
   */
  private static RecordedProbe documented() {
    return RecordedProbe.of("dash-ready.txt").with("stat", RESTRICTED, 0);
  }

  /**
   * What capfleet recommends here: cap_sys_admin, and the account's hard memlock limit raised to
   * unlimited.
   */
  private static RecordedProbe fixed() {
    return documented()
        .with("getcap", BIN + " cap_sys_admin=eip", 0)
        .with("memlock", "unlimited", 0)
        .with("limits", UNLIMITED_LIMITS, 0);
  }

  private static Set<String> failed(Assessment a, String severity) {
    return a.findings().stream()
        .filter(
            f ->
                f.status() == dev.capfleet.assess.CheckStatus.FAIL
                    && f.severity().id().equals(severity))
        .map(f -> f.id() + (f.capability() == null ? "" : ":" + f.capability()))
        .collect(Collectors.toSet());
  }

  @Test
  void documentedTextSetIsNotReadyNamingSysAdminAndMemlockWithDocDrift() {
    Assessment a = assess(documented());
    assertEquals(Verdict.NOT_READY, a.verdict());
    // CAP_SYS_RESOURCE is outside this machine's bounding set: the fix is the hard limit, not the
    // capability
    assertEquals(
        Set.of("capability-granted:CAP_SYS_ADMIN", "memlock-limit-unlimited"),
        failed(a, "blocker"));
    assertTrue(
        a.remediation().contains("sudo setcap 'cap_sys_admin=eip' " + BIN),
        a.remediation().toString());
    assertTrue(
        a.remediation().stream().noneMatch(r -> r.contains("cap_sys_resource")),
        a.remediation().toString());
    Assessment docs = assess(DOCS, documented(), "text", null);
    assertEquals(Verdict.READY, docs.verdict());
    Finding drift = DocDrift.compare(a, docs, DOCS).orElseThrow();
    assertTrue(
        drift.detail().contains("says READY with CAP_BPF, CAP_PERFMON, CAP_SYS_PTRACE"),
        drift.detail());
    assertTrue(drift.detail().contains("ba677dbe77af"), drift.detail());
    assertTrue(drift.detail().contains("setrlimit"), drift.detail());
  }

  @Test
  void sysAdminWithUnlimitedMemlockIsReadyAndItsDebugfsAndBpffsAreInfoOnly() {
    Assessment a = assess(fixed());
    assertEquals(Verdict.READY, a.verdict(), a.findings().toString());
    RecordedProbe noMounts = fixed().withSectionOf("mounts", "bash-missing-binary.txt");
    Assessment b = assess(noMounts);
    assertEquals(Verdict.READY, b.verdict(), b.findings().toString());
    assertTrue(
        failed(b, "info").containsAll(Set.of("debugfs-mounted", "bpffs-mounted")),
        b.findings().toString());
  }

  @Test
  void capabilitiesSysAdminCoversAreRedundantNotExcess() {
    Assessment a =
        assess(
            fixed()
                .with("getcap", BIN + " cap_sys_admin,cap_bpf,cap_perfmon,cap_net_admin=eip", 0));
    assertEquals(Verdict.READY, a.verdict(), a.findings().toString());
    assertEquals(
        Set.of(
            "redundant-capability:CAP_BPF",
            "redundant-capability:CAP_PERFMON",
            "redundant-capability:CAP_NET_ADMIN",
            "sys-ptrace-optional",
            "not-in-container"),
        failed(a, "info"));
    Assessment b =
        assess(fixed().with("getcap", BIN + " cap_sys_admin,cap_dac_read_search=eip", 0));
    assertEquals(Set.of("no-excess-capability:CAP_DAC_READ_SEARCH"), failed(b, "warning"));
  }

  @Test
  void pcapngNeedsNetAdminEvenWithSysAdmin() {
    Assessment a = assess(MODEL, fixed(), "pcapng", null);
    assertEquals(Set.of("capability-granted:CAP_NET_ADMIN"), failed(a, "blocker"));
  }

  @Test
  void onlyEffectiveAndPermittedCount() {
    for (String flags : List.of("=p", "=ip")) {
      Assessment a = assess(fixed().with("getcap", BIN + " cap_sys_admin" + flags, 0));
      assertTrue(failed(a, "blocker").contains("capability-granted:CAP_SYS_ADMIN"), flags);
    }
    assertEquals(
        Verdict.READY, assess(fixed().with("getcap", BIN + " cap_sys_admin=ep", 0)).verdict());
  }

  @Test
  void everyEffectiveCapabilityOutsideTheBoundingSetBlocksExec() {
    Assessment a = assess(fixed().with("getcap", BIN + " cap_sys_admin,cap_sys_resource=eip", 0));
    assertTrue(
        failed(a, "blocker").contains("file-capabilities-in-bounding-set:CAP_SYS_RESOURCE"),
        a.findings().toString());
  }

  @Test
  void memlockBlocksUnlessTheHardLimitIsUnlimitedAndNamesTheAccount() {
    Assessment a = assess(fixed().with("memlock", "8192", 0));
    Finding f =
        a.findings().stream()
            .filter(x -> x.id().equals("memlock-limit-unlimited"))
            .findFirst()
            .orElseThrow();
    assertEquals(dev.capfleet.core.Severity.BLOCKER, f.severity());
    assertTrue(f.detail().contains("audit account root (uid 0)"), f.detail());
    assertTrue(
        f.remediation().get(0).contains("LimitMEMLOCK=infinity"), f.remediation().toString());
  }

  @Test
  void userNamespaceNoexecAndMissingUprobePmuBlock() {
    assertTrue(
        failed(assess(fixed().with("uid_map", "         0       1000          1", 0)), "blocker")
            .contains("not-in-user-namespace"));
    assertTrue(
        failed(
                assess(
                    fixed()
                        .with("findmnt", "/usr/local/bin tmpfs  rw,noexec,relatime,mode=755", 0)),
                "blocker")
            .contains("filesystem-allows-exec"));
    assertTrue(
        failed(
                assess(
                    fixed()
                        .with(
                            "uprobe_pmu",
                            "capfleet: /sys/bus/event_source/devices/uprobe/type absent",
                            2)),
                "blocker")
            .contains("uprobe-pmu-present"));
  }

  @Test
  void lockdownIsUnknownWithoutSecurityfsUnlessTheCommandLineSaysIt() {
    RecordedProbe noSecurityfs =
        fixed()
            .withSectionOf("mounts", "bash-missing-binary.txt")
            .withSectionOf("lockdown", "bash-missing-binary.txt");
    assertEquals(Verdict.INCONCLUSIVE, assess(noSecurityfs).verdict());
    assertEquals(
        Verdict.NOT_READY,
        assess(noSecurityfs.with("cmdline", " lockdown=confidentiality", 0)).verdict());
    assertEquals(
        Verdict.READY,
        assess(fixed().with("lockdown", "none [integrity] confidentiality", 0)).verdict());
    assertEquals(
        Verdict.NOT_READY,
        assess(fixed().with("lockdown", "none integrity [confidentiality]", 0)).verdict());
  }

  @Test
  void kernelWithoutTheRevertAcceptsBpfPerfmonNetAdminOnlyWithAWarningWhenBuiltAfterTheRevert() {
    RecordedProbe debian =
        fixed()
            .with("getcap", BIN + " cap_bpf,cap_perfmon,cap_net_admin=eip", 0)
            .with(
                "proc_version",
                "Linux version 6.1.0-37-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) "
                    + "12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22)",
                0);
    Assessment before = assess(debian);
    assertEquals(Verdict.READY, before.verdict(), before.findings().toString());
    assertTrue(failed(before, "info").contains("kernel-update-keeps-set"));
    Assessment after =
        assess(
            debian.with(
                "proc_version",
                "Linux version 6.1.0-37-amd64 (debian-kernel@lists.debian.org) "
                    + "(gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian "
                    + "6.1.140-1 (2025-08-22)",
                0));
    assertEquals(Verdict.READY_WITH_WARNINGS, after.verdict());
    assertEquals(Set.of("uprobe-revert-confirmed"), failed(after, "warning"));
    Assessment fixedDebian =
        assess(
            debian.with(
                "proc_version",
                "Linux version 6.1.0-38-amd64 (debian-kernel@lists.debian.org) "
                    + "(gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian "
                    + "6.1.147-1 (2025-08-10)",
                0));
    assertEquals(Set.of("capability-granted:CAP_SYS_ADMIN"), failed(fixedDebian, "blocker"));
  }

  @Test
  void modulesWithoutTcProgramsNeedNoNetAdminAndCapLastCapDecidesCapBpf() {
    RecordedProbe noRevert =
        fixed()
            .with("getcap", BIN + " cap_bpf,cap_perfmon=eip", 0)
            .with(
                "proc_version",
                "Linux version 6.1.0-37-amd64 (x) #1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22)",
                0);
    assertEquals(Verdict.READY, assess(MODEL, noRevert, "text", "bash").verdict());
    assertTrue(
        failed(assess(MODEL, noRevert, "text", "tls"), "blocker")
            .contains("capability-granted:CAP_NET_ADMIN"));
    assertTrue(
        failed(assess(MODEL, noRevert.with("cap_last_cap", "37", 0), "text", "bash"), "blocker")
            .contains("capability-granted:CAP_SYS_ADMIN"));
    assertTrue(
        failed(assess(MODEL, fixed(), "pcapng", "bash"), "blocker")
            .contains("module-mode-supported"));
  }

  @Test
  void unknownUpstreamVersionAssumesTheRevertAndSaysSo() {
    Assessment a =
        assess(
            fixed()
                .with("uname", "Linux 5.14.0-503.11.1.el9_5.x86_64 x86_64", 0)
                .with(
                    "proc_version",
                    "Linux version 5.14.0-503.11.1.el9_5.x86_64 (x) #1 SMP PREEMPT_DYNAMIC Fri Nov 15 2024",
                    0));
    assertEquals(Verdict.READY, a.verdict(), a.findings().toString());
    assertTrue(failed(a, "info").contains("uprobe-revert-known"), a.findings().toString());
  }

  @Test
  void bpfProbeReadUserMissingOnOldX86KernelsExceptEl8() {
    RecordedProbe k54 = fixed().with("uname", "Linux 5.4.0-200-custom x86_64", 0);
    assertTrue(failed(assess(k54), "blocker").contains("bpf-probe-read-user"));
    RecordedProbe el8 =
        fixed()
            .with("uname", "Linux 4.18.0-513.5.1.el8_9.x86_64 x86_64", 0)
            .with("cap_last_cap", "37", 0);
    assertFalse(failed(assess(el8), "blocker").contains("bpf-probe-read-user"));
  }
}
