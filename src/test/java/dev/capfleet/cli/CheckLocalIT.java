package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capfleet check --local} end to end, through {@code java -jar target/capfleet.jar}, on this
 * machine: each run in its own mount namespace ({@code unshare -m}) with debugfs and bpffs mounted,
 * against a copy of a real binary whose file capabilities are set with the real {@code setcap}.
 */
class CheckLocalIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  static String kernelRelease;

  @BeforeAll
  static void needsRootAndLibcap() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean tools =
        Files.isExecutable(Path.of("/usr/sbin/setcap"))
            && Files.isExecutable(Path.of("/usr/bin/unshare"));
    if (System.getenv("CI") != null && System.getenv("CI").equals("true")) {
      assertTrue(root && tools, "CI must run as root with libcap2-bin and util-linux installed");
    }
    assumeTrue(root && tools, "needs root, setcap and unshare");
    kernelRelease = run(List.of("uname", "-r")).out.strip();
  }

  @Test
  void documentedTextSetIsNotReadyNamingSysAdminAndMemlockWithDocDrift() throws Exception {
    Path bin = binary("documented", "cap_bpf,cap_perfmon,cap_sys_ptrace=eip");
    Result r = check(bin, "text", "documented", true);
    assertEquals(3, r.exit, r.toString());
    JsonNode host = r.host();
    assertEquals("NOT_READY", host.path("verdict").asText(), r.toString());
    assertEquals(kernelRelease, host.path("kernel").path("release").asText());
    assertEquals(
        List.of("capability-granted:CAP_SYS_ADMIN", "memlock-limit-unlimited:"), blockers(host));
    assertTrue(ids(host).contains("doc-drift"), ids(host).toString());
    assertEquals(1, r.summary().path("docDrift").asInt());
    // the documented model still gives today's verdict for the same binary
    Result docs = check(bin, "text", "documented-model", true, "--model", "documented");
    assertEquals(0, docs.exit, docs.toString());
    assertEquals("READY", docs.host().path("verdict").asText());
    assertEquals(100, docs.host().path("score").asInt());
    assertTrue(docs.host().path("cleanup").get(0).asText().equals("sudo setcap -r " + bin));
  }

  @Test
  void binaryWithoutCapabilitiesIsNotReadyNamingCapSysAdmin() throws Exception {
    Path bin = binary("bare", null);
    Result r = check(bin, "text", "bare", true);
    assertEquals(3, r.exit, r.toString());
    JsonNode host = r.host();
    assertEquals("NOT_READY", host.path("verdict").asText());
    assertTrue(
        blockers(host).contains("capability-granted:CAP_SYS_ADMIN"), blockers(host).toString());
    // CAP_SYS_RESOURCE is outside this machine's bounding set: recommending it would stop the
    // binary from starting
    List<String> commands = new java.util.ArrayList<>();
    host.path("remediation").forEach(c -> commands.add(c.asText()));
    assertEquals(
        List.of("sudo setcap 'cap_sys_admin=eip' " + bin),
        commands.stream().filter(c -> c.contains("setcap")).toList(),
        commands.toString());
  }

  @Test
  void pcapngModeWithSysAdminIsNotReadyNamingCapNetAdmin() throws Exception {
    Path bin = binary("pcap", "cap_sys_admin=eip");
    Result r = check(bin, "pcapng", "pcap", true);
    assertEquals(3, r.exit, r.toString());
    List<String> blockers = blockers(r.host());
    assertTrue(blockers.contains("capability-granted:CAP_NET_ADMIN"), blockers.toString());
    assertEquals(
        1,
        blockers.stream().filter(m -> m.startsWith("capability-granted")).count(),
        blockers.toString());
  }

  @Test
  void hostWithoutDebugfsAndBpffsIsNotBlockedByThem() throws Exception {
    Path bin = binary("nomounts", "cap_sys_admin=eip");
    Result r = check(bin, "text", "nomounts", false);
    JsonNode host = r.host();
    assertFalse(
        blockers(host).stream().anyMatch(b -> b.startsWith("debugfs") || b.startsWith("bpffs")),
        blockers(host).toString());
    assertTrue(
        ids(host).contains("debugfs-mounted") && ids(host).contains("bpffs-mounted"),
        ids(host).toString());
  }

  private static List<String> blockers(JsonNode host) {
    List<String> out = new ArrayList<>();
    host.path("findings")
        .forEach(
            f -> {
              if (f.path("severity").asText().equals("blocker")
                  && f.path("status").asText().equals("failed")) {
                out.add(
                    f.path("id").asText()
                        + ":"
                        + (f.path("capability").isNull() ? "" : f.path("capability").asText()));
              }
            });
    return out;
  }

  private static List<String> ids(JsonNode host) {
    List<String> out = new ArrayList<>();
    host.path("findings").forEach(f -> out.add(f.path("id").asText()));
    return out;
  }

  /**
   * A copy of a real executable, restricted as the model recommends, with the given file
   * capabilities.
   */
  private static Path binary(String name, String caps) throws Exception {
    Path bin = dir.resolve(name).resolve("ecapture");
    Files.createDirectories(bin.getParent());
    Files.copy(Path.of("/bin/true"), bin, StandardCopyOption.REPLACE_EXISTING);
    run(List.of("chmod", "0750", bin.toString()));
    if (caps != null) {
      Result r = run(List.of("setcap", caps, bin.toString()));
      assertEquals(0, r.exit, r.toString());
    }
    return bin;
  }

  private static Result check(Path bin, String mode, String name, boolean mounts, String... extra)
      throws Exception {
    String jar = System.getProperty("capfleet.jar", "target/capfleet.jar");
    Path out = dir.resolve("reports");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The script is a constant; every variable part reaches it as a positional argument.
    // securityfs makes the lockdown mode readable, as on a usual host (absent, it is unknown:
    // INCONCLUSIVE)
    String script =
        (mounts
                ? "mount -t debugfs debugfs /sys/kernel/debug && mount -t bpf bpf /sys/fs/bpf && "
                : "")
            + "mount -t securityfs securityfs /sys/kernel/security && exec \"$@\"";
    List<String> argv =
        new ArrayList<>(
            List.of(
                "unshare",
                "-m",
                "--propagation",
                "private",
                "sh",
                "-c",
                script,
                "sh",
                java,
                "-jar",
                jar,
                "check",
                "--local",
                "--binary",
                bin.toString(),
                "--mode",
                mode,
                "--out",
                out.toString(),
                "--name",
                name,
                "--format",
                "json"));
    argv.addAll(List.of(extra));
    Result r = run(argv);
    r.report = out.resolve(name + ".json");
    return r;
  }

  private static Result run(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    Result r = new Result();
    r.exit = p.exitValue();
    r.out = out;
    return r;
  }

  private static final class Result {
    int exit;
    String out;
    Path report;

    JsonNode host() throws IOException {
      JsonNode root = JSON.readTree(report.toFile());
      assertEquals(1, root.path("hosts").size());
      return root.path("hosts").get(0);
    }

    JsonNode summary() throws IOException {
      return JSON.readTree(report.toFile()).path("summary");
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n" + out;
    }
  }
}
