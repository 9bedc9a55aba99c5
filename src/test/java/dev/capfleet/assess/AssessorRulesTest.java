package dev.capfleet.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.Verdict;
import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.model.Rule;
import dev.capfleet.probe.FactsCollector;
import dev.capfleet.probe.HostFacts;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the bundled model, passed and failed, on real probe runs recorded on this machine
 * (see fixtures/probe/record-probes.sh) with sections swapped for other real outputs where a
 * failure needs them.
 */
class AssessorRulesTest {
  private static final RequirementModel MODEL = ModelLoader.documented();
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final String BIN = "/usr/local/bin/ecapture";

  /**
   * stat output of the recorded binary after the documented chown root:security-audit, chmod 0750.
   */
  private static final String RESTRICTED = "750|root|security-audit|0|990|regular file";

  private static final Set<String> PASSED = new HashSet<>();
  private static final Set<String> FAILED = new HashSet<>();

  private static Assessment assess(
      RecordedProbe probe, String mode, String purpose, String bin, Instant window) {
    HostFacts facts = FactsCollector.collect(probe.output(), bin);
    Assessment a =
        new Assessor(MODEL)
            .assess(
                FactViewBuilder.build(
                    facts, new HostContext(mode, purpose, bin, window, NOW), MODEL));
    a.checks()
        .forEach(
            c -> {
              boolean detectsGap =
                  c.status() == dev.capfleet.assess.CheckStatus.UNKNOWN
                      && MODEL.rules().stream()
                          .anyMatch(r -> r.id().equals(c.id()) && r.failureMeansUnknown());
              if (c.status() == dev.capfleet.assess.CheckStatus.PASS) {
                PASSED.add(c.id());
              } else if (c.status() == dev.capfleet.assess.CheckStatus.FAIL || detectsGap) {
                FAILED.add(c.id());
              }
            });
    return a;
  }

  private static Assessment assess(RecordedProbe probe) {
    return assess(probe, "text", "readiness", BIN, null);
  }

  private static RecordedProbe ready() {
    return RecordedProbe.of("dash-ready.txt").with("stat", RESTRICTED, 0);
  }

  private static Set<String> failed(Assessment a) {
    return a.findings().stream()
        .filter(f -> f.status() == dev.capfleet.assess.CheckStatus.FAIL)
        .map(Finding::id)
        .collect(Collectors.toSet());
  }

  private static List<String> capabilitiesOf(Assessment a, String rule) {
    return a.findings().stream().filter(f -> f.id().equals(rule)).map(Finding::capability).toList();
  }

  @Test
  void restrictedBinaryWithDocumentedCapabilitiesIsReady() {
    Assessment a = assess(ready());
    assertEquals(Verdict.READY, a.verdict(), () -> a.findings().toString());
    assertEquals(100, a.score());
    assertEquals(List.of("CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE"), a.requiredCapabilities());
    assertEquals(
        List.of(
            "sudo setcap -r /usr/local/bin/ecapture",
            "# Remove the capabilities (or the binary) when the capture window closes; verify with: getcap /usr/local/bin/ecapture"),
        a.cleanup());
    assertTrue(a.remediation().isEmpty());
  }

  @Test
  void kernelBelowTheFloorOrUnsupportedArchIsNotReady() {
    Assessment old =
        assess(
            ready()
                .with("uname", "Linux 4.4.0-18362-Microsoft x86_64", 0)
                .with("proc_version", "Linux version 4.4.0-18362-Microsoft", 0));
    assertTrue(failed(old).contains("kernel-supported"));
    assertEquals(Verdict.NOT_READY, old.verdict());
    assertTrue(
        old.findings().stream()
            .anyMatch(f -> f.detail().contains("needs kernel 4.18 or later on x86_64")));

    Assessment pi =
        assess(
            ready()
                .with("uname", "Linux 5.4.51-v8+ aarch64", 0)
                .with("proc_version", "Linux version 5.4.51-v8+", 0));
    assertTrue(failed(pi).contains("kernel-supported"), "aarch64 needs 5.5");

    Assessment arm32 = assess(ready().with("uname", "Linux 6.1.0-rpi7-rpi-v7 armv7l", 0));
    assertTrue(failed(arm32).contains("kernel-supported"));
    assertTrue(
        arm32.findings().get(0).detail().contains("a supported architecture (x86_64, aarch64)"));

    Assessment pi5 = assess(ready().withFixture("uname", "raspberry-pi-os-arm64/uname-a-pi5.txt"));
    assertFalse(failed(pi5).contains("kernel-supported"));
  }

