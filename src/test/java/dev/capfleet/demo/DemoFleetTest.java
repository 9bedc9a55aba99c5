package dev.capfleet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.demo.DemoHost.Behaviour;
import dev.capfleet.model.ModelLoader;
import dev.capfleet.probe.FactsCollector;
import dev.capfleet.probe.HostFacts;
import dev.capfleet.probe.ProbeOutput;
import dev.capfleet.probe.ProbeScript;
import dev.capfleet.report.HostReport;
import dev.capfleet.scan.HostAuditor;
import dev.capfleet.scan.HostPlan;
import dev.capfleet.transport.ExecLimits;
import dev.capfleet.transport.ExecOutcome;
import dev.capfleet.transport.ExecOutcome.Status;
import dev.capfleet.transport.SshExecutor;
import dev.capfleet.transport.SshSettings;
import dev.capfleet.transport.SshTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled demo fleet, reached through capfleet's own SSH client with strict host key checking.
 */
class DemoFleetTest {
  static final ExecLimits FAST =
      new ExecLimits(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          1024 * 1024);

  @TempDir static Path dir;
  static DemoFleet fleet;
  static SshExecutor ssh;

  @BeforeAll
  static void start() throws IOException {
    fleet = DemoFleet.start(dir);
    ssh = new SshExecutor(settings(fleet.knownHosts(), fleet.clientKey()));
  }

  @AfterAll
  static void stop() {
    if (ssh != null) {
      ssh.close();
    }
    if (fleet != null) {
      fleet.close();
    }
  }

  static SshSettings settings(Path knownHosts, Path key) {
    return SshSettings.strict(knownHosts).withIdentityFiles(List.of(key));
  }

  static SshTarget target(DemoHost h) {
    return SshTarget.of(h.name(), h.address(), h.port()).withUser(DemoFleet.USER);
  }

