package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe reads its /proc and /sys files with one grep (read_files) and the scanner splits grep's
 * output back into a section per file ({@link FileSections}). The golden output files.txt was
 * recorded from the real shells and grep by fixtures/read-file/record-read-file.sh, on the same
 * cases as read.txt (the builtin read_file): the sections must be read_file's, except where
 * decided.
 */
class ReadFilesGoldenTest {

  /** The decided differences from read_file; every other section must be read_file's. */
  private static final Set<String> DIFFERENT =
      Set.of("no_final_newline", "no_final_newline_multi", "nul", "proc_self_mem", "proc_maps");

  private static Path dir;

  @BeforeAll
  static void makeCases() throws IOException {
    dir = ReadCases.make();
  }

  @AfterAll
  static void removeCases() throws IOException {
    ReadCases.remove(dir);
  }

  /** One read_files call for every case, as record-read-file.sh writes it. */
  private static String cases() {
    StringBuilder s = new StringBuilder("read_files");
    for (String f : ReadCases.FILES) {
      s.append(' ').append(f.replace('-', '_')).append(' ').append(dir.resolve(f));
    }
    return s.append(" proc_self_mem /proc/self/mem proc_maps /proc/1/maps\n").toString();
  }

  /** A recorded or live output as the scanner splits it, with the case folder's real path. */
  private static Map<String, Section> sections(String raw) {
    return ProbeOutput.parse(raw.replace("@DIR@", dir.toString()), Shells.NONCE, 1 << 20)
        .sections();
  }

  @Test
  void everyShellPrintsTheRecordedOutput() throws IOException {
    String expected = ReadCases.golden("files.txt");
    for (List<String> shell : Shells.ALL) {
      String out =
          Shells.run(List.of(), shell, Shells.probeFunctions() + cases(), "/nonexistent")
              .replace(dir.toString(), "@DIR@");
      assertEquals(expected, out, String.join(" ", shell));
    }
  }

  @Test
  void splitsIntoReadFilesSectionsExceptWhereDecided() throws IOException {
    Map<String, Section> read = sections(ReadCases.golden("read.txt"));
    Map<String, Section> files = sections(ReadCases.golden("files.txt"));
    assertEquals(read.keySet(), files.keySet(), "one section per file, no section files");
    for (String name : read.keySet()) {
      if (!DIFFERENT.contains(name)) {
        assertEquals(read.get(name), files.get(name), name);
      }
    }
    // grep ends every line, the last one too
    assertEquals(new Section("no_final_newline", 0, "abc\n", false), files.get("no_final_newline"));
    assertEquals("first\nlast\n", files.get("no_final_newline_multi").output());
    // NUL bytes pass as cat passed them (the builtin read dropped them)
    Map<String, Section> cat = sections(ReadCases.golden("cat.txt"));
    assertEquals(cat.get("nul"), files.get("nul"));
    // an open the mode allowed but the kernel refused, and a read error, are not readable, with
    // grep's reason
    assertEquals(
        new Section(
            "proc_maps", 126, "capfleet: /proc/1/maps not readable: Permission denied\n", false),
        files.get("proc_maps"));
    assertEquals(
        new Section(
            "proc_self_mem",
            126,
            "capfleet: /proc/self/mem not readable: Input/output error\n",
            false),
        files.get("proc_self_mem"));
    // what the scanner reads from them is the same
    assertEquals(read.get("empty"), files.get("empty"));
    assertEquals(22_001, files.get("long_line").output().length());
  }

  /**
   * Alpine's grep is busybox's: the same sections, except that it takes a read error at the first
   * byte for the end of the file (an empty file; no probed file gives EIO).
   */
  @Test
  void busyboxGrepGivesTheSameSections() throws IOException {
    Shells.require("busybox");
    Path bin = Files.createDirectories(dir.resolve("busybox-bin"));
    Path grep = bin.resolve("grep");
    if (!Files.exists(grep)) {
      Files.createSymbolicLink(grep, Path.of("/bin/busybox"));
    }
    String script = "PATH=" + bin + ":$PATH\n" + Shells.probeFunctions() + cases();
    Map<String, Section> busybox =
        sections(Shells.run(List.of(), List.of("busybox", "sh"), script, "/nonexistent"));
    Map<String, Section> gnu = sections(ReadCases.golden("files.txt"));
    assertEquals(gnu.keySet(), busybox.keySet());
    for (String name : gnu.keySet()) {
      if (!name.equals("proc_self_mem")) {
        assertEquals(gnu.get(name), busybox.get(name), name);
      }
    }
    assertEquals(new Section("proc_self_mem", 0, "", false), busybox.get("proc_self_mem"));
  }

  /**
   * proc_dointvec sysctls end the file at any non-zero offset, and dash and busybox read one byte
   * per read(2): grep reads them in one read, and read_file (for where grep is missing) falls back
   * to cat when read gave no whole line.
   */
  @Test
  void numericSysctlsAreReadWhole() throws IOException {
    List<String> files =
        List.of(
            "/proc/sys/kernel/pid_max",
            "/proc/sys/kernel/perf_event_paranoid",
            "/proc/sys/kernel/osrelease");
    StringBuilder viaGrep = new StringBuilder(Shells.probeFunctions()).append("read_files");
    StringBuilder viaRead = new StringBuilder(Shells.probeFunctions());
    for (int i = 0; i < files.size(); i++) {
      viaGrep.append(" g").append((char) ('a' + i)).append(' ').append(files.get(i));
      viaRead.append("section r").append((char) ('a' + i)).append(" read_file ");
      viaRead.append(files.get(i)).append('\n');
    }
    viaGrep.append('\n');
    for (List<String> shell : Shells.ALL) {
      Map<String, Section> out =
          new java.util.HashMap<>(sections(Shells.run(List.of(), shell, viaGrep.toString(), "/x")));
      out.putAll(sections(Shells.run(List.of(), shell, viaRead.toString(), "/x")));
      for (int i = 0; i < files.size(); i++) {
        String whole = dev.capfleet.testing.Processes.run(List.of("cat", files.get(i)));
        for (String name : List.of("g", "r")) {
          name += (char) ('a' + i);
          assertEquals(new Section(name, 0, whole, false), out.get(name), shell + " " + name);
        }
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