  @Test
  void missingLibcapToolsAreInconclusiveWithInstallHint() {
    Assessment a = assess(RecordedProbe.of("busybox-no-libcap.txt").with("stat", RESTRICTED, 0));
    assertEquals(Verdict.INCONCLUSIVE, a.verdict(), () -> a.findings().toString());
    assertTrue(
        a.findings().stream()
            .anyMatch(
                f ->
                    f.id().equals("libcap-tools-installed")
                        && f.status() == dev.capfleet.assess.CheckStatus.UNKNOWN));
    assertTrue(
        a.checks().stream()
            .noneMatch(
                c ->
                    c.status() == dev.capfleet.assess.CheckStatus.FAIL
                        && c.id().equals("no-excess-capability")),
        "an unknown capability set is not an excess");
    assertTrue(a.remediation().get(0).startsWith("sudo apt-get install -y libcap2-bin"));
    assertTrue(
        a.findings().stream()
            .anyMatch(
                f ->
                    f.id().equals("capability-granted")
                        && f.status() == dev.capfleet.assess.CheckStatus.UNKNOWN
                        && f.detail().contains("getcap")),
        () -> a.findings().toString());
  }

  @Test
  void missingBinaryIsNotReadyAndSkipsBinaryChecks() {
    String bin = "/usr/local/bin/ecapture-absent";
    Assessment a =
        assess(RecordedProbe.of("bash-missing-binary.txt"), "text", "readiness", bin, null);
    assertEquals(Verdict.NOT_READY, a.verdict());
    assertTrue(failed(a).contains("binary-present"));
    assertFalse(
        failed(a).contains("capability-granted"),
        "one finding for a missing binary, not three more");
    assertTrue(a.remediation().contains("sudo install -o root -g root -m 0750 ./ecapture " + bin));
    assertTrue(
        a.remediation().contains("sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' " + bin));
    assertFalse(a.cleanup().isEmpty(), "the remediation sets capabilities, so cleanup is reminded");
  }

  @Test
  void binaryWithoutCapabilitiesIsNotReadyNamingEachOne() {
    Assessment a = assess(ready().withFixture("getcap", "debian-12/getcap-none.txt"));
    assertEquals(Verdict.NOT_READY, a.verdict());
    assertEquals(
        List.of("CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE"),
        capabilitiesOf(a, "capability-granted"));
    assertEquals(
        "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' /usr/local/bin/ecapture",
        a.remediation().get(0));
    assertEquals(25, a.score());
  }

  @Test
  void inheritableOnlyCapabilitiesDoNotCount() {
    Assessment a = assess(ready().withFixture("getcap", "debian-12/getcap-ip.txt"));
    assertEquals(
        List.of("CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE"),
        capabilitiesOf(a, "capability-granted"));
  }

  @Test
  void pcapngModeNeedsNetAdmin() {
    Assessment a = assess(ready(), "pcapng", "readiness", BIN, null);
    assertEquals(Verdict.NOT_READY, a.verdict());
    assertEquals(List.of("CAP_NET_ADMIN"), capabilitiesOf(a, "capability-granted"));
    assertEquals(
        "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace,cap_net_admin=eip' /usr/local/bin/ecapture",
        a.remediation().get(0));
  }

