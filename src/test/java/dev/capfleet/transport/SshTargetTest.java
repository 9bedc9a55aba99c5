package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capfleet.transport.SshTarget.Jump;
import org.junit.jupiter.api.Test;

class SshTargetTest {
  @Test
  void rejectsBadPorts() {
    assertThrows(IllegalArgumentException.class, () -> SshTarget.of("x", "h", 0));
    assertThrows(IllegalArgumentException.class, () -> new Jump(null, "h", 65536));
  }

  @Test
  void endpointBracketsIpv6() {
    assertEquals("[fe80::1]:22", SshTarget.of("x", "fe80::1", 22).endpoint());
  }

  @Test
  void messagesAreOnePrintableBoundedLine() {
    ExecOutcome o =
        ExecOutcome.failure(
            ExecOutcome.Status.ERROR, "bad\r\n\u001b[31mthing\t " + "x".repeat(900), null, 1);
    assertEquals("bad [31mthing xxx", o.message().substring(0, 17));
    assertEquals(600, o.message().length());
  }
}
