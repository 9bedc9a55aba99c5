package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code capfleet check --local} end to end, through {@code java -jar target/capfleet.jar}, on this machine: each
 * run in its own mount namespace ({@code unshare -m}) with debugfs and bpffs mounted, against a copy of a real
 * binary whose file capabilities are set with the real {@code setcap}.
 */
class CheckLocalIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static String kernelRelease;

  @BeforeAll
  static void needsRootAndLibcap() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean tools = Files.isExecutable(Path.of("/usr/sbin/setcap")) && Files.isExecutable(Path.of("/usr/bin/unshare"));
    if (System.getenv("CI") != null && System.getenv("CI").equals("true")) {
      assertTrue(root && tools, "CI must run as root with libcap2-bin and util-linux installed");
    }
    assumeTrue(root && tools, "needs root, setcap and unshare");
    kernelRelease = run(List.of("uname", "-r")).out.strip();
  }

  @Test
  void binaryWithDocumentedCapabilitiesIsReadyInTextMode() throws Exception {
    Path bin = binary("ready", "cap_bpf,cap_perfmon,cap_sys_ptrace=eip");
    Result r = check(bin, "text", "ready");
    assertEquals(0, r.exit, r.toString());
    JsonNode host = r.host();
    assertEquals("READY", host.path("verdict").asText(), r.toString());
    assertEquals(kernelRelease, host.path("kernel").path("release").asText());
    assertEquals(100, host.path("score").asInt());
    assertTrue(host.path("cleanup").get(0).asText().equals("sudo setcap -r " + bin));
  }

  @Test
  void binaryWithoutCapabilitiesIsNotReadyNamingCapBpf() throws Exception {
    Path bin = binary("bare", null);
    Result r = check(bin, "text", "bare");
    assertEquals(3, r.exit, r.toString());
    JsonNode host = r.host();
    assertEquals("NOT_READY", host.path("verdict").asText());
    List<String> missing = new ArrayList<>();
    host.path("findings").forEach(f -> {
      if (f.path("id").asText().equals("capability-granted")) {
        missing.add(f.path("capability").asText());
      }
    });
    assertEquals(List.of("CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE"), missing);
    assertEquals("sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' " + bin, host.path("remediation").get(0).asText());
    assertTrue(r.out.contains("capability-granted") || r.out.contains("CAP_BPF"), r.out);
  }

  @Test
  void pcapngModeIsNotReadyNamingCapNetAdmin() throws Exception {
    Path bin = binary("pcap", "cap_bpf,cap_perfmon,cap_sys_ptrace=eip");
    Result r = check(bin, "pcapng", "pcap");
    assertEquals(3, r.exit, r.toString());
    JsonNode host = r.host();
    assertEquals("NOT_READY", host.path("verdict").asText());
    List<String> missing = new ArrayList<>();
    host.path("findings").forEach(f -> missing.add(f.path("id").asText() + ":" + f.path("capability").asText()));
    assertTrue(missing.contains("capability-granted:CAP_NET_ADMIN"), missing.toString());
    assertEquals(1, missing.stream().filter(m -> m.startsWith("capability-granted")).count(), missing.toString());
  }

  /** A copy of a real executable, restricted as the model recommends, with the given file capabilities. */
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

  private static Result check(Path bin, String mode, String name) throws Exception {
    String jar = System.getProperty("capfleet.jar", "target/capfleet.jar");
    Path out = dir.resolve("reports");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The script is a constant; every variable part reaches it as a positional argument.
    String script = "mount -t debugfs debugfs /sys/kernel/debug && mount -t bpf bpf /sys/fs/bpf && exec \"$@\"";
    Result r = run(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", java, "-jar", jar,
        "check", "--local", "--binary", bin.toString(), "--mode", mode, "--out", out.toString(), "--name", name,
        "--format", "json"));
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

    @Override
    public String toString() {
      return "exit " + exit + "\n" + out;
    }
  }
}
