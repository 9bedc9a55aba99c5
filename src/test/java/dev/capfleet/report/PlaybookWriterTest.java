package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.capfleet.assess.Finding;
import dev.capfleet.core.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookWriterTest {
  @TempDir Path dir;

  /** A host with a plain name but a hostile binary path and hostile guidance text. */
  static HostReport evil(String path) {
    return ReportFixtures.host("evil-01")
        .verdict(Verdict.NOT_READY)
        .binaryPath(path)
        .mode("0755")
        .finding(ReportFixtures.granted("CAP_BPF", "", "sudo setcap x " + path))
        .finding(
            new Finding(
                "binary-not-executable-by-others",
                dev.capfleet.core.Severity.WARNING,
                dev.capfleet.assess.CheckStatus.FAIL,
                "t",
                "d",
                null,
                Map.of(),
                List.of(),
                null))
        .finding(
            new Finding(
                "custom-rule",
                dev.capfleet.core.Severity.WARNING,
                dev.capfleet.assess.CheckStatus.FAIL,
                "custom",
                "d",
                null,
                Map.of(),
                List.of(
                    "# ask " + ReportFixtures.JINJA + "\nkey: value\n- item",
                    "sudo rm " + ReportFixtures.SHELL),
                null))
        .cleanup()
        .build();
  }

  static ScanReport withEvil() {
    List<HostReport> hosts = new ArrayList<>(ReportFixtures.fleet().hosts());
    hosts.add(evil(ReportFixtures.HOSTILE_PATH + " " + ReportFixtures.JINJA));
    return ReportFixtures.report("2026-03-01T10:00:00Z", hosts);
  }

  static JsonNode parse(String yaml) throws Exception {
    return new YAMLMapper().readTree(yaml);
  }

  static JsonNode play(JsonNode plays, String name) {
    for (JsonNode p : plays) {
      if (p.get("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no play " + name + " in " + plays);
  }

  static List<String> names(JsonNode plays) {
    List<String> names = new ArrayList<>();
    if (plays.isObject()) {
      plays.fieldNames().forEachRemaining(names::add);
      return names;
    }
    plays.forEach(p -> names.add(p.get("name").asText()));
    return names;
  }

  static JsonNode playOf(JsonNode plays, String action) {
    for (JsonNode p : plays) {
      if (p.get("name").asText().startsWith(action)) {
        return p;
      }
    }
    throw new AssertionError("no play " + action + " in " + names(plays));
  }

  static List<String> hosts(JsonNode play) {
    List<String> out = new ArrayList<>();
    play.get("hosts").forEach(h -> out.add(h.asText()));
    return out;
  }

  @Test
  void writesOnePlayPerActionOverTheHostsThatNeedItInTheOrderTheStepsRun() throws Exception {
    PlaybookWriter.Result r = PlaybookWriter.render(ReportFixtures.fleet(), null);
    JsonNode plays = parse(r.yaml());
    List<String> names = names(plays);
    assertEquals(
        List.of(
            "capfleet guidance (not automated)",
            "capfleet: restrict-binary",
            "capfleet: mount-debugfs",
            "capfleet: mount-bpffs",
            "capfleet: set-capabilities",
            "capfleet cleanup: remove-capabilities"),
        names.stream().map(n -> n.split(" - ", 2)[0]).toList());
    assertEquals(names.size(), r.plays());
    assertEquals(List.of("web-02"), hosts(playOf(plays, "capfleet: restrict-binary")));
    // web-02's capabilities were right, its owner change clears them: the set play covers it too;
    // every db host
    // needs it, so the play names the group; web-01 and web-05 do not, so web-02 stays by name
    assertEquals(List.of("db", "web-02"), hosts(playOf(plays, "capfleet: set-capabilities")));
    assertEquals(
        List.of("web-02", "db-01", "db-02"),
        names(playOf(plays, "capfleet: set-capabilities").get("vars").get("capfleet_targets")));
    JsonNode cleanup = playOf(plays, "capfleet cleanup");
    assertEquals("[\"cleanup\",\"never\"]", cleanup.get("tags").toString());
    // prod also holds the unreachable and inconclusive hosts, which need no cleanup: never named
    assertEquals(List.of("web", "db"), hosts(cleanup));
    assertTrue(
        cleanup.toString().contains("\"argv\":[\"setcap\",\"-r\",\"{{ capfleet_binary }}\"]"));
  }

  @Test
  void becomeOnlyOnTasksThatChangeSomethingNeverOnMessagePlays() throws Exception {
    for (JsonNode p : parse(PlaybookWriter.render(withEvil(), null).yaml())) {
      assertFalse(p.has("become"), p.get("name").asText());
      for (JsonNode t : p.get("tasks")) {
        boolean changes =
            t.has("ansible.builtin.file")
                || t.has("ansible.builtin.group")
                || (t.has("ansible.builtin.command") && !t.has("changed_when"));
        assertEquals(changes, t.path("become").asBoolean(false), t.toString());
      }
    }
    JsonNode guidance =
        playOf(parse(PlaybookWriter.render(withEvil(), null).yaml()), "capfleet guidance");
    assertFalse(guidance.toString().contains("become"), guidance.toString());
  }

  @Test
  void usesCoreModulesOnlyAndNeverRawShell() throws Exception {
    String yaml = PlaybookWriter.render(withEvil(), null).yaml();
    for (JsonNode p : parse(yaml)) {
      for (JsonNode t : p.get("tasks")) {
        List<String> modules = new ArrayList<>();
        t.fieldNames()
            .forEachRemaining(
                f -> {
                  if (f.contains(".")) {
                    modules.add(f);
                  }
                });
        assertEquals(1, modules.size(), t.toString());
        assertTrue(
            List.of(
                    "ansible.builtin.command",
                    "ansible.builtin.stat",
                    "ansible.builtin.assert",
                    "ansible.builtin.file",
                    "ansible.builtin.group",
                    "ansible.builtin.debug",
                    "ansible.builtin.meta")
                .contains(modules.get(0)),
            modules.get(0));
        if (modules.get(0).equals("ansible.builtin.command")) {
          assertTrue(
              t.get("ansible.builtin.command").has("argv"), "argv, never a command line: " + t);
        }
      }
    }
  }

  @Test
  void everySetcapAndMountIsGuardedByACheck() throws Exception {
    for (JsonNode p : parse(PlaybookWriter.render(withEvil(), null).yaml())) {
      for (JsonNode t : p.get("tasks")) {
        JsonNode cmd = t.get("ansible.builtin.command");
        if (cmd == null) {
          continue;
        }
        String tool = cmd.get("argv").get(0).asText();
        if (tool.equals("setcap") || tool.equals("mount")) {
          assertTrue(t.has("when"), t.toString());
        } else {
          assertEquals("false", t.get("changed_when").asText(), t.toString());
        }
      }
    }
  }

  @Test
  void oldLibcapHostsGetNumericCapabilities() throws Exception {
    JsonNode targets =
        playOf(
                parse(PlaybookWriter.render(ReportFixtures.fleet(), null).yaml()),
                "capfleet: set-capabilities")
            .get("vars")
            .get("capfleet_targets");
    // in capability-number order, as getcap prints it, so that the guard compares like with like
    assertEquals("cap_sys_ptrace,38,39=eip", targets.get("db-02").get("capfleet_caps").asText());
    assertEquals(
        "cap_sys_ptrace,cap_perfmon,cap_bpf=eip",
        targets.get("db-01").get("capfleet_caps").asText());
  }

  @Test
  void hostileValuesStayLiteralUnsafeScalars() throws Exception {
    String path = ReportFixtures.HOSTILE_PATH + " " + ReportFixtures.JINJA;
    String yaml = PlaybookWriter.render(withEvil(), "evil-01").yaml();
    JsonNode plays = parse(yaml);
    assertEquals(
        path,
        playOf(plays, "capfleet: restrict-binary")
            .get("vars")
            .get("capfleet_targets")
            .get("evil-01")
            .get("capfleet_binary")
            .asText());
    String guidance =
        playOf(plays, "capfleet guidance")
            .get("vars")
            .get("capfleet_targets")
            .get("evil-01")
            .toString();
    assertTrue(guidance.contains("ask {{ lookup('pipe','id') }}\\nkey: value\\n- item"), guidance);
    assertTrue(guidance.contains("Review, then run by hand: sudo rm '; rm -rf / #"), guidance);
    for (String line : yaml.split("\n")) {
      if (line.contains("lookup(") || line.contains("rm -rf")) {
        // outside its !unsafe double-quoted scalars, the line holds none of the hostile text
        String rest = line.replaceAll("!unsafe \"[^\"\\\\]*(\\\\.[^\"\\\\]*)*\"", "");
        assertFalse(rest.contains("lookup(") || rest.contains("rm -rf"), line);
      }
    }
  }

  @Test
  void hostWhoseNameIsNotALiteralPatternIsLeftOutAndReported() throws Exception {
    PlaybookWriter.Result r = PlaybookWriter.render(ReportFixtures.fleet(), null);
    assertEquals(List.of(ReportFixtures.FORMULA), r.skippedHosts());
    assertFalse(r.yaml().contains("hosts: !unsafe \"=HYPERLINK"));
  }

  @Test
  void passesAnsibleSyntaxCheck() throws Exception {
    Path ansible = Processes.require("ansible-playbook");
    Path file = dir.resolve("fix.yml");
    Files.writeString(file, PlaybookWriter.render(withEvil(), null).yaml());
    Processes.Run run =
        Processes.run(
            dir,
            Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString()),
            List.of(ansible.toString(), "--syntax-check", "-i", "localhost,", file.toString()));
    assertEquals(0, run.exit(), run.output());
  }

  @Test
  void aGroupIsNamedOnlyWhenEveryHostInItNeedsThePlayAndReachesExactlyTheTargets()
      throws Exception {
    ScanReport report = withEvil();
    Path file = dir.resolve("fix.yml");
    Files.writeString(file, PlaybookWriter.render(report, null).yaml());
    JsonNode plays = parse(Files.readString(file));
    Map<String, java.util.TreeSet<String>> listed =
        PlayHosts.list(dir, PlayHosts.inventory(dir, report), file);
    assertEquals(plays.size(), listed.size(), listed.toString());
    boolean grouped = false;
    for (JsonNode p : plays) {
      // what the real ansible-playbook resolves the hosts line to is exactly the hosts the play has
      // values for
      assertEquals(
          new java.util.TreeSet<>(names(p.get("vars").get("capfleet_targets"))),
          listed.get(p.get("name").asText()),
          p.get("name").asText());
      grouped |= hosts(p).contains("db");
    }
    assertTrue(grouped, "some play names the db group: " + names(plays));
  }

  @Test
  void aGroupOfOneOrNamedLikeAHostIsNotUsed() throws Exception {
    HostReport a =
        ReportFixtures.host("a-01")
            .groups("solo", "b-01")
            .verdict(Verdict.NOT_READY)
            .binaryPath("/opt/e")
            .finding(ReportFixtures.granted("CAP_BPF", "", ""))
            .build();
    HostReport b =
        ReportFixtures.host("b-01")
            .groups("b-01")
            .verdict(Verdict.NOT_READY)
            .binaryPath("/opt/e")
            .finding(ReportFixtures.granted("CAP_BPF", "", ""))
            .build();
    JsonNode plays =
        parse(
            PlaybookWriter.render(
                    ReportFixtures.report("2026-03-01T10:00:00Z", List.of(a, b)), null)
                .yaml());
    assertEquals(List.of("a-01", "b-01"), hosts(playOf(plays, "capfleet: set-capabilities")));
  }

  /**
   * A play over a group, run for real (root, local connection): both hosts of the group the report
   * lists get their capabilities, idempotently; a host the inventory adds to the group since the
   * scan is left alone.
   */
  @Test
  void aPlayOverAGroupFixesItsHostsOnlyAndTwiceChangesNothing() throws Exception {
    Path ansible = Processes.require("ansible-playbook");
    Path getcap = Processes.require("getcap");
    if ("true".equals(System.getenv("CI"))) {
      assertEquals("root", System.getProperty("user.name"), "CI runs as root");
    }
    assumeTrue("root".equals(System.getProperty("user.name")), "setcap needs root");
    List<HostReport> hosts = new ArrayList<>();
    StringBuilder inventory = new StringBuilder("[tracers]\n");
    for (String name : List.of("tracer-a", "tracer-b", "tracer-new")) {
      Path bin = Files.createDirectories(dir.resolve(name)).resolve("ecapture");
      Files.copy(Path.of("/bin/true"), bin);
      inventory
          .append(name)
          .append(" ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
      if (!name.equals("tracer-new")) {
        hosts.add(
            ReportFixtures.host(name)
                .groups("tracers")
                .verdict(Verdict.NOT_READY)
                .binaryPath(bin.toString())
                .finding(ReportFixtures.granted("CAP_BPF", "", ""))
                .build());
      }
    }
    Path inv = Files.writeString(dir.resolve("hosts.ini"), inventory);
    String yaml =
        PlaybookWriter.render(ReportFixtures.report("2026-03-01T10:00:00Z", hosts), null).yaml();
    assertEquals(List.of("tracers"), hosts(playOf(parse(yaml), "capfleet: set-capabilities")));
    Path file = Files.writeString(dir.resolve("fix.yml"), yaml);
    List<String> cmd = List.of(ansible.toString(), "-i", inv.toString(), file.toString());
    Map<String, String> env =
        Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString());
    Processes.Run first = Processes.run(dir, env, cmd);
    assertEquals(0, first.exit(), first.output());
    assertTrue(
        first.output().matches("(?s).*\\ntracer-a +: ok=\\d+ +changed=1 .*"), first.output());
    assertTrue(
        first.output().matches("(?s).*\\ntracer-b +: ok=\\d+ +changed=1 .*"), first.output());
    // the group's new host ends at the play's guard, before any task: no recap line with a change
    assertFalse(
        first.output().matches("(?s).*\\ntracer-new +: ok=\\d+ +changed=[1-9].*"), first.output());
    for (String name : List.of("tracer-a", "tracer-b")) {
      assertTrue(
          Processes.run(
                  dir,
                  Map.of(),
                  List.of(getcap.toString(), dir.resolve(name).resolve("ecapture").toString()))
              .output()
              .contains("cap_sys_ptrace,cap_perfmon,cap_bpf=eip"),
          name);
    }
    assertEquals(
        "",
        Processes.run(
                dir,
                Map.of(),
                List.of(
                    getcap.toString(), dir.resolve("tracer-new").resolve("ecapture").toString()))
            .output()
            .strip(),
        "not in the report: untouched");
    Processes.Run second = Processes.run(dir, env, cmd);
    assertEquals(0, second.exit(), second.output());
    assertFalse(second.output().matches("(?s).*changed=[1-9].*"), second.output());
  }

  /**
   * Runs the play for real on this machine (root, local connection) twice: the second run changes
   * nothing.
   */
  @Test
  void secondRunChangesNothingAndCleanupRemovesTheCapabilities() throws Exception {
    Path ansible = Processes.require("ansible-playbook");
    Path getcap = Processes.require("getcap");
    assumeTrue("root".equals(System.getProperty("user.name")), "setcap needs root");
    // a path Jinja would evaluate if any value stayed safe: the play must treat it as literal text
    Path bin =
        Files.createDirectories(dir.resolve("odd dir {x} {{ lookup('pipe','id') }}"))
            .resolve("ecapture");
    Files.copy(Path.of("/bin/true"), bin);
    HostReport h =
        ReportFixtures.host("localhost")
            .verdict(Verdict.NOT_READY)
            .binaryPath(bin.toString())
            .finding(ReportFixtures.granted("CAP_BPF", "", ""))
            .cleanup()
            .build();
    Path file = dir.resolve("fix.yml");
    Files.writeString(
        file,
        PlaybookWriter.render(ReportFixtures.report("2026-03-01T10:00:00Z", List.of(h)), null)
            .yaml());
    List<String> cmd =
        List.of(ansible.toString(), "-i", "localhost,", "-c", "local", file.toString());
    Map<String, String> env =
        Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString());
    Processes.Run first = Processes.run(dir, env, cmd);
    assertEquals(0, first.exit(), first.output());
    assertTrue(first.output().contains("changed=1"), first.output());
    Processes.Run second = Processes.run(dir, env, cmd);
    assertTrue(second.output().contains("changed=0"), second.output());
    assertTrue(
        Processes.run(dir, Map.of(), List.of(getcap.toString(), bin.toString()))
            .output()
            .contains("cap_sys_ptrace,cap_perfmon,cap_bpf=eip"));
    List<String> cleanup = new ArrayList<>(cmd);
    cleanup.addAll(List.of("--tags", "cleanup"));
    Processes.Run removed = Processes.run(dir, env, cleanup);
    assertTrue(removed.output().contains("changed=1"), removed.output());
    assertEquals(
        "",
        Processes.run(dir, Map.of(), List.of(getcap.toString(), bin.toString())).output().strip());
  }
}
