package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GetcapParserTest {
  private static final String BIN = "/usr/local/bin/ecapture";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      new form                 | /usr/local/bin/ecapture cap_sys_ptrace,cap_perfmon,cap_bpf=eip | caps cap_sys_ptrace,cap_perfmon,cap_bpf=eip
      old form                 | /usr/local/bin/ecapture = cap_sys_ptrace,cap_sys_admin+eip     | caps cap_sys_ptrace,cap_sys_admin=eip
      first releases' colon    | /usr/local/bin/ecapture: = cap_sys_admin+ep                    | caps cap_sys_admin=ep
      numeric old libcap       | /usr/local/bin/ecapture = cap_sys_ptrace,38,39+eip             | caps cap_sys_ptrace,cap_perfmon,cap_bpf=eip numeric
      numeric checkpoint       | /usr/local/bin/ecapture = 40+ep                                | caps cap_checkpoint_restore=ep numeric
      several clauses          | /usr/local/bin/ecapture cap_sys_admin=ep cap_net_raw+i         | caps cap_sys_admin=ep cap_net_raw=i
      bare =ep is all          | /usr/local/bin/ecapture =ep                                    | caps all=ep
      all keyword              | /usr/local/bin/ecapture all=ep                                 | caps all=ep
      = resets, - lowers       | /usr/local/bin/ecapture =ep cap_sys_admin-e cap_bpf-ep         | caps all-except(cap_sys_admin,cap_bpf)=ep cap_sys_admin=p
      = after + resets         | /usr/local/bin/ecapture cap_bpf+eip cap_bpf=p                  | caps cap_bpf=p
      chained actions          | /usr/local/bin/ecapture cap_bpf+eip-i                          | caps cap_bpf=ep
      newer kernel's numbers   | /usr/local/bin/ecapture cap_bpf,41=ep                          | caps cap_bpf=ep
      rootid suffix            | /usr/local/bin/ecapture cap_bpf=ep [rootid=1000]               | caps cap_bpf=ep
      missing, libcap 2.4x+    | /usr/local/bin/ecapture (No such file or directory)            | missing
      missing, libcap 2.2x     | Failed to get capabilities of file `/usr/local/bin/ecapture' (No such file or directory) | missing
      missing, plain quote     | Failed to get capabilities of file '/usr/local/bin/ecapture' (No such file or directory) | missing
      missing, first releases  | Failed to get capabilities for file `/usr/local/bin/ecapture' (No such file or directory) | missing
      parent is a file         | /usr/local/bin/ecapture (Not a directory)                      | missing
      permission denied        | /usr/local/bin/ecapture (Permission denied)                    | unreadable
      no xattr support         | Failed to get capabilities of file `/usr/local/bin/ecapture' (Operation not supported) | unreadable
      name newer than capfleet | /usr/local/bin/ecapture cap_frobnicate=ep                     | caps none
      bad flags                | /usr/local/bin/ecapture cap_bpf=xyz                            | unreadable
      no operator              | /usr/local/bin/ecapture cap_bpf                                | unreadable
      another file's line      | /usr/bin/ping cap_net_raw=ep                                   | unreadable
      """)
  void classifiesEachLibcapForm(String what, String output, String expected) {
    assertEquals(
        expected,
        Fixtures.render(GetcapParser.parse(Fixtures.section("getcap", 0, output + "\n"), BIN)),
        what);
  }

  @Test
  void readsNoCapabilitiesFromEmptyOutput() {
    assertEquals(
        FileCapabilities.NONE,
        ((GetcapResult.Capabilities) GetcapParser.parse(Fixtures.section("getcap", 0, ""), BIN))
            .capabilities());
  }

  @Test
  void reportsMissingToolFromTheProbesMarker() {
    assertInstanceOf(
        GetcapResult.ToolMissing.class,
        GetcapParser.parse(Fixtures.section("getcap", 127, "capfleet: getcap not found\n"), BIN));
  }

  @Test
  void reportsMissingLibraryAsMissingTool() {
    String out =
        "getcap: error while loading shared libraries: libcap.so.2: cannot open shared object file";
    assertInstanceOf(
        GetcapResult.ToolMissing.class,
        GetcapParser.parse(Fixtures.section("getcap", 127, out), BIN));
  }

  @Test
  void treatsTruncatedOrAbsentSectionAsUnreadable() {
    assertInstanceOf(
        GetcapResult.Unreadable.class,
        GetcapParser.parse(new Section("getcap", 0, BIN + " cap_bpf=ep", true), BIN));
    assertInstanceOf(
        GetcapResult.Unreadable.class,
        GetcapParser.parse(new Section("getcap", null, BIN + " cap_bpf=ep", false), BIN));
    assertInstanceOf(GetcapResult.Unreadable.class, GetcapParser.parse(null, BIN));
  }

  @Test
  void readsPathsWithSpaces() {
    String path = "/opt/my tools/ecap ture";
    GetcapResult r =
        GetcapParser.parse(Fixtures.section("getcap", 0, path + " cap_bpf,cap_perfmon=ep\n"), path);
    assertEquals("caps cap_perfmon,cap_bpf=ep", Fixtures.render(r));
    assertEquals(
        "missing",
        Fixtures.render(
            GetcapParser.parse(
                Fixtures.section("getcap", 0, path + " (No such file or directory)\n"), path)));
  }

  @Test
  void explainsUnexpectedOutputBriefly() {
    GetcapResult r = GetcapParser.parse(Fixtures.section("getcap", 1, "x".repeat(10_000)), BIN);
    assertInstanceOf(GetcapResult.Unreadable.class, r);
    assertEquals(true, ((GetcapResult.Unreadable) r).message().length() < 300);
  }
}
