package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcStatusParserTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      host root          | CapPrm:\\t000001ffffffffff\\nCapBnd:\\t000001ffffffffff\\nNoNewPrivs:\\t0     | mask=1ffffffffff nnp=false numeric=false source=proc_status
      docker default     | CapBnd:\\t00000000a80425fb\\nNoNewPrivs:\\t1                                 | mask=a80425fb nnp=true numeric=false source=proc_status
      bits above 40      | CapBnd:\\tffffffffffffffff                                                    | mask=1ffffffffff nnp=null numeric=false source=proc_status
      old kernel         | CapBnd:\\t0000003fffffffff\\nSeccomp:\\t0                                     | mask=3fffffffff nnp=null numeric=false source=proc_status
      no CapBnd          | CapEff:\\t0000000000000000\\nNoNewPrivs:\\t0                                  | empty
      bad hex            | CapBnd:\\tzz                                                                  | empty
      too long           | CapBnd:\\t00000000000000000001                                                | empty
      """)
  void readsBoundingMaskAndNoNewPrivs(String what, String lines, String expected) {
    String text = lines.replace("\\n", "\n").replace("\\t", "\t");
    assertEquals(
        expected, ProcStatusParser.parse(text).map(Fixtures::render).orElse("empty"), what);
  }
}