  @Test
  void droppedBoundingSetAndNoNewPrivsAreNotReady() {
    Assessment a =
        assess(RecordedProbe.of("dash-nobody-dropped-nnp.txt").with("stat", RESTRICTED, 0));
    assertEquals(Verdict.NOT_READY, a.verdict());
    assertEquals(
        List.of("CAP_BPF", "CAP_PERFMON"), capabilitiesOf(a, "capability-in-bounding-set"));
    assertTrue(failed(a).contains("no-new-privs-off"));
  }

  @Test
  void nosuidFilesystemIsNotReady() {
    String bin = "/opt/nosuid/ecapture";
    Assessment a =
        assess(
            RecordedProbe.of("busybox-nosuid.txt").with("stat", RESTRICTED, 0),
            "text",
            "readiness",
            bin,
            null);
    assertEquals(
        Set.of("filesystem-allows-file-capabilities"),
        failed(a).stream()
            .filter(
                id ->
                    MODEL.rules().stream()
                        .anyMatch(
                            r ->
                                r.id().equals(id)
                                    && r.severity() == dev.capfleet.core.Severity.BLOCKER))
            .collect(Collectors.toSet()));
    assertTrue(a.findings().stream().anyMatch(f -> f.detail().contains("mounted nosuid")));
  }

  @Test
  void missingDebugfsAndBpffsAreNotReadyWithMountCommands() {
    Assessment a = assess(ready().withSectionOf("mounts", "bash-missing-binary.txt"));
    assertTrue(
        failed(a).containsAll(Set.of("debugfs-mounted", "bpffs-mounted")),
        () -> failed(a).toString());
    assertTrue(
        a.remediation()
            .contains(
                "grep -qs '^[^ ]* /sys/kernel/debug debugfs ' /proc/mounts"
                    + " || sudo mount -t debugfs debugfs /sys/kernel/debug"),
        () -> a.remediation().toString());
    assertTrue(
        a.remediation()
            .contains(
                "grep -qs '^[^ ]* /sys/fs/bpf bpf ' /proc/mounts || sudo mount -t bpf bpf /sys/fs/bpf"));
  }

  @Test
  void confidentialityLockdownIsNotReadyIntegrityIsNot() {
    Assessment conf = assess(ready().with("lockdown", "none integrity [confidentiality]", 0));
    assertTrue(failed(conf).contains("lockdown-not-confidentiality"));
    Assessment absent =
        assess(ready().with("lockdown", "capfleet: /sys/kernel/security/lockdown absent", 2));
    assertFalse(failed(absent).contains("lockdown-not-confidentiality"));
    assertEquals(Verdict.READY, absent.verdict());
  }

  @Test
  void excessCapabilitiesWarnWithExactSetcapLine() {
    Assessment a = assess(ready().withFixture("getcap", "debian-12/getcap-all-but-admin.txt"));
    assertTrue(failed(a).contains("no-excess-capability"), () -> failed(a).toString());
    assertFalse(capabilitiesOf(a, "no-excess-capability").contains("CAP_BPF"));
    assertTrue(capabilitiesOf(a, "no-excess-capability").contains("CAP_NET_ADMIN"));
    assertTrue(
        a.remediation()
            .contains(
                "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' /usr/local/bin/ecapture"));
  }

  @Test
  void sysAdminIsExcessOnNewKernelsButRequiredOnOld() {
    String getcap = "/usr/local/bin/ecapture cap_sys_ptrace,cap_sys_admin=eip";
    Assessment modern = assess(ready().with("getcap", getcap, 0));
    assertEquals(List.of("CAP_SYS_ADMIN"), capabilitiesOf(modern, "no-excess-capability"));
    Assessment rhel8 =
        assess(
            ready()
                .with("getcap", getcap, 0)
                .with("uname", "Linux 4.18.0-513.5.1.el8_9.x86_64 x86_64", 0)
                .with("proc_version", "Linux version 4.18.0-513.5.1.el8_9.x86_64", 0));
    assertTrue(capabilitiesOf(rhel8, "no-excess-capability").isEmpty());
    assertTrue(capabilitiesOf(rhel8, "capability-granted").isEmpty());
    assertEquals(List.of("CAP_SYS_ADMIN", "CAP_SYS_PTRACE"), rhel8.requiredCapabilities());
    assertEquals(Verdict.READY_WITH_WARNINGS, rhel8.verdict(), () -> rhel8.findings().toString());
    assertEquals(
        Set.of("kernel-supports-pid-filter"),
        failed(rhel8).stream()
            .filter(id -> !id.contains("-") || id.equals("kernel-supports-pid-filter"))
            .collect(Collectors.toSet()));
    assertTrue(failed(rhel8).contains("bpf-probe-read-user-backport"));
  }

