package dev.capfleet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapshParserTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      new capsh           | Current: =ep\\nBounding set =cap_chown,cap_bpf\\nAmbient set =\\nCurrent IAB:\\nSecurebits: 00/0x0/1'b0 (no-new-privs=1) | mask=8000000001 nnp=true numeric=false source=capsh
      old capsh           | Current: = cap_chown+ep\\nBounding set =cap_chown,cap_sys_admin\\nSecurebits: 00/0x0/1'b0\\n secure-noroot: no (unlocked) | mask=200001 nnp=null numeric=false source=capsh
      numbers 38-40       | Bounding set =cap_chown,cap_audit_read,38,39,40\\nSecurebits: 00/0x0/1'b0 | mask=1e000000001 nnp=null numeric=true source=capsh
      empty bounding set  | Current: =\\nBounding set =\\nSecurebits: 00/0x0/1'b0 (no-new-privs=0) | mask=0 nnp=false numeric=false source=capsh
      newer kernel's cap  | Bounding set =cap_chown,41 | mask=1 nnp=null numeric=false source=capsh
      no bounding line    | Current: =ep\\nSecurebits: 00/0x0/1'b0 | empty
      garbage in the list | Bounding set =cap_chown,rm -rf | empty
      trailing comma      | Bounding set =cap_chown, | empty
      tool missing        | capfleet: capsh not found | empty
      """)
  void readsTheBoundingSetAndNoNewPrivs(String what, String output, String expected) {
    assertEquals(
        expected,
        CapshParser.parse(output.replace("\\n", "\n")).map(Fixtures::render).orElse("empty"),
        what);
  }
}
