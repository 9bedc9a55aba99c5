package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.Processes;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a shell user meets it, through the real jar: the man page and completion the
 * build generates, {@code --version}, the progress line on a terminal, and Ctrl-C during the demo.
 */
class ShellIT {
  private static final Path JAR =
      Path.of(System.getProperty("capfleet.jar", "target/capfleet.jar")).toAbsolutePath();
  private static final Path SHELL_DOCS = JAR.resolveSibling("shell");
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private Run run(List<String> argv) throws Exception {
    Process p =
        new ProcessBuilder(argv)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile())
            .start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + argv);
    return new Run(
        p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
  }

  private static void need(String tool) {
    if (!new File(tool).canExecute()) {
      Assumptions.assumeFalse(!"true".equals(System.getenv("CI")), tool + " is not installed");
      throw new AssertionError(tool + " is missing in CI: install it in .ci/run");
    }
  }

  @Test
  void manPageRendersWithoutWarnings() throws Exception {
    need("/usr/bin/man");
    Path page = SHELL_DOCS.resolve("capfleet.1");
    assertTrue(Files.isRegularFile(page), "the build writes " + page);
    // MANWIDTH keeps the layout stable; --warnings makes groff report any roff mistake on stderr
    Run man =
        run(
            List.of(
                "env",
                "MANWIDTH=100",
                "MAN_KEEP_FORMATTING=0",
                "man",
                "--warnings",
                "-l",
                page.toString()));
    assertEquals(0, man.exit(), man.err());
    assertEquals("", man.err(), "groff warnings");
    String text =
        man.out().replaceAll(".\b", ""); // no overstrike bold when not a terminal, but be sure
    for (String expected :
        List.of(
            "CAPFLEET(1)",
            "capfleet scan [OPTIONS]",
            "capfleet help [COMMAND]",
            "--private-key FILE",
            "--allow-empty",
            "EXIT STATUS",
            "130",
            "CAPFLEET_KEY_PASSPHRASE")) {
      assertTrue(text.contains(expected), expected + " in:\n" + text);
    }
  }

  /**
   * Runs bash with the generated script sourced and asks its completion function, as a TAB press
   * does.
   */
  private List<String> complete(String line) throws Exception {
    need("/bin/bash");
    Path script = SHELL_DOCS.resolve("capfleet.bash");
    assertTrue(Files.isRegularFile(script), "the build writes " + script);
    String probe =
        "source \"$1\"; read -ra COMP_WORDS <<< \"$2\"; [[ \"$2\" == *' ' ]] && COMP_WORDS+=(''); "
            + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$2\"; COMP_POINT=${#COMP_LINE}; "
            + "_complete_capfleet capfleet \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"; "
            + "printf '%s\\n' \"${COMPREPLY[@]}\"";
    Run r =
        run(List.of("bash", "--norc", "--noprofile", "-c", probe, "bash", script.toString(), line));
    assertEquals(0, r.exit(), r.err());
    return r.out().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void bashCompletionCompletesCommandsAndFlags() throws Exception {
    assertEquals(List.of("scan"), complete("capfleet sc"));
    assertTrue(
        complete("capfleet scan --priv").contains("--private-key"),
        complete("capfleet scan --priv").toString());
    assertTrue(
        complete("capfleet help ").contains("explain"), complete("capfleet help ").toString());
    // the zsh script is the same picocli script, which runs bashcompinit when zsh sources it
    assertEquals(
        Files.readString(SHELL_DOCS.resolve("capfleet.bash")),
        Files.readString(SHELL_DOCS.resolve("capfleet.zsh")));
    assertTrue(Files.readString(SHELL_DOCS.resolve("capfleet.zsh")).contains("bashcompinit"));
  }

  @Test
  void versionNamesCommitModelAndJava() throws Exception {
    Run v = run(List.of(JAVA, "-jar", JAR.toString(), "--version"));
    assertEquals(0, v.exit(), v.err());
    List<String> lines = v.out().lines().toList();
    assertEquals(3, lines.size(), v.out());
    String commit;
    try {
      commit =
          Processes.run(
                  List.of(
                      "git",
                      "-C",
                      Path.of("").toAbsolutePath().toString(),
                      "describe",
                      "--always",
                      "--dirty",
                      "--abbrev=12"))
              .strip();
    } catch (IllegalStateException e) {
      commit = "unknown"; // no git or no checkout: the build stamps the same word
    }
    assertTrue(
        lines.get(0).matches("capfleet \\d+\\.\\d+\\.\\d+\\S* \\(commit [0-9a-f]{12}(-dirty)?\\)")
            || lines.get(0).endsWith("(commit unknown)"),
        lines.get(0));
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "capfleet "
                    + VersionProvider.version()
                    + " (commit "
                    + commit.replace("-dirty", "")),
        lines.get(0) + " vs " + commit);
    assertTrue(
        lines
            .get(1)
            .matches(
                "model "
                    + java.util.regex.Pattern.quote(dev.capfleet.model.ModelLoader.verified().id())
                    + " \\S+ \\(bundled\\)"),
        lines.get(1));
    assertTrue(
        lines.get(2).startsWith("Java " + System.getProperty("java.version") + " "), lines.get(2));
  }

  @Test
  void progressGoesToAStderrTerminalEvenWhenStdoutIsAFile() throws Exception {
    need("/usr/bin/script");
    Path summary = dir.resolve("summary.txt");
    // script(1) gives the command a terminal; stdout goes to a file, as under "| tee" or "> log"
    String cmd =
        "'"
            + JAVA
            + "' -jar '"
            + JAR
            + "' demo --hosts 6 --out '"
            + dir.resolve("reports")
            + "' --name d --format json > '"
            + summary
            + "'";
    Run r = run(List.of("script", "-qec", cmd, "/dev/null"));
    assertTrue(r.exit() == 3 || r.exit() == 4 || r.exit() == 0, r.toString());
    String terminal = r.out();
    assertTrue(terminal.contains("\r6/6 hosts: "), "progress on the terminal: " + terminal);
    assertFalse(terminal.contains("failed"), "verdict counts, not 'failed': " + terminal);
    String last = terminal.substring(terminal.lastIndexOf("\r6/6 hosts: ") + 1);
    assertTrue(
        last.matches("(?s)6/6 hosts: .*hosts/s, ETA 0s\u001b\\[K\r?\n.*"),
        "the line is ended: " + last);
    assertFalse(Files.readString(summary).contains("hosts/s"), "no progress in the file");
    assertTrue(
        Files.readString(summary).contains("Most common reasons:"), Files.readString(summary));
  }

  @Test
  void ctrlCDuringTheDemoWritesTheReportExits130AndRemovesTheTemporaryKey() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path out = dir.resolve("console.txt");
    List<String> argv =
        new ArrayList<>(
            List.of(
                JAVA,
                "-Djava.io.tmpdir=" + tmp,
                "-jar",
                JAR.toString(),
                "demo",
                "--out",
                dir.resolve("reports").toString(),
                "--name",
                "d",
                "--format",
                "json"));
    Process p =
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    // the 16-host demo holds one hanging host for seconds: interrupt while it waits
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(out).contains("Demo fleet:")
        && System.nanoTime() < deadline
        && p.isAlive()) {
      Thread.sleep(100);
    }
    Thread.sleep(1500);
    assertTrue(p.isAlive(), () -> "exited early: " + read(out));
    try (var left = Files.list(tmp)) {
      assertTrue(
          left.anyMatch(f -> f.getFileName().toString().startsWith("capfleet-demo-")),
          "the demo's folder");
    }
    Processes.run(List.of("kill", "-INT", Long.toString(p.pid())));
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped after Ctrl-C");
    String console = read(out);
    assertEquals(ExitCode.INTERRUPTED.code(), p.exitValue(), console);
    assertTrue(console.contains("capfleet: interrupted: stopping;"), console);
    assertTrue(
        console.contains("Interrupted: the scan was stopped before every host finished"), console);
    assertTrue(
        Files.isRegularFile(dir.resolve("reports").resolve("d.json")), "the report is written");
    try (var left = Files.list(tmp)) {
      List<Path> files =
          left.filter(f -> f.getFileName().toString().startsWith("capfleet-demo-")).toList();
      assertEquals(List.of(), files, "the temporary folder with the demo's private key is removed");
    }
  }

  @Test
  void keyOwnedByAnotherUserSaysWhyItCannotBeRead() throws Exception {
    // the key belongs to root (this test), capfleet runs as the audit account .ci/run creates
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean audit = root && dev.capfleet.testing.RealSshd.auditUserReady();
    if (!audit) {
      Assumptions.assumeFalse(
          !"true".equals(System.getenv("CI")), "needs root and the capfleet-audit account");
      throw new AssertionError("CI runs as root with the capfleet-audit account (.ci/run)");
    }
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    dev.capfleet.testing.SshKeys.KeyFile key =
        dev.capfleet.testing.SshKeys.generate(
            dir.resolve("keys"), "id", dev.capfleet.testing.SshKeys.Type.ED25519);
    Files.setPosixFilePermissions(
        dir.resolve("keys"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path inv =
        Files.writeString(dir.resolve("one.ini"), "web1 ansible_host=127.0.0.1 ansible_port=1\n");
    Path kh = Files.writeString(dir.resolve("known_hosts"), "");
    Path reports = Files.createDirectories(dir.resolve("reports"));
    Files.setPosixFilePermissions(
        reports, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Run r =
        run(
            List.of(
                "runuser",
                "-u",
                "capfleet-audit",
                "--",
                JAVA,
                "-jar",
                JAR.toString(),
                "scan",
                "-i",
                inv.toString(),
                "--private-key",
                key.privateKey().toString(),
                "--known-hosts",
                kh.toString(),
                "--out",
                reports.toString()));
    assertEquals(2, r.exit(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "--private-key: cannot read "
                    + key.privateKey()
                    + ": it belongs to root:root "
                    + "(rw-------) and capfleet runs as capfleet-audit"),
        r.err());
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