  @Test
  void worldExecutableOrNonRootWritableBinaryWarns() {
    Assessment open = assess(RecordedProbe.of("dash-ready.txt"));
    assertEquals(Verdict.READY_WITH_WARNINGS, open.verdict());
    assertTrue(failed(open).contains("binary-not-executable-by-others"));
    // the capabilities are right here, and chown clears them: the full set must follow the owner
    // change
    List<String> steps = open.remediation();
    int chown = steps.indexOf("sudo chown root:security-audit /usr/local/bin/ecapture");
    int setcap =
        steps.indexOf(
            "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' /usr/local/bin/ecapture");
    assertTrue(
        chown >= 0
            && steps.indexOf("sudo chmod 0750 /usr/local/bin/ecapture") > chown
            && setcap > chown,
        steps::toString);
    Finding warning =
        open.findings().stream()
            .filter(f -> f.id().equals("binary-not-executable-by-others"))
            .findFirst()
            .orElseThrow();
    assertEquals(steps.subList(chown - 1, setcap + 2), warning.remediation());
    assertEquals(
        List.of("restrict-binary", "set-capabilities", "remove-capabilities"),
        open.actions().stream().map(RemediationStep::action).toList());
    assertTrue(open.actions().get(2).cleanup(), "setcap -r only as the cleanup step");
    Assessment writable =
        assess(ready().with("stat", "770|alice|security-audit|1000|990|regular file", 0));
    assertTrue(failed(writable).contains("binary-writable-only-by-root"));
    assertEquals(95, writable.score());
  }

  @Test
  void kernelWithoutPidFilterWarns() {
    Assessment a =
        assess(
            ready()
                .with("getcap", "/usr/local/bin/ecapture cap_sys_admin,cap_sys_ptrace=ep", 0)
                .with("uname", "Linux 4.19.0-27-amd64 x86_64", 0)
                .with(
                    "proc_version",
                    "Linux version 4.19.0-27-amd64 (debian-kernel@lists.debian.org) #1 SMP Debian 4.19.316-1 (2024-06-25)",
                    0));
    assertTrue(failed(a).contains("kernel-supports-pid-filter"));
    assertEquals(Verdict.READY_WITH_WARNINGS, a.verdict());
  }

  @Test
  void complianceScanFlagsLingeringCapabilitiesUnlessWindowIsOpen() {
    Assessment readiness = assess(ready());
    assertFalse(failed(readiness).contains("no-lingering-capabilities"));
    Assessment lingering = assess(ready(), "text", "compliance", BIN, null);
    assertTrue(failed(lingering).contains("no-lingering-capabilities"));
    assertTrue(
        lingering
            .remediation()
            .contains(
                "if getcap /usr/local/bin/ecapture | grep -q .; then sudo setcap -r /usr/local/bin/ecapture; fi"));
    // one resolution for every output: outside a window the capabilities go, none is added first
    Assessment missing =
        assess(
            ready().with("getcap", "/usr/local/bin/ecapture cap_bpf=eip", 0),
            "text",
            "compliance",
            BIN,
            null);
    assertTrue(
        failed(missing).contains("capability-granted")
            && failed(missing).contains("no-lingering-capabilities"),
        () -> failed(missing).toString());
    assertTrue(
        missing.remediation().stream().noneMatch(l -> l.contains("setcap '")),
        missing.remediation()::toString);
    assertEquals(
        List.of("remove-capabilities"),
        missing.actions().stream().filter(x -> !x.cleanup()).map(RemediationStep::action).toList());
    for (Finding f : missing.findings()) {
      if (f.id().equals("capability-granted")) {
        assertTrue(
            f.remediation().stream().noneMatch(l -> l.contains("setcap '")),
            f.remediation()::toString);
      }
    }
    Assessment window = assess(ready(), "text", "compliance", BIN, NOW.plusSeconds(3600));
    assertFalse(failed(window).contains("no-lingering-capabilities"));
    Assessment closed = assess(ready(), "text", "compliance", BIN, NOW.minusSeconds(3600));
    assertTrue(failed(closed).contains("no-lingering-capabilities"));
  }

