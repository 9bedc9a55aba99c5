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

  private double load = -1;
  private long now;

  private HandshakeGate adaptive(int initial, int floor, int ceiling) {
    return new HandshakeGate(initial, floor, ceiling, Runnable::run, () -> load, () -> now);
  }

  private void later() {
    now += java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(HandshakeGate.ADJUST_EVERY_MILLIS);
  }

  @Test
  void growsWhileHandshakesWaitAndTheCpuHasRoom() {
    HandshakeGate gate = adaptive(4, 2, 8);
    for (int i = 0; i < 12; i++) {
      gate.enter(conn("c" + i));
    }
    assertEquals(4, started.size());
    load = 0.5;
    gate.leave(); // too soon after the start: no reading yet
    assertEquals(4, gate.permits());
    later();
    gate.leave();
    assertEquals(5, gate.permits(), "a quarter more (at least one)");
    assertEquals(7, started.size(), "the freed permit and the new one started two");
    later();
    gate.enter(conn("late"));
    assertEquals(6, gate.permits());
    later();
    gate.leave();
    later();
    gate.leave();
    assertEquals(8, gate.permits(), "never over the ceiling");
  }

  @Test
  void shrinksWhenTheCpuIsSaturatedAndNewHandshakesWait() {
    HandshakeGate gate = adaptive(16, 4, 64);
    for (int i = 0; i < 16; i++) {
      gate.enter(conn("c" + i));
    }
    load = 1.0;
    later();
    gate.leave();
    assertEquals(14, gate.permits(), "an eighth fewer");
    assertEquals(16, started.size());
    gate.enter(conn("queued"));
    gate.enter(conn("queued too"));
    assertEquals(16, started.size(), "15 in flight against 14 permits: new ones wait");
    for (int i = 0; i < 10; i++) {
      later();
      gate.leave();
    }
    assertEquals(4, gate.permits(), "never under the floor");
    load = 0.95; // between room and busy: the bound holds
    later();
    gate.leave();
    assertEquals(4, gate.permits());
  }

  @Test
  void staysWhereItStartedWhenTheLoadCannotBeRead() {
    HandshakeGate gate = adaptive(3, 1, 30);
    for (int i = 0; i < 6; i++) {
      gate.enter(conn("c" + i));
    }
    load = -1;
    later();
    gate.leave();
    assertEquals(3, gate.permits());
    load = Double.NaN;
    later();
    gate.leave();
    assertEquals(3, gate.permits());
    assertEquals(5, started.size());
  }

  @Test
  void refusesZeroPermits() {
    assertThrows(IllegalArgumentException.class, () -> new HandshakeGate(0, Runnable::run));
  }
}
