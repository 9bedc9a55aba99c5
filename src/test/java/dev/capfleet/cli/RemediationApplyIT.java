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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The proof that remediation never breaks a working host: a real copy of a binary carrying the
 * capabilities capfleet asks for, mode 0755 ("executable by others"), is checked with {@code check
 * --local}, fixed for real by the generated playbook (local connection) or the generated sh script
 * (real sudo), and checked again. chown clears file capabilities, so this fails unless the full set
 * is re-applied after the owner change.
 */
class RemediationApplyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> READINESS =
      List.of("NOT_READY", "INCONCLUSIVE", "READY_WITH_WARNINGS", "READY");

  @TempDir static Path dir;

  @BeforeAll
  static void needsRootAndTools() {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean tools =
        List.of(
                "/usr/sbin/setcap",
                "/usr/sbin/getcap",
                "/usr/bin/unshare",
                "/usr/bin/ansible-playbook",
                "/usr/bin/sudo")
            .stream()
            .allMatch(p -> Files.isExecutable(Path.of(p)));
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(
          root && tools,
          "CI must run as root with libcap2-bin, util-linux, ansible-core and sudo installed");
    }
    assumeTrue(root && tools, "needs root, setcap, getcap, unshare, ansible-playbook and sudo");
  }

  @ParameterizedTest(name = "{0} model, applied with {1}")
  @CsvSource({"documented,ansible", "documented,sh", "verified,ansible", "verified,sh"})
  void applyingTheFixKeepsTheCapabilitiesAndNeverLowersTheVerdict(String model, String applier)
      throws Exception {
    Path work = Files.createDirectories(dir.resolve(model + "-" + applier));
    Path bin = work.resolve("bin").resolve("ecapture");
    Files.createDirectories(bin.getParent());
    Files.copy(Path.of("/bin/true"), bin, StandardCopyOption.REPLACE_EXISTING);
    run(List.of("chmod", "0755", bin.toString()), Map.of()).ok();
    // the set capfleet itself asks for on this kernel, as its own set-capabilities step gives it
    JsonNode bare = check(work, model, bin, "bare");
    String caps = stepVar(bare, "set-capabilities", "capfleet_caps");
    run(List.of("setcap", caps, bin.toString()), Map.of()).ok();
    String getcapBefore = getcap(bin);
    assertTrue(getcapBefore.contains("="), getcapBefore);

    JsonNode before = check(work, model, bin, "before");
    assertTrue(
        failed(before).contains("binary-not-executable-by-others"), failed(before).toString());
    assertFalse(failed(before).contains("capability-granted"), failed(before).toString());

    Path report = work.resolve("reports").resolve("before.json");
    String host = before.path("name").asText();
    if (applier.equals("ansible")) {
      Path playbook = work.resolve("fix.yml");
      run(
              List.of(
                  java(),
                  "-jar",
                  jar(),
                  "remediate",
                  report.toString(),
                  "--format",
                  "ansible",
                  "-o",
                  playbook.toString()),
              Map.of())
          .ok();
      Path inventory = work.resolve("hosts.ini");
      Files.writeString(
          inventory,
          host + " ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
      Map<String, String> env =
          Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_LOCAL_TEMP", work.resolve("tmp").toString());
      List<String> cmd =
          List.of("ansible-playbook", "-i", inventory.toString(), playbook.toString());
      Run first = run(cmd, env).ok();
      assertTrue(first.out.contains("changed=") && !first.out.contains("changed=0"), first.out);
      Run second = run(cmd, env).ok();
      assertTrue(second.out.contains("changed=0"), second.out);
    } else {
      Path script = work.resolve("fix.sh");
      run(
              List.of(
                  java(),
                  "-jar",
                  jar(),
                  "remediate",
                  report.toString(),
                  "--format",
                  "sh",
                  "--host",
                  host,
                  "-o",
                  script.toString()),
              Map.of())
          .ok();
      run(List.of("sh", script.toString()), Map.of()).ok();
      run(List.of("sh", script.toString()), Map.of()).ok(); // twice: nothing breaks on a second run
    }

    assertEquals(getcapBefore, getcap(bin), "the capabilities must survive the owner change");
    assertEquals(
        "750 root security-audit",
        run(List.of("stat", "-c", "%a %U %G", bin.toString()), Map.of()).ok().out.strip());
    JsonNode after = check(work, model, bin, "after");
    assertFalse(
        failed(after).contains("binary-not-executable-by-others"), failed(after).toString());
    String was = before.path("verdict").asText();
    String is = after.path("verdict").asText();
    assertTrue(
        READINESS.indexOf(is) >= READINESS.indexOf(was), was + " -> " + is + ": " + failed(after));
    List<String> newlyFailed = new ArrayList<>(failed(after));
    newlyFailed.removeAll(failed(before));
    assertEquals(List.of(), newlyFailed, "no rule fails that passed before");
    if (model.equals("documented")) {
      // in its own mount namespace with debugfs and bpffs, the documented model's only finding was
      // the warning
      assertEquals("READY_WITH_WARNINGS", was, failed(before).toString());
      assertEquals("READY", is, failed(after).toString());
    }
  }

  /**
   * {@code check --local} in a mount namespace of its own with debugfs and bpffs mounted; the
   * report's one host.
   */
  private static JsonNode check(Path work, String model, Path bin, String name) throws Exception {
    Path out = work.resolve("reports");
    // the script is a constant; every variable part reaches it as a positional argument
    String script =
        "mount -t debugfs debugfs /sys/kernel/debug && mount -t bpf bpf /sys/fs/bpf && exec \"$@\"";
    Run r =
        run(
            List.of(
                "unshare",
                "-m",
                "--propagation",
                "private",
                "sh",
                "-c",
                script,
                "sh",
                java(),
                "-jar",
                jar(),
                "check",
                "--local",
                "--model",
                model,
                "--binary",
                bin.toString(),
                "--out",
                out.toString(),
                "--name",
                name,
                "--format",
                "json"),
            Map.of());
    assertTrue(r.exit == 0 || r.exit == 3, r.toString());
    JsonNode hosts = JSON.readTree(out.resolve(name + ".json").toFile()).path("hosts");
    assertEquals(1, hosts.size());
    return hosts.get(0);
  }

  private static String stepVar(JsonNode host, String action, String var) {
    for (JsonNode s : host.path("actions")) {
      if (action.equals(s.path("action").asText())) {
        return s.path("vars").path(var).asText();
      }
    }
    throw new AssertionError("no " + action + " step in " + host.path("actions"));
  }

  private static List<String> failed(JsonNode host) {
    List<String> ids = new ArrayList<>();
    host.path("findings")
        .forEach(
            f -> {
              if (f.path("status").asText().equals("failed")
                  && !f.path("severity").asText().equals("info")) {
                ids.add(f.path("id").asText());
              }
            });
    return ids;
  }

  private static String getcap(Path bin) throws Exception {
    return run(List.of("getcap", bin.toString()), Map.of()).ok().out.strip();
  }

  private static String jar() {
    return System.getProperty("capfleet.jar", "target/capfleet.jar");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Run run(List<String> argv, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    Map<String, String> e = new HashMap<>(pb.environment());
    e.put("PATH", e.getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
    e.putAll(env);
    pb.environment().putAll(e);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + argv);
    return new Run(argv, p.exitValue(), out);
  }

  private record Run(List<String> argv, int exit, String out) {
    Run ok() {
      assertEquals(0, exit, this::toString);
      return this;
    }

    @Override
    public String toString() {
      return String.join(" ", argv) + " -> exit " + exit + "\n" + out;
    }
  }
}
