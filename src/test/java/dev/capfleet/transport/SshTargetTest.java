package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capfleet.transport.SshTarget.Jump;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshTargetTest {
  @Test
  void parsesProxyJumpLists() {
    assertEquals(
        List.of(new Jump("ops", "bastion", 2222), new Jump(null, "10.0.0.1", 22),
            new Jump("me", "fe80::1", 22)),
        Jump.parseList("ops@bastion:2222, 10.0.0.1,me@[fe80::1]"));
    assertEquals(List.of(), Jump.parseList("none"));
    assertEquals(List.of(new Jump("u", "h", 23)), Jump.parseList("ssh://u@h:23"));
  }

  @Test
  void rejectsBadPorts() {
    assertThrows(IllegalArgumentException.class, () -> Jump.parseList("bastion:ssh"));
    assertThrows(IllegalArgumentException.class, () -> SshTarget.of("x", "h", 0));
  }

  @Test
  void endpointBracketsIpv6() {
    assertEquals("[fe80::1]:22", SshTarget.of("x", "fe80::1", 22).endpoint());
  }

  @Test
  void messagesAreOnePrintableBoundedLine() {
    ExecOutcome o =
        ExecOutcome.failure(ExecOutcome.Status.ERROR, "bad\r\n\u001b[31mthing\t " + "x".repeat(900),
            null, 1);
    assertEquals("bad [31mthing xxx", o.message().substring(0, 17));
    assertEquals(600, o.message().length());
  }
}
