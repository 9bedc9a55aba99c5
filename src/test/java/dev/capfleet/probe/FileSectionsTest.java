package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The section {@code files} split back into one section per file: what a host's odd or hostile
 * answer becomes. (What real shells and greps print is pinned by ReadFilesGoldenTest.)
 */
class FileSectionsTest {
  private static final String N = "0123456789abcdef";
  private static final String PATHS =
      "paths uid_map=/proc/self/uid_map status=/proc/self/status mounts=/proc/mounts\n";

  private static String files(String body, Integer exit) {
    String begin = "@@CAPFLEET " + N + " begin files\n" + body;
    return exit == null ? begin : begin + "\n@@CAPFLEET " + N + " end files " + exit + "\n";
  }

  private static Map<String, Section> parse(String raw, int cap) {
    return ProbeOutput.parse(raw, N, cap).sections();
  }

  @Test
  void eachFileBecomesItsSectionWhereFilesStood() {
    String raw =
        "@@CAPFLEET "
            + N
            + " begin uname\nLinux 6.1 x86_64\n\n@@CAPFLEET "
            + N
            + " end uname 0\n"
            + files(
                PATHS
                    + "/proc/self/uid_map:         0          0 4294967295\n"
                    + "/proc/self/status:Name:\tgrep\n"
                    + "/proc/self/status:CapBnd:\t000001ffffffffff\n"
                    + "/proc/self/status:NoNewPrivs:\t0\n"
                    + "/proc/mounts:proc /proc proc rw 0 0\n"
                    + "/proc/mounts:a:b /x ext4 rw 0 0\n",
                0)
            + "@@CAPFLEET "
            + N
            + " begin btf\npresent\n\n@@CAPFLEET "
            + N
            + " end btf 0\n";
    Map<String, Section> s = parse(raw, 4096);
    assertEquals(List.of("uname", "uid_map", "status", "mounts", "btf"), List.copyOf(s.keySet()));
    assertEquals(
        new Section("uid_map", 0, "         0          0 4294967295\n", false), s.get("uid_map"));
    // the status lines the model reads, and no other: the rest describe grep's process
    assertEquals(
        new Section("status", 0, "CapBnd:\t000001ffffffffff\nNoNewPrivs:\t0\n", false),
        s.get("status"));
    // only the text before the first colon is a path; the line's own colons are kept
    assertEquals("proc /proc proc rw 0 0\na:b /x ext4 rw 0 0\n", s.get("mounts").output());
  }

  @Test
  void fileGrepCouldNotReadIsNotReadableWithItsReason() {
    Map<String, Section> s =
        parse(
            files(
                PATHS
                    + "/proc/self/uid_map:0 0 1\n"
                    + "grep: /proc/self/status: Permission denied\n"
                    + "/proc/mounts:proc /proc proc rw 0 0\n",
                2),
            4096);
    assertEquals(
        new Section(
            "status", 126, "capfleet: /proc/self/status not readable: Permission denied\n", false),
        s.get("status"));
    assertTrue(s.get("uid_map").ok());
    assertTrue(s.get("mounts").ok());
  }

  @Test
  void fileWithoutLinesIsEmptyUnlessGrepFailedAsAWhole() {
    Map<String, Section> empty =
        parse(files(PATHS + "/proc/mounts:proc /proc proc rw 0 0\n", 0), 4096);
    assertEquals(new Section("uid_map", 0, "", false), empty.get("uid_map"));
    Map<String, Section> refused =
        parse(
            files(
                PATHS + "grep: invalid option -- 'a'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n",
                2),
            4096);
    for (String name : List.of("uid_map", "status", "mounts")) {
      Section s = refused.get(name);
      assertEquals(126, s.exit(), name);
      assertTrue(s.output().contains("not readable\ngrep: invalid option -- 'a'\n"), s.output());
    }
  }

  @Test
  void cutOffSectionCutsTheFileBeingPrintedAndEveryLaterOne() {
    Map<String, Section> s =
        parse(files(PATHS + "/proc/self/uid_map:0 0 1\n/proc/self/status:CapBnd:\t00", null), 4096);
    assertEquals(new Section("uid_map", 0, "0 0 1\n", false), s.get("uid_map"));
    assertEquals(null, s.get("status").exit());
    assertTrue(s.get("status").truncated());
    assertTrue(s.get("mounts").truncated());
    assertFalse(s.get("mounts").ok());
  }

  @Test
  void eachFileIsBoundByTheSectionCapAndTheMountTableMayFillIt() {
    StringBuilder body = new StringBuilder(PATHS + "/proc/self/uid_map:0 0 1\n");
    String line = "/proc/mounts:" + "m".repeat(99) + "\n";
    for (int i = 0; i < 60; i++) {
      body.append(line);
    }
    // 60 lines of 100 characters: more than the 4096 cap of one section, less than the files'
    // section may hold
    Map<String, Section> s = parse(files(body.toString(), 0), 4096);
    Section mounts = s.get("mounts");
    assertTrue(mounts.truncated());
    assertEquals(4000, mounts.output().length());
    assertEquals(new Section("uid_map", 0, "0 0 1\n", false), s.get("uid_map"));
  }

  @Test
  void theLastLineOfACutOffSectionGetsNoNewline() {
    Map<String, Section> s = parse(files(PATHS + "/proc/mounts:proc /pr", null), 4096);
    assertEquals(new Section("mounts", null, "proc /pr", true), s.get("mounts"));
  }

  @Test
  void withoutAPathListTheSectionStaysAsItCame() {
    for (String header :
        List.of("", "paths\n", "paths mounts=relative\n", "paths MOUNTS=/proc/mounts\n", "x\n")) {
      Map<String, Section> s = parse(files(header + "/proc/mounts:proc\n", 0), 4096);
      assertEquals(List.of("files"), List.copyOf(s.keySet()), header);
    }
  }

  @Test
  void aFileSectionCannotReplaceASectionTheScriptPrinted() {
    String raw =
        "@@CAPFLEET "
            + N
            + " begin mounts\ncapfleet: /proc/mounts absent\n\n@@CAPFLEET "
            + N
            + " end mounts 2\n"
            + files("paths mounts=/proc/mounts mounts=/etc/fstab\n/proc/mounts:forged\n", 0);
    Map<String, Section> s = parse(raw, 4096);
    assertEquals(List.of("mounts"), List.copyOf(s.keySet()));
    assertEquals(2, s.get("mounts").exit());
  }

  @Test
  void aHostilePathListGivesNoMoreSectionsThanAHostMayHave() {
    StringBuilder header = new StringBuilder("paths");
    for (int i = 0; i < 40_000; i++) {
      header.append(" f").append((char) ('a' + i % 26)).append((char) ('a' + i / 26 % 26));
      header.append((char) ('a' + i / 676 % 26)).append("=/p/").append(i);
    }
    String raw = files(header + "\n/p/1:x\n", 0);
    Map<String, Section> s =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> parse(raw, 1 << 20));
    assertEquals(ProbeOutput.MAX_SECTIONS, s.size());
    assertEquals("x\n", s.get("fbaa").output());
  }
}
