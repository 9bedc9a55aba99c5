package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimpleFactsTest {
  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      none [integrity] confidentiality          | integrity
      [none] integrity confidentiality          | none
      none integrity [confidentiality]          | confidentiality
      capfleet: /sys/kernel/security/lockdown absent | empty
      none integrity confidentiality            | empty
      null                                      | empty
      """)
  void readsTheActiveLockdownMode(String text, String expected) {
    assertEquals(expected, SimpleFacts.lockdown(text).orElse("empty"));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      2                 | 2
      -1                | -1
      '4\n'             | 4
      capfleet: /proc/sys/kernel/perf_event_paranoid absent | empty
      99999999999       | empty
      null              | empty
      """)
  void readsSysctlIntegers(String text, String expected) {
    assertEquals(expected, SimpleFacts.sysctlInt(text).map(String::valueOf).orElse("empty"));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      unlimited   | unlimited
      8192        | 8192
      65536       | 65536
      -l: bad     | empty
      null        | empty
      """)
  void readsTheMemlockLimit(String text, String expected) {
    assertEquals(expected, SimpleFacts.memlock(text).orElse("empty"));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      present | true
      absent  | false
      maybe   | empty
      null    | empty
      """)
  void readsBtfPresence(String text, String expected) {
    assertEquals(expected, SimpleFacts.btf(text).map(String::valueOf).orElse("empty"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      host cgroup v1            | cgroup:\\n12:pids:/\\n0::/                                                     | none
      host cgroup v2            | cgroup:\\n0::/init.scope                                                     | none
      dockerenv                 | file /.dockerenv\\ncgroup:\\n0::/                                            | docker
      docker cgroup v1          | cgroup:\\n12:pids:/docker/3f1a2b\\n0::/docker/3f1a2b                          | docker
      docker systemd scope      | cgroup:\\n0::/system.slice/docker-3f1a2b.scope                               | docker
      podman containerenv       | file /run/.containerenv\\ncgroup:\\n0::/                                     | podman
      podman libpod cgroup      | cgroup:\\n0::/machine.slice/libpod-3f1a.scope/container                     | podman
      lxc systemd               | systemd lxc\\ncgroup:\\n0::/                                                 | lxc
      lxc payload               | cgroup:\\n0::/lxc.payload.web1                                               | lxc
      kubernetes wins           | file /.dockerenv\\ncgroup:\\n0::/kubepods/besteffort/pod1/abc               | kubepods
      containerd                | cgroup:\\n0::/system.slice/containerd.service/x                             | containerd
      cgroup path is not a hint | cgroup:\\nfile /.dockerenv                                                  | none
      """)
  void detectsTheContainerRuntime(String what, String hints, String expected) {
    assertEquals(expected, SimpleFacts.container(hints.replace("\\n", "\n")).orElse("none"), what);
  }
}
