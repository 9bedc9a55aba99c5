package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe's read_file reads /proc and /sys with shell builtins instead of cat. These golden
 * cases, recorded from the real shells by fixtures/read-file/record-read-file.sh, pin where it
 * matches cat and where it was decided to differ: cat.txt is the old cat-based read_file, read.txt
 * the builtin one.
 */
class ReadFileGoldenTest {
  private static final List<String> FILES =
      List.of(
          "plain",
          "no-final-newline",
          "no-final-newline-multi",
          "empty",
          "only-newlines",
          "blanks",
          "backslashes",
          "nul",
          "crlf",
          "printf-words",
          "long-line",
          "folder",
          "unreadable",
          "absent");

  /**
   * The decided differences from cat; every other case must print what cat printed, byte for byte.
   */
  private static final Set<String> DIFFERENT = Set.of("nul", "folder", "proc_maps");

  private static Path dir;

  @BeforeAll
  static void makeCases() throws IOException {
    dir =
        Files.createTempDirectory(
            "capfleet-read-cases",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    dev.capfleet.testing.Processes.run(
        List.of(
            "sh", Fixtures.root().resolve("read-file/make-cases.sh").toString(), dir.toString()));
  }

  @AfterAll
  static void removeCases() throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String cases() {
    StringBuilder s = new StringBuilder();
    for (String f : FILES) {
      s.append("section ")
          .append(f.replace('-', '_'))
          .append(" read_file ")
          .append(dir.resolve(f))
          .append('\n');
    }
    s.append("section proc_self_mem read_file /proc/self/mem\n");
    s.append("section proc_maps read_file /proc/1/maps\n");
    return s.toString();
  }

  private static String golden(String name) throws IOException {
    return new String(
        Files.readAllBytes(Fixtures.root().resolve("read-file/" + name)),
        StandardCharsets.ISO_8859_1);
  }

  @Test
  void everyShellPrintsTheRecordedOutput() throws IOException {
    String expected = golden("read.txt");
    for (List<String> shell : Shells.ALL) {
      String out =
          Shells.run(List.of(), shell, Shells.probeFunctions() + cases(), "/nonexistent")
              .replace(dir.toString(), "@DIR@");
      assertEquals(expected, out, String.join(" ", shell));
    }
  }

  @Test
  void differsFromCatOnlyWhereDecided() throws IOException {
    Map<String, Section> cat =
        ProbeOutput.parse(golden("cat.txt"), Shells.NONCE, 1 << 20).sections();
    Map<String, Section> read =
        ProbeOutput.parse(golden("read.txt"), Shells.NONCE, 1 << 20).sections();
    assertEquals(cat.keySet(), read.keySet());
    for (String name : cat.keySet()) {
      if (!DIFFERENT.contains(name)) {
        assertEquals(cat.get(name), read.get(name), name);
      }
    }
    // NUL bytes: dash, bash and busybox read all drop them; no probed file holds text after a NUL
    assertEquals(cat.get("nul").output().replace("\0", ""), read.get("nul").output());
    // a folder and a file that cannot be opened although its mode allows reading (ptrace-guarded
    // /proc/1/maps)
    // are "not readable", exit 126, as a file without read permission already was; cat said why, in
    // its words
    assertEquals(
        new Section("folder", 126, "capfleet: @DIR@/folder not readable\n", false),
        read.get("folder"));
    assertEquals(
        new Section("proc_maps", 126, "capfleet: /proc/1/maps not readable\n", false),
        read.get("proc_maps"));
    assertEquals(126, read.get("unreadable").exit());
    // what cat and read agree on, spelled out (output() without the newline end() adds): no final
    // newline kept, blanks and backslashes kept, EIO reported
    assertEquals("abc", read.get("no_final_newline").output());
    assertEquals("first\nlast", read.get("no_final_newline_multi").output());
    assertEquals("x\\ty\\\\z\\\nend\\\n", read.get("backslashes").output());
    assertEquals("  lead\ttab  \n\t\n", read.get("blanks").output());
    assertEquals(1, read.get("proc_self_mem").exit());
    assertEquals(22_001, read.get("long_line").output().length());
  }

  /** The cmdline section keeps only the lockdown= token, as the grep it replaces did. */
  @Test
  void lockdownArgsPrintWhatGrepPrinted() throws IOException {
    List<String> lines =
        List.of(
            "a lockdown=integrity b",
            "lockdown=confidentiality quiet",
            "x lockdown=none,foo lockdown=bad lockdown=",
            "xlockdown=a",
            "nothing * here",
            "  lockdown=integrity",
            "");
    StringBuilder script = new StringBuilder(Shells.probeFunctions());
    for (int i = 0; i < lines.size(); i++) {
      Path f = dir.resolve("cmdline" + i);
      Files.writeString(f, lines.get(i) + "\n");
      script
          .append("section c")
          .append((char) ('a' + i))
          .append(" lockdown_args ")
          .append(f)
          .append('\n');
    }
    for (List<String> shell : Shells.ALL) {
      Map<String, Section> out =
          ProbeOutput.parse(
                  Shells.run(List.of(), shell, script.toString(), "/x"), Shells.NONCE, 4096)
              .sections();
      for (int i = 0; i < lines.size(); i++) {
        Path f = dir.resolve("cmdline" + i);
        Process grep =
            new ProcessBuilder("grep", "-o", "-E", "(^| )lockdown=[a-z]+", f.toString()).start();
        String expected = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc;
        try {
          rc = grep.waitFor();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        String name = "c" + (char) ('a' + i);
        assertEquals(
            new Section(name, rc, expected.isEmpty() ? "" : expected, false),
            out.get(name),
            shell + " on '" + lines.get(i) + "'");
      }
    }
  }

  /**
   * dash and busybox read one byte per read(2), and proc_dointvec sysctls end the file at any
   * non-zero offset.
   */
  @Test
  void numericSysctlsAreReadWhole() throws IOException {
    List<String> files =
        List.of(
            "/proc/sys/kernel/pid_max",
            "/proc/sys/kernel/perf_event_paranoid",
            "/proc/sys/kernel/osrelease");
    StringBuilder script = new StringBuilder(Shells.probeFunctions());
    for (int i = 0; i < files.size(); i++) {
      script
          .append("section s")
          .append((char) ('a' + i))
          .append(" read_file ")
          .append(files.get(i))
          .append('\n');
    }
    for (List<String> shell : Shells.ALL) {
      Map<String, Section> out =
          ProbeOutput.parse(
                  Shells.run(List.of(), shell, script.toString(), "/x"), Shells.NONCE, 4096)
              .sections();
      for (int i = 0; i < files.size(); i++) {
        String name = "s" + (char) ('a' + i);
        String whole = dev.capfleet.testing.Processes.run(List.of("cat", files.get(i)));
        assertEquals(new Section(name, 0, whole, false), out.get(name), shell + " " + files.get(i));
      }
    }
    assertTrue(
        dev.capfleet.testing.Processes.run(List.of("cat", "/proc/sys/kernel/pid_max"))
                .strip()
                .length()
            > 1,
        "pid_max has more than one digit, so a byte-wise read would show the cut");
  }
}
