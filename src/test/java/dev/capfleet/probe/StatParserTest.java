package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatParserTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
      755|root|root|0|0|regular file                          ; 0755 root root 0 0 regular file
      750|root|security-audit|0|1001|regular file              ; 0750 root security-audit 0 1001 regular file
      4755|UNKNOWN|UNKNOWN|1234|5678|regular file              ; 4755 UNKNOWN UNKNOWN 1234 5678 regular file
      700|root|root|0|0|directory                              ; 0700 root root 0 0 directory
      stat: cannot statx '/x': No such file or directory       ; empty
      stat: can't stat '/x': No such file or directory         ; empty
      999|root|root|0|0|regular file                           ; empty
      755|root|root|x|0|regular file                           ; empty
      755|root|root|0|0                                        ; empty
      755||root|0|0|regular file                               ; empty
      """)
  void readsTheStatLine(String output, String expected) {
    assertEquals(expected, StatParser.parse(output).map(Fixtures::render).orElse("empty"));
  }
}
