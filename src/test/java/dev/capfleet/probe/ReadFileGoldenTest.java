package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe's read_file reads a file with shell builtins instead of cat (files grep is not given,
 * and every file where grep is missing; ReadFilesGoldenTest pins the grep). These golden cases,
 * recorded from the real shells by fixtures/read-file/record-read-file.sh, pin where it matches cat
 * and where it was decided to differ: cat.txt is the old cat-based read_file, read.txt the builtin
 * one.
 */
class ReadFileGoldenTest {

  /**
   * The decided differences from cat; every other case must print what cat printed, byte for byte.
   */
  private static final Set<String> DIFFERENT = Set.of("nul", "folder", "proc_maps");

  private static Path dir;

  @BeforeAll
  static void makeCases() throws IOException {
    dir = ReadCases.make();
  }

  @AfterAll
  static void removeCases() throws IOException {
    ReadCases.remove(dir);
  }

  private static String cases() {
    StringBuilder s = new StringBuilder();
    for (String f : ReadCases.FILES) {
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

  @Test
  void everyShellPrintsTheRecordedOutput() throws IOException {
    String expected = ReadCases.golden("read.txt");
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
        ProbeOutput.parse(ReadCases.golden("cat.txt"), Shells.NONCE, 1 << 20).sections();
    Map<String, Section> read =
        ProbeOutput.parse(ReadCases.golden("read.txt"), Shells.NONCE, 1 << 20).sections();
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
}
