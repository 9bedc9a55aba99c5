package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FindmntParserTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
      plain                ; /usr/local/bin tmpfs  rw,relatime,mode=755              ; |/usr/local/bin|tmpfs|rw,relatime,mode=755
      root                 ; /      ext4   rw,relatime,discard                        ; |/|ext4|rw,relatime,discard
      space in target      ; /opt/my tools tmpfs rw,nosuid                           ; |/opt/my tools|tmpfs|rw,nosuid
      findmnt failed       ; findmnt: cannot find /x                                 ; empty
      empty                ; ''                                                      ; empty
      two words            ; / ext4                                                  ; empty
      """)
  void readsFindmntOutput(String what, String output, String expected) {
    assertEquals(expected, FindmntParser.parse(output).map(Fixtures::render).orElse("empty"), what);
  }
}
