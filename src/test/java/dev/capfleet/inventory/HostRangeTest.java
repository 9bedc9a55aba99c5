package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host ranges and host:port splitting as Ansible's inventory plugins do them. */
class HostRangeTest {
  @Test
  void expandsNumericRangesKeepingLeadingZerosAndStrides() {
    assertEquals(List.of("web01", "web03", "web05"), HostRange.expand("web[01:05:2]"));
    assertEquals(List.of("s0", "s1", "s2"), HostRange.expand("s[:2]"));
    assertEquals(List.of("w098", "w099", "w100"), HostRange.expand("w[098:100]"));
  }

  @Test
  void expandsLetterRangesAndRangesInTheMiddle() {
    assertEquals(List.of("db-a-x", "db-b-x", "db-c-x"), HostRange.expand("db-[a:c]-x"));
    assertEquals(List.of("hX", "hY", "hZ"), HostRange.expand("h[X:Z]"));
    assertEquals(List.of("ha", "hf", "hk"), HostRange.expand("h[a:k:5]"));
    assertEquals(List.of("r1a", "r1b", "r2a", "r2b"), HostRange.expand("r[1:2][a:b]"));
  }

  @Test
  void makesNoHostsForAnEmptyNumericRange() {
    assertEquals(List.of(), HostRange.expand("x[5:1]"));
  }

  @Test
  void refusesMalformedRanges() {
    assertEquals(
        "host range must specify end value",
        assertThrows(IllegalArgumentException.class, () -> HostRange.expand("x[1:]")).getMessage());
    assertEquals(
        "host range must have begin <= end",
        assertThrows(IllegalArgumentException.class, () -> HostRange.expand("x[c:a]"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> HostRange.expand("x[a:5]"));
    assertThrows(IllegalArgumentException.class, () -> HostRange.expand("x[1:5:0]"));
  }

  @Test
  void splitsPortsFromNamesAndAddresses() {
    assertEquals(new HostAddress("web1", BigInteger.valueOf(22)), HostAddress.parse("web1:22"));
    assertEquals(
        new HostAddress("10.0.0.1", BigInteger.valueOf(2222)), HostAddress.parse("10.0.0.1:2222"));
    assertEquals(
        new HostAddress("2001:db8::1", BigInteger.valueOf(2222)),
        HostAddress.parse("[2001:db8::1]:2222"));
    assertEquals(new HostAddress("2001:db8::1", null), HostAddress.parse("2001:db8::1"));
    assertEquals(
        new HostAddress("web[1:3]", BigInteger.valueOf(22)), HostAddress.parse("web[1:3]:22"));
  }

  @Test
  void keepsInvalidNamesWholeWithoutPort() {
    assertEquals(new HostAddress("bad_:22", null), HostAddress.parse("bad_:22"));
    assertEquals(null, HostAddress.parseStrict("web*"));
  }
}
