package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellScriptWriterTest {
  @TempDir Path dir;

  static HostReport named(String name) {
    return ReportFixtures.fleet().hosts().stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  Path stub(Path bin, String name, String body) throws Exception {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void scriptIsStrictPosixShellThatParses() throws Exception {
    String script = ShellScriptWriter.render(ReportFixtures.fleet(), named("web-02"));
    assertTrue(script.startsWith("#!/bin/sh\n"));
    assertTrue(script.contains("\nset -eu\n"));
    Path file = dir.resolve("fix.sh");
    Files.writeString(file, script);
    Processes.Run run =
        Processes.run(
            dir, Map.of(), List.of(Processes.require("sh").toString(), "-n", file.toString()));
    assertEquals(0, run.exit(), run.output());
  }

  @Test
  void fixesOwnershipBeforeSetcapBecauseChownClearsCapabilities() {
    String script = ShellScriptWriter.render(ReportFixtures.fleet(), named("web-02"));
    int chown = script.indexOf("sudo chown root:security-audit /usr/local/bin/ecapture\n");
    int setcap =
        script.indexOf(
            "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' /usr/local/bin/ecapture\n");
    assertTrue(chown > 0 && setcap > chown, script);
  }

  @Test
  void guidanceLinesAreCommentsAndMountsAreGuarded() {
    String script = ShellScriptWriter.render(ReportFixtures.fleet(), named("old-01"));
    assertTrue(script.contains("#   upgrade to kernel 5.2 or later"), script);
    assertTrue(script.contains("# Nothing to automate on this host."), script);
    String db = ShellScriptWriter.render(ReportFixtures.fleet(), named("db-01"));
    assertTrue(
        db.contains(
            "\ngrep -qs '^[^ ]* /sys/kernel/debug debugfs ' /proc/mounts || "
                + "sudo mount -t debugfs debugfs /sys/kernel/debug\n"),
        db);
    String old = ShellScriptWriter.render(ReportFixtures.fleet(), named("db-02"));
    assertTrue(
        old.contains(
            "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' /usr/local/bin/ecapture"
                .replace("cap_bpf,cap_perfmon", "39,38")),
        old);
  }

  @Test
  void hostilePathStaysOneQuotedWord() throws Exception {
    Path bindir = Files.createDirectories(dir.resolve("bin"));
    Path log = dir.resolve("calls.log");
    String record =
        "for a in \"$@\"; do printf '[%s]' \"$a\"; done >> '"
            + log
            + "'; printf '\\n' >> '"
            + log
            + "'";
    stub(bindir, "sudo", record);
    stub(bindir, "getent", "exit 0");
    stub(bindir, "getcap", record);
    Path odd = Files.createDirectories(dir.resolve("x'; rm -rf /; '"));
    Path bin = Files.createFile(odd.resolve("ecapture"));
    HostReport h = PlaybookWriterTest.evil(bin.toString());
    String script = ShellScriptWriter.render(ReportFixtures.fleet(), h);
    assertTrue(script.contains("'" + dir + "/x'\\''; rm -rf /; '\\''/ecapture'"), script);
    for (String line : script.split("\n")) {
      assertFalse(
          line.startsWith("ask") || line.startsWith("key:") || line.startsWith("- item"), line);
    }
    Path file = dir.resolve("fix.sh");
    Files.writeString(file, script);
    Processes.Run run =
        Processes.run(
            dir,
            Map.of("PATH", bindir + ":/usr/bin:/bin"),
            List.of(Processes.require("sh").toString(), file.toString()));
    assertEquals(0, run.exit(), run.output());
    List<String> calls = Files.readAllLines(log);
    assertEquals(
        List.of(
            "[chown][root:security-audit][" + bin + "]",
            "[chmod][0750][" + bin + "]",
            "[setcap][cap_bpf,cap_perfmon,cap_sys_ptrace=eip][" + bin + "]",
            "[" + bin + "]"),
        calls);
  }
}
