package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one ProxyJump parser, with the cases the removed transport copy was tested on. */
class JumpHostTest {
  @Test
  void parsesCommaSeparatedHopsWithUsersPortsAndBracketedIpv6() {
    assertEquals(
        List.of(
            new JumpHost("ops", "bastion", 2222),
            new JumpHost(null, "10.0.0.1", 22),
            new JumpHost("me", "fe80::1", 22),
            new JumpHost(null, "fe80::2", 2200)),
        JumpHost.parseChain("ops@bastion:2222, 10.0.0.1,me@[fe80::1],[fe80::2]:2200"));
  }

  @Test
  void readsSshUrisAndNone() {
    assertEquals(List.of(new JumpHost("u", "h", 23)), JumpHost.parseChain("ssh://u@h:23"));
    assertEquals(List.of(), JumpHost.parseChain("none"));
  }

  @Test
  void userEndsAtTheLastAtSignAsOpenSshReadsIt() {
    assertEquals(
        List.of(new JumpHost("ops@corp", "bastion", 22)), JumpHost.parseChain("ops@corp@bastion"));
  }

  @Test
  void rejectsNamedOrOutOfRangePorts() {
    assertThrows(IllegalArgumentException.class, () -> JumpHost.parseChain("bastion:ssh"));
    assertThrows(IllegalArgumentException.class, () -> JumpHost.parseChain("bastion:65536"));
    assertThrows(IllegalArgumentException.class, () -> JumpHost.parseChain("[fe80::1"));
  }
}
