package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capfleet.core.Mount;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MountsParserTest {
  private static final String MOUNTS =
      String.join(
          "\n",
          "/dev/sda1 / ext4 rw,relatime 0 0",
          "/dev/sda2 /usr ext4 ro,nosuid 0 0",
          "tmpfs /usr/local/my\\040bin tmpfs rw,nosuid,nodev 0 0",
          "none /sys/kernel/debug debugfs rw,relatime 0 0",
          "bpf /sys/fs/bpf bpf rw,nosuid,nodev,noexec,relatime,mode=700 0 0",
          "tmpfs /opt tmpfs rw,nosuid 0 0",
          "tmpfs /opt tmpfs rw 0 0",
          "not a mount line",
          "a b c",
          "weird relative ext4 rw 0 0",
          "");

  @Test
  void skipsMalformedLinesAndDecodesEscapes() {
    List<Mount> mounts = MountsParser.parse(MOUNTS);
    assertEquals(7, mounts.size());
    assertEquals("/usr/local/my bin", mounts.get(2).mountPoint());
    assertEquals(List.of("rw", "relatime"), mounts.get(3).options());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
      /usr/bin/x              ; /dev/sda2|/usr|ext4|ro,nosuid
      /usrx/bin               ; /dev/sda1|/|ext4|rw,relatime
      /usr                    ; /dev/sda2|/usr|ext4|ro,nosuid
      /usr/local/my bin/ecap  ; tmpfs|/usr/local/my bin|tmpfs|rw,nosuid,nodev
      /opt/x                  ; tmpfs|/opt|tmpfs|rw
      /sys/kernel/debugfs     ; /dev/sda1|/|ext4|rw,relatime
      /sys/fs/bpf/map         ; bpf|/sys/fs/bpf|bpf|rw,nosuid,nodev,noexec,relatime,mode=700
      """)
  void findsTheLastLongestWholeComponentMount(String path, String expected) {
    assertEquals(
        expected,
        MountsParser.mountFor(MountsParser.parse(MOUNTS), path)
            .map(Fixtures::render)
            .orElse("empty"));
  }

  @Test
  void findsNothingForRelativePathsOrNoMounts() {
    assertEquals(
        java.util.Optional.empty(), MountsParser.mountFor(MountsParser.parse(MOUNTS), "usr/bin"));
    assertEquals(java.util.Optional.empty(), MountsParser.mountFor(List.of(), "/usr/bin"));
  }
}