  static ExecOutcome await(CompletableFuture<ExecOutcome> f) {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("outcome did not arrive: " + e, e);
    }
  }

  static DemoHost host(String name) {
    return fleet.host(name).orElseThrow();
  }

  @Test
  void everyAnsweringHostPassesStrictHostKeyCheckAndGetsItsPromisedVerdict() {
    Map<DemoHost, String> nonces = new LinkedHashMap<>();
    Map<DemoHost, CompletableFuture<ExecOutcome>> runs = new LinkedHashMap<>();
    for (DemoHost h : fleet.hosts()) {
      if (h.behaviour() == Behaviour.ANSWER) {
        String nonce = ProbeScript.newNonce();
        nonces.put(h, nonce);
        runs.put(
            h,
            ssh.run(
                target(h),
                ProbeScript.remoteCommand(nonce, h.binary()),
                ProbeScript.bytes(),
                FAST));
      }
    }
    assertTrue(runs.size() >= 10, "at least ten answering hosts");
    runs.forEach(
        (h, run) -> {
          ExecOutcome out = await(run);
          assertTrue(out.succeeded(), () -> h.name() + ": " + out + " " + out.stderrText());
          assertTrue(
              out.hostKeyFingerprint().startsWith("ED25519 SHA256:"), out.hostKeyFingerprint());
          ProbeOutput probe = ProbeOutput.parse(out.stdoutText(), nonces.get(h));
          assertTrue(probe.complete(), h.name());
          assertFalse(
              out.stdoutText().contains(FleetSpec.RECORDED_NONCE),
              "the scanner's nonce replaces the recorded one");
          HostFacts facts = FactsCollector.collect(probe, h.binary());
          assertNotNull(facts.kernel(), h.name());
          HostReport report = audit(h, out, nonces.get(h));
          assertEquals(h.expect(), report.verdict(), () -> h.name() + ": " + report.findings());
        });
  }

  @Test
  void everyHostHasItsOwnHostKey() throws IOException {
    List<String> lines = Files.readAllLines(fleet.knownHosts());
    Set<String> keys = new HashSet<>();
    lines.forEach(l -> keys.add(l.split(" ", 2)[1]));
    long served =
        fleet.hosts().stream().filter(h -> h.behaviour() != Behaviour.UNREACHABLE).count();
    assertEquals(served, lines.size());
    assertEquals(served, keys.size(), "one distinct key per host");

    // known_hosts that pairs web-ubuntu2204's name with db-debian12's key: the key offered is not
    // the one on file.
    DemoHost a = host("web-ubuntu2204");
    DemoHost b = host("db-debian12");
    String keyOfB =
        lines.stream()
            .filter(l -> l.startsWith(b.knownHostsName() + " "))
            .findFirst()
            .orElseThrow()
            .split(" ", 2)[1];
    Path swapped = dir.resolve("swapped_known_hosts");
    Files.writeString(swapped, a.knownHostsName() + " " + keyOfB + "\n");
    try (SshExecutor other = new SshExecutor(settings(swapped, fleet.clientKey()))) {
      ExecOutcome out = await(other.run(target(a), "true", null, FAST));
      assertEquals(Status.HOST_KEY_CHANGED, out.status(), out.toString());
    }
  }

  @Test
  void refusesAnythingButTheExactProbeCommand() {
    DemoHost h = host("lab-debian12");
    String good = "0123456789abcdef";
    for (String command :
        List.of(
            "uname -a",
            "LC_ALL=C /bin/sh -s -- '0123456789ABCDEF' '/usr/local/bin/ecapture'",
            "LC_ALL=C /bin/sh -s -- '0123456789abcde' '/usr/local/bin/ecapture'",
            "LC_ALL=C /bin/sh -s -- '" + good + "' '/usr/local/bin/ecapture'; id",
            "LC_ALL=C /bin/sh -s -- '" + good + "' '/usr/local/bin/other'",
            "LC_ALL=C /bin/sh -s -- '" + good + "' 'usr/local/bin/ecapture'")) {
      ExecOutcome out = await(ssh.run(target(h), command, ProbeScript.bytes(), FAST));
      assertEquals(Status.OK, out.status(), command + ": " + out);
      assertEquals(ProbeCommand.REFUSED, out.exitCode(), command);
      assertEquals(0, out.stdout().length, command);
      assertTrue(
          out.stderrText().startsWith("capfleet demo host lab-debian12: "), out.stderrText());
    }
  }

  @Test
  void hangingHostTimesOutWithinTheLimits() {
    ExecLimits limits =
        FAST.withCommandTimeout(Duration.ofSeconds(2)).withHostDeadline(Duration.ofSeconds(6));
    long t0 = System.nanoTime();
    ExecOutcome out =
        await(
            ssh.run(
                target(host("dc-hang")),
                ProbeScript.remoteCommand(ProbeScript.newNonce(), DemoHost.DEFAULT_BINARY),
                ProbeScript.bytes(),
                limits));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(Status.COMMAND_TIMEOUT, out.status(), out.toString());
    assertTrue(millis >= 1_500 && millis < 20_000, "took " + millis + " ms");
    assertEquals(
        host("dc-hang").expect(), audit(host("dc-hang"), out, "0123456789abcdef").verdict());
  }

  @Test
  void unreachableHostRefusesTheConnection() {
    ExecOutcome out = await(ssh.run(target(host("dc-unreachable")), "true", null, FAST));
    assertEquals(Status.CONNECT_REFUSED, out.status(), out.toString());
    assertEquals(
        host("dc-unreachable").expect(),
        audit(host("dc-unreachable"), out, "0123456789abcdef").verdict());
  }

  static HostReport audit(DemoHost h, ExecOutcome out, String nonce) {
    return new HostAuditor(ModelLoader.verified())
        .audit(
            new HostPlan(
                h.name(),
                h.address(),
                h.port(),
                DemoFleet.USER,
                List.of(),
                h.binary(),
                h.mode() == null ? "text" : h.mode(),
                "readiness",
                null,
                null,
                null),
            out,
            nonce,
            Instant.now());
  }

  @Test
  void acceptsOnlyTheGeneratedClientKeyAndTheAuditUser() throws Exception {
    DemoHost h = host("lab-debian12");
    ExecOutcome wrongUser = await(ssh.run(target(h).withUser("root"), "true", null, FAST));
    assertEquals(Status.AUTH_FAILED, wrongUser.status(), wrongUser.toString());

    Path otherDir = Files.createDirectories(dir.resolve("other-key"));
    Path otherKey =
        FleetFiles.writeClientKey(
            otherDir,
            org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair("ssh-ed25519", 256));
    try (SshExecutor other = new SshExecutor(settings(fleet.knownHosts(), otherKey))) {
      ExecOutcome out = await(other.run(target(h), "true", null, FAST));
      assertEquals(Status.AUTH_FAILED, out.status(), out.toString());
    }
  }

  @Test
  void clientKeyIsAnOpenSshPrivateKeyOnlyItsOwnerReads() throws Exception {
    String text = Files.readString(fleet.clientKey());
    assertTrue(text.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"), text);
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(fleet.clientKey())));
    Path keygen = Path.of("/usr/bin/ssh-keygen");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(keygen), "ssh-keygen not installed");
    Process p =
        new ProcessBuilder(keygen.toString(), "-y", "-f", fleet.clientKey().toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String derived = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String pub = Files.readString(Path.of(fleet.clientKey() + ".pub"));
    assertTrue(
        pub.startsWith(derived.split(" ")[0] + " " + derived.split(" ")[1] + " "),
        derived + " vs " + pub);
  }

  @Test
  void inventoryNamesEveryHostWithItsConnectionAndEcaptureVariables() throws IOException {
    String ini = Files.readString(fleet.inventory(), StandardCharsets.UTF_8);
    for (DemoHost h : fleet.hosts()) {
      String line = ini.lines().filter(l -> l.startsWith(h.name() + " ")).findFirst().orElseThrow();
      assertTrue(
          line.contains(
              " ansible_host="
                  + h.address()
                  + " ansible_port="
                  + h.port()
                  + " ansible_user=audit"
                  + " ansible_ssh_private_key_file="
                  + fleet.clientKey().toAbsolutePath()),
          line);
      assertEquals(h.mode() != null, line.contains(" ecapture_mode=" + h.mode()), line);
      assertEquals(
          !h.binary().equals(DemoHost.DEFAULT_BINARY),
          line.contains(" ecapture_path=" + h.binary()),
          line);
    }
    assertTrue(
        ini.contains("\n[ubuntu]\nweb-ubuntu2204\n"),
        "a host listed again by name in its other groups");
    assertTrue(ini.contains("\n[demo:children]\nweb\n"), ini);
  }

  @Test
  void ansibleReadsTheInventoryTheSameWay() throws Exception {
    Path ansible = Path.of("/usr/bin/ansible-inventory");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(ansible) || "true".equals(System.getenv("CI")),
        "ansible-inventory not installed");
    Process p =
        new ProcessBuilder(ansible.toString(), "-i", fleet.inventory().toString(), "--list")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    var vars =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(json)
            .path("_meta")
            .path("hostvars");
    for (DemoHost h : fleet.hosts()) {
      var v = vars.path(h.name());
      assertEquals(h.address(), v.path("ansible_host").asText(), h.name());
      assertEquals(h.port(), v.path("ansible_port").asInt(), h.name());
      assertEquals("audit", v.path("ansible_user").asText(), h.name());
      assertEquals(
          fleet.clientKey().toAbsolutePath().toString(),
          v.path("ansible_ssh_private_key_file").asText());
    }
    assertEquals("/opt/nosuid/ecapture", vars.path("web-nosuid").path("ecapture_path").asText());
    assertEquals("pcapng", vars.path("capture-pcapng").path("ecapture_mode").asText());
    List<String> groups = new ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(json)
        .path("demo")
        .path("children")
        .forEach(g -> groups.add(g.asText()));
    assertTrue(
        groups.containsAll(List.of("web", "db", "containers", "datacenter")), groups.toString());
  }
}
