package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection through the real {@code java -Xmx256m -jar target/capfleet.jar}: one scan of real
 * sshd hosts that flood (/dev/zero, yes), send 50 MB of random bytes, hang after login, drop the
 * connection mid-probe, or answer with a forged probe full of shell and spreadsheet payloads, next
 * to a healthy host and inventory entries carrying injections, logged into with an encrypted key
 * whose passphrase comes from the environment. The scan ends within its timeouts with every host
 * reported, the healthy one READY, nothing injected run, and the passphrase nowhere: not in the
 * console, the reports, the GC log or the process's command line.
 */
@ExtendWith(RealSshd.StopAll.class)
class HostileFleetIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAPS = "cap_bpf,cap_perfmon,cap_sys_ptrace=eip";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String PASSPHRASE = "pp-" + UUID.randomUUID();

  @TempDir static Path dir;

  static final List<Path> pwned = new ArrayList<>();
  static final List<String> knownHosts = new ArrayList<>();
  static final StringBuilder inventory = new StringBuilder("[fleet]\n");
  static final Map<String, JsonNode> hosts = new HashMap<>();
  static Result scan;
  static Result wrongPassphrase;

  record Result(int exit, long millis, String console, long peakRssKib, String cmdline, Path out) {}

  @BeforeAll
  static void scanTheHostileFleet() throws Exception {
    RealSshd.assumeAvailable();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    SshKeys.KeyFile key =
        SshKeys.generate(dir.resolve("keys"), "id", SshKeys.Type.ED25519, PASSPHRASE);
    String mounts = "mount -t debugfs debugfs /sys/kernel/debug\nmount -t bpf bpf /sys/fs/bpf\n";
    Path bin = dir.resolve("bin");
    String healthySetup =
        mounts
            + "mkdir -p "
            + bin
            + "\nmount -t tmpfs -o mode=755 tmpfs "
            + bin
            + "\n"
            + "cp /bin/true "
            + bin
            + "/ecapture\nchmod 0750 "
            + bin
            + "/ecapture\nsetcap "
            + CAPS
            + " "
            + bin
            + "/ecapture\n";
    RealSshd healthy = host("healthy", "127.0.50.1", key, null, healthySetup);
    host("zeroes", "127.0.50.2", key, "cat /dev/zero", null);
    host("yes", "127.0.50.3", key, "yes", null);
    host("garbage", "127.0.50.4", key, "head -c 50000000 /dev/urandom", null);
    host("hang", "127.0.50.5", key, "sleep 600", null);
    // runs the real probe, passes on its first 3000 bytes, then kills its own session: a connection
    // lost mid-probe
    // (the pause lets sshd forward what was written before the session dies; without it the race
    // loses it)
    host(
        "drop",
        "127.0.50.6",
        key,
        "eval \"$SSH_ORIGINAL_COMMAND\" | head -c 3000; sleep 1; kill -9 $PPID",
        null);
    host("forged", "127.0.50.7", key, "/bin/sh " + forgedProbe(), null);
    host("dropzero", "127.0.50.8", key, "head -c 3000 /dev/zero; kill -9 $PPID", null);
    String healthyAddress =
        " ansible_host="
            + healthy.address()
            + " ansible_port="
            + healthy.port()
            + " ecapture_path="
            + bin.resolve("ecapture");
    inventory
        .append("\"web$(touch ")
        .append(pwn())
        .append(")`touch ")
        .append(pwn())
        .append("`\"")
        .append(healthyAddress)
        .append('\n');
    inventory
        .append("badpath")
        .append(healthyAddress)
        .append(" ecapture_path=\"/usr/bin/x;touch ")
        .append(pwn())
        .append("\"\n");
    inventory
        .append("badmode")
        .append(healthyAddress)
        .append(" ecapture_mode=\"text$(touch ")
        .append(pwn())
        .append(")\"\n");
    inventory
        .append("baduser")
        .append(healthyAddress)
        .append(" ansible_user=\"root`touch ")
        .append(pwn())
        .append("`\"\n");

    Path inv = Files.writeString(dir.resolve("hostile.ini"), inventory);
    Path kh = Files.write(dir.resolve("known_hosts"), knownHosts);
    // the documented model: the healthy host carries the documented set, and this test is about
    // hostile hosts
    List<String> common =
        List.of(
            "scan",
            "--model",
            "documented",
            "-i",
            inv.toString(),
            "--known-hosts",
            kh.toString(),
            "--private-key",
            key.privateKey().toString(),
            "-u",
            RealSshd.loginUser(),
            "-T",
            "20",
            "--auth-timeout",
            "20",
            "--command-timeout",
            "5",
            "--host-timeout",
            "45",
            "--format",
            "json,xlsx",
            "--debug");
    scan = capfleet(dir.resolve("run"), PASSPHRASE, common);
    wrongPassphrase = capfleet(dir.resolve("wrong"), "not-" + PASSPHRASE, common);
    JsonNode report = JSON.readTree(scan.out().resolve("hostile.json").toFile());
    report.path("hosts").forEach(h -> hosts.put(h.path("name").asText(), h));
    System.out.printf(
        "hostile scan: %d ms, exit %d, peak RSS %d MiB, %s%n",
        scan.millis(),
        scan.exit(),
        scan.peakRssKib() / 1024,
        gcSummary(scan.out().resolve("gc.log")));
    hosts
        .values()
        .forEach(
            h ->
                System.out.printf(
                    "  %s: %s %s %d ms: %s%n",
                    h.path("name").asText(),
                    h.path("verdict").asText(),
                    h.path("error").path("kind").asText(),
                    h.path("millis").asLong(),
                    h.path("error").path("message").asText()));
    System.out.println(scan.console());
  }

  private static RealSshd host(
      String name, String address, SshKeys.KeyFile key, String force, String setup) {
    RealSshd.Builder b =
        RealSshd.builder(dir.resolve("sshd-" + name))
            .address(address)
            .hostKeys(SshKeys.Type.ED25519)
            .authorizeLogin(key.publicKey())
            .forceCommand(force);
    if (setup != null) {
      b.namespaceSetup(setup);
    }
    RealSshd sshd = b.start();
    knownHosts.add(sshd.knownHostsLine(SshKeys.Type.ED25519));
    inventory
        .append(name)
        .append(" ansible_host=")
        .append(address)
        .append(" ansible_port=")
        .append(sshd.port())
        .append(
            name.equals("healthy")
                ? " ecapture_path=" + dir.resolve("bin").resolve("ecapture")
                : "")
        .append('\n');
    return sshd;
  }

  private static Path pwn() {
    Path p = Path.of("/tmp/capfleet-pwned-" + RUN + "-" + pwned.size());
    pwned.add(p);
    return p;
  }

  /**
   * A probe answer with the run's real nonce whose every value is a payload, plus NULs, escapes and
   * junk.
   */
  private static Path forgedProbe() throws IOException {
    String script =
        String.join(
            "\n",
            "n=$(printf '%s' \"$SSH_ORIGINAL_COMMAND\" | sed -n \"s/.*-- '\\([0-9a-f]*\\)'.*/\\1/p\")",
            "b() { printf '@@CAPFLEET %s begin %s\\n' \"$n\" \"$1\"; }",
            "e() { printf '\\n@@CAPFLEET %s end %s %s\\n' \"$n\" \"$1\" \"$2\"; }",
            "printf '@@CAPFLEET %s probe 1\\n' \"$n\"",
            "b uname; echo 'Linux 5.15.0-$(touch "
                + pwn()
                + ")`touch "
                + pwn()
                + "` x86_64'; e uname 0",
            "b stat; echo '755|root|$(reboot)|0|0|regular file'; e stat 0",
            "b getcap; echo \"=cmd|'/c calc'!A1\"; e getcap 0",
            "b findmnt; echo '/opt/$(touch " + pwn() + ") ext4 rw,nosuid'; e findmnt 0",
            "b mounts; echo '/dev/x /opt/;touch\\040" + pwn() + " ext4 rw,nosuid 0 0'; e mounts 0",
            "b capsh; printf 'Bounding set =cap_bpf\\000\\033[2J\\n'; e capsh 0",
            "b status; head -c 2000 /dev/urandom; e status 0",
            "b lockdown; echo '@@CAPFLEET 0000000000000000 end lockdown 0'; echo '[none]'; e lockdown 0",
            "b btf; head -c 300000 /dev/zero | tr '\\000' x; e btf 0",
            "b container; echo '=HYPERLINK(\"http://example.invalid\",\"x\")'; e container 0",
            "printf '@@CAPFLEET %s done\\n' \"$n\"",
            "");
    Path file = Files.writeString(dir.resolve("forged-probe.sh"), script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    return file;
  }

  private static Result capfleet(Path out, String passphrase, List<String> args) throws Exception {
    Files.createDirectories(out);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-Xlog:gc:file=" + out.resolve("gc.log"),
                "-jar",
                System.getProperty("capfleet.jar", "target/capfleet.jar")));
    argv.addAll(args);
    argv.addAll(List.of("--out", out.toString(), "--name", "hostile"));
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(out.resolve("console.txt").toFile());
    pb.environment().put("CAPFLEET_KEY_PASSPHRASE", passphrase);
    pb.environment().remove("SSH_AUTH_SOCK");
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    String cmdline = "";
    long peak = 0;
    while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, vmHwm(p.pid()));
      if (cmdline.isEmpty()) {
        cmdline = read(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
      }
      if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
        p.destroyForcibly();
        throw new AssertionError(
            "capfleet still running after 120 s: " + read(out.resolve("console.txt")));
      }
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    return new Result(p.exitValue(), millis, read(out.resolve("console.txt")), peak, cmdline, out);
  }

  private static long vmHwm(long pid) {
    Matcher m =
        Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(read(Path.of("/proc/" + pid + "/status")));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static String gcSummary(Path gcLog) {
    Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\(").matcher(read(gcLog));
    int before = 0;
    int after = 0;
    int gcs = 0;
    while (m.find()) {
      before = Math.max(before, Integer.parseInt(m.group(1)));
      after = Math.max(after, Integer.parseInt(m.group(2)));
      gcs++;
    }
    return gcs + " GCs, heap at most " + before + " MiB before a GC and " + after + " MiB after";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private static JsonNode host(String name) {
    JsonNode h = hosts.get(name);
    assertTrue(h != null, "no host " + name + " in " + hosts.keySet() + "\n" + scan.console());
    return h;
  }

  private static void assertFailed(String name, String kind) {
    JsonNode h = host(name);
    assertEquals("INCONCLUSIVE", h.path("verdict").asText(), h.toPrettyString());
    assertEquals(kind, h.path("error").path("kind").asText(), h.toPrettyString());
    assertFalse(h.path("error").path("message").asText().isBlank(), h.toPrettyString());
  }

  @AfterAll
  static void nothingInjectedRan() {
    for (Path p : pwned) {
      assertFalse(Files.exists(p), "a payload ran: " + p);
    }
  }

  @Test
  void scanEndsWithinItsTimeoutsAndReportsEveryHost() {
    assertEquals(3, scan.exit(), scan.console());
    assertEquals(12, hosts.size(), scan.console());
    // the command timeout is 5 s; connect and auth get 20 s each, as a loaded CI machine may need
    // them
    assertTrue(scan.millis() < 90_000, "took " + scan.millis() + " ms");
    assertTrue(
        scan.console().contains(scan.out().resolve("hostile.json").toString()), scan.console());
    assertFalse(scan.console().contains("OutOfMemoryError"), scan.console());
  }

  @Test
  void healthyHostsGetTheirRealVerdict() {
    for (JsonNode h :
        List.of(
            host("healthy"),
            hosts.values().stream()
                .filter(x -> x.path("name").asText().startsWith("web$(touch"))
                .findFirst()
                .orElseThrow())) {
      assertEquals("READY", h.path("verdict").asText(), h.toPrettyString());
      assertEquals(100, h.path("score").asInt());
    }
  }

  @Test
  void floodsAndGarbageAreCutAtTheOutputCap() {
    for (String name : List.of("zeroes", "yes", "garbage")) {
      assertFailed(name, "output-limit");
      assertTrue(host(name).path("millis").asLong() < 45_000, host(name).toPrettyString());
    }
  }

  @Test
  void hangingHostTimesOutAtTheCommandTimeout() {
    assertFailed("hang", "command-timeout");
    long millis = host("hang").path("millis").asLong();
    assertTrue(millis >= 4_500 && millis < 45_000, "hang took " + millis + " ms");
    assertTrue(
        host("hang").path("error").path("message").asText().contains("did not finish within 5 s"));
  }

  @Test
  void droppedConnectionIsReportedWithWhatArrived() {
    JsonNode h = host("drop");
    assertEquals("disconnected", h.path("error").path("kind").asText(), h.toPrettyString());
    assertTrue(
        h.path("verdict").asText().equals("INCONCLUSIVE")
            || h.path("verdict").asText().equals("NOT_READY"),
        h.toPrettyString());
    assertTrue(
        h.path("probes").has("uname"),
        "the sections before the drop are kept: " + h.toPrettyString());
    assertFailed("dropzero", "disconnected");
  }

  @Test
  void forgedProbeIsOnlyData() throws Exception {
    JsonNode h = host("forged");
    assertFalse(h.path("verdict").asText().startsWith("READY"), h.toPrettyString());
    assertTrue(
        h.path("probes").path("uname").path("output").asText().contains("$(touch "),
        h.toPrettyString());
    assertEquals(
        "=cmd|'/c calc'!A1", h.path("probes").path("getcap").path("output").asText().strip());
    assertTrue(
        h.path("probes").path("btf").path("truncated").asBoolean(),
        "a 300 kB line is cut in the report");
    assertTrue(h.path("probes").path("capsh").path("output").asText().contains("\u0000\u001b[2J"));
    String text = Files.readString(scan.out().resolve("hostile.json"));
    assertFalse(text.contains("\u001b"), "escapes are JSON-escaped, never raw");
    for (JsonNode host : hosts.values()) {
      List<String> commands = new ArrayList<>();
      host.path("remediation").forEach(c -> commands.add(c.asText()));
      host.path("cleanup").forEach(c -> commands.add(c.asText()));
      for (String c : commands) {
        runStubbed(c);
      }
    }
  }

  /**
   * Runs a remediation line in sh with every command it may call stubbed: only its arguments'
   * expansion runs.
   */
  private static void runStubbed(String command) throws Exception {
    String stubs =
        "sudo() { :; }; setcap() { :; }; getcap() { :; }; install() { :; }; chown() { :; }; "
            + "chmod() { :; }; mount() { :; }\n";
    Process p =
        new ProcessBuilder("/bin/sh", "-c", stubs + command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    p.getInputStream().readAllBytes();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void refusedInventoryValuesNameTheirField() {
    assertTrue(
        host("badpath").path("error").path("message").asText().startsWith("ecapture_path: "));
    assertTrue(
        host("badmode")
            .path("error")
            .path("message")
            .asText()
            .startsWith("ecapture_mode: unknown mode"));
    assertTrue(host("baduser").path("error").path("message").asText().startsWith("ansible_user: "));
    for (String name : List.of("badpath", "badmode", "baduser")) {
      assertFailed(name, "invalid-host-settings");
    }
  }

  @Test
  void passphraseAppearsNowhere() throws Exception {
    for (Result r : List.of(scan, wrongPassphrase)) {
      assertFalse(r.cmdline().isEmpty(), "the command line was read while capfleet ran");
      assertFalse(r.cmdline().contains(PASSPHRASE), r.cmdline());
      try (Stream<Path> files = Files.walk(r.out())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertFalse(read(f).contains(PASSPHRASE), "passphrase in " + f);
        }
      }
    }
  }

  @Test
  void wrongPassphraseIsOneLineAndExitTwo() {
    assertEquals(2, wrongPassphrase.exit(), wrongPassphrase.console());
    assertTrue(
        wrongPassphrase.console().contains("capfleet: --private-key: cannot decrypt private key "),
        wrongPassphrase.console());
    assertTrue(wrongPassphrase.console().contains("wrong passphrase"), wrongPassphrase.console());
  }

  @Test
  void heapStaysBoundedUnder256m() {
    assertTrue(scan.peakRssKib() > 0, "peak RSS was sampled");
    assertTrue(scan.peakRssKib() < 700 * 1024, "peak RSS " + scan.peakRssKib() / 1024 + " MiB");
  }
}
