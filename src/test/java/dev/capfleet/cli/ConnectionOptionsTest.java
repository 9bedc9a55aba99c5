package dev.capfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The output kept per host shrinks so that every fork flooding at once fits in the heap. */
class ConnectionOptionsTest {
  private static final long MIB = 1024 * 1024;

  private static int cap(Integer maxOutput, int forks, long heap, StringWriter err) {
    ConnectionOptions o = new ConnectionOptions();
    o.maxOutput = maxOutput;
    return o.limits(forks, heap, new PrintWriter(err, true)).maxOutputBytes();
  }

  @Test
  void defaultCapStaysWhenTheHeapIsLarge() {
    StringWriter err = new StringWriter();
    assertEquals(4 * MIB, cap(null, 50, 6144 * MIB, err));
    assertEquals("", err.toString());
  }

  @Test
  void defaultCapShrinksQuietlyForASmallHeap() {
    StringWriter err = new StringWriter();
    assertEquals(256 * MIB / 400, cap(null, 50, 256 * MIB, err));
    assertEquals(64 * 1024, cap(null, 10_000, 256 * MIB, err), "never below 64 KiB");
    assertEquals("", err.toString());
  }

  @Test
  void explicitCapThatDoesNotFitIsLoweredWithAWarning() {
    StringWriter err = new StringWriter();
    assertEquals(256 * MIB / 400, cap(8 * (int) MIB, 50, 256 * MIB, err));
    assertTrue(
        err.toString().startsWith("capfleet: warning: --max-output lowered to 671088 bytes"),
        err.toString());
    StringWriter quiet = new StringWriter();
    assertEquals(100_000, cap(100_000, 50, 256 * MIB, quiet));
    assertEquals("", quiet.toString());
  }

  @Test
  void capBelow64KiBIsAUsageError() {
    assertThrows(UsageException.class, () -> cap(1000, 1, 256 * MIB, new StringWriter()));
  }
}
