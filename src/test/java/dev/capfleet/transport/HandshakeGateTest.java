package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {
  private final List<String> started = new ArrayList<>();

  private Runnable conn(String name) {
    return () -> started.add(name);
  }

  @Test
  void queuesPastItsPermitsAndStartsTheNextOnLeave() {
    HandshakeGate gate = new HandshakeGate(2, Runnable::run);
    gate.enter(conn("a"));
    gate.enter(conn("b"));
    gate.enter(conn("c"));
    gate.enter(conn("d"));
    assertEquals(List.of("a", "b"), started, "only two in their handshake at once");
    assertEquals(2, gate.waitingCount());
    gate.leave();
    assertEquals(
        List.of("a", "b", "c"), started, "a leaving passes its permit to the first waiting");
    gate.leave();
    gate.leave();
    gate.leave();
    assertEquals(List.of("a", "b", "c", "d"), started);
    gate.enter(conn("e"));
    gate.enter(conn("f"));
    gate.enter(conn("g"));
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), started, "every permit came back");
  }

  @Test
  void refusesZeroPermits() {
    assertThrows(IllegalArgumentException.class, () -> new HandshakeGate(0, Runnable::run));
  }
}
