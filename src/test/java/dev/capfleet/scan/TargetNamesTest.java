package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Host names, IP literals and user names pass; pasted commands, quotes and control characters do
 * not.
 */
class TargetNamesTest {
  @Test
  void acceptsNamesAndAddresses() {
    for (String a :
        List.of(
            "web1",
            "db-01.prod.example.com",
            "10.0.0.1",
            "2001:db8::1",
            "fe80::1%eth0",
            "::1",
            "host_with_underscore")) {
      assertNull(TargetNames.addressProblem(a), a);
    }
    for (String u :
        List.of("root", "capfleet-audit", "alice@corp.example", "svc.backup", "MACHINE$", "_ops")) {
      assertNull(TargetNames.userProblem(u), u);
    }
  }

  @Test
  void refusesWhatIsNotAName() {
    for (String a :
        List.of(
            "a;b",
            "$(reboot)",
            "`id`",
            "-oProxyCommand=x",
            "a b",
            "x\ny",
            "x\0y",
            "'q'",
            "[::1]",
            "",
            "a".repeat(300))) {
      assertNotNull(TargetNames.addressProblem(a), a);
    }
    for (String u :
        List.of("root;id", "$(id)", "a b", "-l", "x\ny", "x\0y", "o'brien", "", "a|b")) {
      assertNotNull(TargetNames.userProblem(u), u);
    }
  }

  @Test
  void problemIsOnePrintableLine() {
    assertEquals("'x\\x0ay' is not a host name or IP address", TargetNames.addressProblem("x\ny"));
  }
}