  @Test
  void informationRulesNeverChangeTheVerdict() {
    Assessment a =
        assess(
            ready()
                .with("btf", "absent", 0)
                .with("memlock", "8192", 0)
                .with("unprivileged_bpf_disabled", "0", 0)
                .with("perf_event_paranoid", "4", 0)
                .with("container", "file /.dockerenv\ncgroup:\n0::/docker/abc", 0));
    assertEquals(Verdict.READY, a.verdict());
    assertEquals(100, a.score());
    assertTrue(
        failed(a)
            .containsAll(
                Set.of(
                    "btf-available",
                    "memlock-unlimited",
                    "unprivileged-bpf-disabled",
                    "perf-event-paranoid",
                    "not-in-container")),
        () -> failed(a).toString());
    Assessment clean =
        assess(
            ready()
                .with("memlock", "unlimited", 0)
                .with("container", "cgroup:\n0::/init.scope", 0)
                .with("unprivileged_bpf_disabled", "1", 0));
    assertTrue(
        PASSED.containsAll(
            Set.of(
                "btf-available",
                "memlock-unlimited",
                "unprivileged-bpf-disabled",
                "perf-event-paranoid",
                "not-in-container")));
    assertFalse(failed(clean).contains("not-in-container"));
  }

  @Test
  void oldLibcapGetsNumericSetcapLine() {
    Assessment a =
        assess(ready().with("getcap", "/usr/local/bin/ecapture = cap_sys_ptrace,38+ep", 0));
    assertTrue(failed(a).contains("libcap-knows-new-names"), () -> failed(a).toString());
    assertEquals(List.of("CAP_BPF"), capabilitiesOf(a, "capability-granted"));
    assertEquals(
        "sudo setcap '39,38,cap_sys_ptrace=eip' /usr/local/bin/ecapture", a.remediation().get(0));
  }

  @Test
  void unreadableSectionsAreInconclusiveNotNotReady() {
    Assessment a =
        assess(ready().with("capsh", "capsh: garbage", 0).with("status", "\u0000\u0001", 1));
    assertEquals(Verdict.INCONCLUSIVE, a.verdict(), () -> a.findings().toString());
    Finding f =
        a.findings().stream()
            .filter(x -> x.status() == dev.capfleet.assess.CheckStatus.UNKNOWN)
            .findFirst()
            .orElseThrow();
    assertEquals("capability-in-bounding-set", f.id());
    assertNotNull(f.evidence().get("boundingSet"));
  }

  /**
   * Every rule of the model is passed by one of the cases above and failed by another. It runs
   * those cases itself (on fresh instances, recording what each check said), so that it holds alone
   * as well as in the whole class.
   */
  @Test
  void everyRuleIsPassedAndFailedByTheCasesAbove() throws Exception {
    PASSED.clear();
    FAILED.clear();
    for (Method m : AssessorRulesTest.class.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Test.class)
          && !m.getName().equals("everyRuleIsPassedAndFailedByTheCasesAbove")) {
        m.setAccessible(true);
        m.invoke(new AssessorRulesTest());
      }
    }
    for (Rule r : MODEL.rules()) {
      assertTrue(PASSED.contains(r.id()), "no passing case for " + r.id());
      assertTrue(FAILED.contains(r.id()), "no failing case for " + r.id());
    }
  }
}
