package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelParserTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      5.15.0-91-generic                  | 5.15.0
      4.18.0-513.5.1.el8_9.x86_64        | 4.18.0
      6.1.0-rpi7-rpi-v8                  | 6.1.0
      5.15.167.4-microsoft-standard-WSL2 | 5.15.167
      4.14.336-256.559.amzn2.x86_64      | 4.14.336
      5.15-rc1                           | 5.15.0
      5.10-1                             | 5.10.1
      6.18.44-fc-v782                    | 6.18.44
      """)
  void readsTheVersionEcaptureWouldFromEachRelease(String release, String version) {
    KernelInfo k = KernelParser.parse("Linux " + release + " x86_64", null, null).orElseThrow();
    assertEquals(release, k.release());
    assertEquals(version, k.version().toString());
    assertEquals("uname", k.source());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      ubuntu signature wins        | Ubuntu 5.15.0-91.101-generic 5.15.131 | null | 5.15.131 | version_signature
      debian 10 proc version       | null | Linux version 4.19.0-16-amd64 (debian-kernel@lists.debian.org) (gcc version 8.3.0 (Debian 8.3.0-6)) #1 SMP Debian 4.19.181-1 (2021-03-19) | 4.19.181 | proc_version
      debian 12 preempt dynamic    | null | Linux version 6.1.0-17-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.69-1 (2023-12-30) | 6.1.69 | proc_version
      compiler version ignored     | null | Linux version 6.1.0 (x) (gcc (Debian 12.2.0-14) 12.2.0) #1 PREEMPT_DYNAMIC | 5.15.0 | uname
      absent signature falls back  | capfleet: /proc/version_signature absent | null | 5.15.0 | uname
      garbage signature falls back | Ubuntu x y | Linux version garbage | 5.15.0 | uname
      """)
  void takesVersionsInEcapturesOrder(
      String what, String signature, String procVersion, String version, String source) {
    KernelInfo k =
        KernelParser.parse("Linux 5.15.0-91-generic x86_64", signature, procVersion).orElseThrow();
    assertEquals(version, k.version().toString(), what);
    assertEquals(source, k.source(), what);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      null
      ''
      Linux
      capfleet: uname not found
      Linux 300.1.0 x86_64
      Linux x.y.z x86_64
      """)
  void findsNoKernelInGarbage(String uname) {
    assertEquals(java.util.Optional.empty(), KernelParser.parse(uname, null, "no Debian here"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      Linux 5.15.0 x86_64      | x86_64
      Linux 5.15.0 amd64       | x86_64
      Linux 6.1.0-rpi7 aarch64 | aarch64
      Linux 6.1.0 arm64        | aarch64
      Linux 4.19.0 armv7l      | armv7l
      Linux 5.15.0             | empty
      null                     | empty
      """)
  void normalisesTheMachineName(String uname, String arch) {
    assertEquals(arch, KernelParser.arch(uname).orElse("empty"));
  }
}
