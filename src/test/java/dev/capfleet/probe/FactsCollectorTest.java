package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.Capability;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole probe runs recorded on this machine (fixtures/probe, see README.md) turned into facts. */
class FactsCollectorTest {
  private static final String NONCE = "0123456789abcdef";
  private static final String BIN = "/usr/local/bin/ecapture";

  private static HostFacts collect(String fixture, String binary) {
    return collectFrom("probe/" + fixture, binary);
  }

  private static HostFacts collectFrom(String path, String binary) {
    return FactsCollector.collect(ProbeOutput.parse(Fixtures.read(path), NONCE), binary);
  }

  /**
   * The same set-ups recorded again with the probe that reads its files with one grep, takes the
   * account from capsh and starts neither stat nor getcap for an absent binary (fixtures
   * probe-read-files/): the same facts and gaps as the earlier recordings.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "dash-ready.txt:/usr/local/bin/ecapture",
        "bash-ready.txt:/usr/local/bin/ecapture",
        "busybox-nosuid.txt:/opt/nosuid/ecapture",
        "bash-missing-binary.txt:/usr/local/bin/ecapture-absent",
        "busybox-no-libcap.txt:/usr/local/bin/ecapture",
        "dash-nobody-dropped-nnp.txt:/usr/local/bin/ecapture",
        "dash-userns.txt:/usr/local/bin/ecapture"
      })
  void theProbeThatReadsFilesWithGrepGathersTheSameFacts(String run) {
    String fixture = run.substring(0, run.indexOf(':'));
    String binary = run.substring(run.indexOf(':') + 1);
    assertEquals(
        withoutDrift(collect(fixture, binary)),
        withoutDrift(collectFrom("probe-read-files/" + fixture, binary)));
  }

  /**
   * The facts without what changed on this machine between the recordings: the kernel's build
   * suffix, the mount table (tmpfs sizes, a /run/netns mount), and the binary mount's device (the
   * earlier runs had findmnt, which names none for a tmpfs).
   */
  private static HostFacts withoutDrift(HostFacts f) {
    var m = f.binaryMount();
    return new HostFacts(
        new KernelInfo(null, f.kernel().version(), f.kernel().source()),
        f.arch(),
        f.binaryPath(),
        f.binaryPresent(),
        f.binaryRealPath(),
        f.binaryStat(),
        f.getcap(),
        m == null ? null : new dev.capfleet.core.Mount("", m.mountPoint(), m.fsType(), m.options()),
        f.boundingSet(),
        f.noNewPrivs(),
        null,
        f.lockdown(),
        f.btf(),
        f.unprivilegedBpfDisabled(),
        f.perfEventParanoid(),
        f.memlockHard(),
        f.container(),
        f.libcapNewNames(),
        f.libcapInstalled(),
        f.gaps(),
        f.security());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dash-ready.txt", "bash-ready.txt"})
  void gathersEveryFactFromTheDocumentedDeployment(String fixture) {
    HostFacts f = collect(fixture, BIN);
    assertEquals("6.18.44", f.kernel().version().toString());
    assertEquals("uname", f.kernel().source());
    assertEquals("x86_64", f.arch());
    assertEquals(true, f.binaryPresent());
    assertEquals(BIN, f.binaryRealPath());
    assertEquals("0755", f.binaryStat().octalMode());
    assertEquals("caps cap_sys_ptrace,cap_perfmon,cap_bpf=eip", Fixtures.render(f.getcap()));
    assertEquals("|/usr/local/bin|tmpfs|rw,relatime,mode=755", Fixtures.render(f.binaryMount()));
    assertEquals("capsh", f.boundingSet().source());
    assertTrue(f.boundingSet().capabilities().contains(Capability.CAP_BPF));
    assertEquals(false, f.noNewPrivs());
    assertTrue(
        f.mounts().stream()
            .anyMatch(
                m -> m.fsType().equals("debugfs") && m.mountPoint().equals("/sys/kernel/debug")));
    assertTrue(
        f.mounts().stream()
            .anyMatch(m -> m.fsType().equals("bpf") && m.mountPoint().equals("/sys/fs/bpf")));
    assertEquals("integrity", f.lockdown());
    assertEquals(true, f.btf());
    assertEquals(2, f.unprivilegedBpfDisabled());
    assertEquals(2, f.perfEventParanoid());
    assertEquals("8192", f.memlockHard());
    assertEquals("docker", f.container()); // this machine has /.dockerenv
    assertEquals(true, f.libcapNewNames());
    assertEquals(true, f.libcapInstalled());
    assertEquals(Map.of(), f.gaps());
  }

  @Test
  void seesTheNosuidMountUnderBusybox() {
    HostFacts f = collect("busybox-nosuid.txt", "/opt/nosuid/ecapture");
    assertTrue(f.binaryMount().hasOption("nosuid"));
    assertEquals("/opt/nosuid", f.binaryMount().mountPoint());
    assertEquals(Map.of(), f.gaps());
  }

  @Test
  void reportsAMissingBinaryAndFallsBackToProcMounts() {
    HostFacts f = collect("bash-missing-binary.txt", "/usr/local/bin/ecapture-absent");
    assertEquals(false, f.binaryPresent());
    assertInstanceOf(GetcapResult.FileMissing.class, f.getcap());
    assertNull(f.binaryStat());
    assertEquals("binary does not exist", f.gaps().get("binary stat"));
    assertEquals(
        "/", f.binaryMount().mountPoint()); // findmnt needs an existing file; /proc/mounts does not
    assertEquals(
        "none", f.lockdown()); // no lockdown file: the LSM is not there, nothing is locked down
    assertNull(f.gaps().get("lockdown"));
    assertFalse(f.mounts().stream().anyMatch(m -> m.fsType().equals("debugfs")));
  }

  @Test
  void tellsMissingLibcapFromMissingCapabilities() {
    HostFacts f = collect("busybox-no-libcap.txt", BIN);
    assertInstanceOf(GetcapResult.ToolMissing.class, f.getcap());
    assertTrue(f.gaps().get("getcap").contains("install libcap2-bin"), f.gaps().toString());
    assertEquals(false, f.libcapInstalled());
    assertNull(f.libcapNewNames());
    assertEquals("proc_status", f.boundingSet().source());
    assertEquals(false, f.noNewPrivs());
    assertEquals(true, f.binaryPresent());
  }

  @Test
  void seesADroppedBoundingSetAndNoNewPrivsOfANonRootLogin() {
    HostFacts f = collect("dash-nobody-dropped-nnp.txt", BIN);
    assertFalse(f.boundingSet().capabilities().contains(Capability.CAP_BPF));
    assertFalse(f.boundingSet().capabilities().contains(Capability.CAP_PERFMON));
    assertTrue(f.boundingSet().capabilities().contains(Capability.CAP_SYS_PTRACE));
    assertEquals(true, f.noNewPrivs());
  }

  @Test
  void takesNoNewPrivsFromProcStatusWhenCapshIsTooOld() {
    HostFacts f = collect("dash-libcap244.txt", BIN);
    assertEquals("capsh", f.boundingSet().source());
    assertEquals(false, f.boundingSet().noNewPrivs());
    assertEquals(false, f.noNewPrivs());
    assertEquals(true, f.libcapNewNames());
  }

  @Test
  void saysWhatIsMissingWhenTheProbeStoppedEarly() {
    String raw = Fixtures.read("probe/dash-ready.txt");
    String cut = raw.substring(0, raw.indexOf("begin capsh") + 40);
    HostFacts f = FactsCollector.collect(ProbeOutput.parse(cut, NONCE), BIN);
    assertEquals("caps cap_sys_ptrace,cap_perfmon,cap_bpf=eip", Fixtures.render(f.getcap()));
    assertNull(f.boundingSet());
    assertTrue(f.gaps().get("bounding set").contains("capsh output cut off"), f.gaps().toString());
    assertEquals("the probe stopped before mounts", f.gaps().get("mounts"));
    assertEquals("|/usr/local/bin|tmpfs|rw,relatime,mode=755", Fixtures.render(f.binaryMount()));
  }

  @Test
  void marksNumericNamesAsOldLibcap() {
    String raw =
        "@@CAPFLEET "
            + NONCE
            + " begin getcap\n"
            + BIN
            + " = cap_sys_ptrace,38,39+eip\n\n@@CAPFLEET "
            + NONCE
            + " end getcap 0\n@@CAPFLEET "
            + NONCE
            + " done\n";
    HostFacts f = FactsCollector.collect(ProbeOutput.parse(raw, NONCE), BIN);
    assertEquals(false, f.libcapNewNames());
    assertEquals(true, f.libcapInstalled());
    assertEquals(true, f.binaryPresent());
    assertEquals("the probe printed no uname section", f.gaps().get("arch"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dash-ready.txt", "bash-ready.txt", "busybox-nosuid.txt"})
  void readsTheVerifiedModelsFactsUnderEveryShell(String fixture) {
    SecurityFacts s = collect(fixture, BIN).security();
    assertEquals(true, s.uprobePmu());
    assertEquals(false, s.userNamespace());
    assertEquals(40, s.capLastCap());
    assertEquals("integrity", s.lockdownMode()); // securityfs mounted in these set-ups
    assertNull(s.buildDate()); // this machine's kernel says "#1 SMP PREEMPT_DYNAMIC @0": no date
    assertEquals("root (uid 0)", s.account());
    assertTrue(s.upstreamKnown());
  }

  @Test
  void seesAUserNamespaceAndNoLockdownWithoutSecurityfs() {
    HostFacts f = collect("dash-userns.txt", BIN);
    assertEquals(true, f.security().userNamespace());
    assertEquals("0          0          1", f.security().uidMap());
    HostFacts missing = collect("bash-missing-binary.txt", "/usr/local/bin/ecapture-absent");
    assertNull(missing.security().lockdownMode());
    assertTrue(
        missing.gaps().get("lockdown mode").contains("securityfs not mounted"),
        missing.gaps().toString());
    assertEquals("8192", collect("dash-ready.txt", BIN).memlockHard());
  }

  @Test
  void readsBuildDatesOfDebianUbuntuAndEpochKernels() {
    assertEquals(
        "2025-08-10",
        SecurityFactsParser.buildDate(
                "Linux version 6.1.0-38-amd64 (x) #1 SMP "
                    + "PREEMPT_DYNAMIC Debian 6.1.147-1 (2025-08-10)")
            .orElseThrow()
            .toString());
    assertEquals(
        "2023-11-14",
        SecurityFactsParser.buildDate(
                "Linux version 5.15.0-91-generic (buildd@lcy02-amd64-045)"
                    + " (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0) #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023")
            .orElseThrow()
            .toString());
    assertTrue(
        SecurityFactsParser.buildDate("Linux version 6.18.44 (b@s) #1 SMP PREEMPT_DYNAMIC @0")
            .isEmpty());
    assertEquals(
        "2025-07-03",
        SecurityFactsParser.buildDate("Linux version 6.6 #1 SMP @1751500800")
            .orElseThrow()
            .toString());
    assertEquals(
        "unlimited",
        SecurityFactsParser.memlockHard(
                "Max locked memory         65536                unlimited            bytes")
            .orElseThrow());
  }
}
