package dev.capfleet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostTextTest {
  private static final String HOSTILE = "a\u001b[31mb\u0000c\u009bd\u202ee\u2028f\u200bg\u00e9";

  @Test
  void treatsControlsLineSeparatorsAndBidiOverridesAsUnsafe() {
    for (int cp :
        new int[] {0, '\n', 0x1b, 0x7f, 0x85, 0x9b, 0x2028, 0x2029, 0x202e, 0x200b, 0xfeff}) {
      assertTrue(HostText.unsafe(cp), Integer.toHexString(cp));
    }
    for (int cp : new int[] {' ', 'a', '~', 0xe9, 0x4e2d, 0x1f600}) {
      assertFalse(HostText.unsafe(cp), Integer.toHexString(cp));
    }
  }

  @Test
  void printableShowsEachUnsafeCodePointAsAnEscapeAndCutsAtTheLimit() {
    assertEquals(
        "a\\x1b[31mb\\x00c\\x9bd\\u202ee\\u2028f\\u200bg\u00e9", HostText.printable(HOSTILE));
    assertEquals("x".repeat(200), HostText.printable("x".repeat(500)));
    assertEquals("ab", HostText.printable("abc", 2));
  }

  @Test
  void maskedAndSpacedKeepTheLengthInCodePoints() {
    assertEquals("a?[31mb?c?d?e?f?g\u00e9", HostText.masked(HOSTILE));
    assertEquals("a [31mb c d e f g\u00e9", HostText.spaced(HOSTILE));
  }

  @Test
  void firstLineTakesTheFirstNonBlankLineBounded() {
    assertEquals("getcap: \u00e9?x", HostText.firstLine("\n  getcap: \u00e9\u001bx\nsecond", 300));
    assertEquals("abc", HostText.firstLine("abcdef", 3));
    assertEquals("", HostText.firstLine(null, 3));
  }

  @Test
  void oneLineFoldsRunsOfWhitespaceAndControlsIntoOneSpace() {
    assertEquals("bad [31mthing x", HostText.oneLine("  bad\r\n\u001b[31mthing\t\u2028 x \n", 600));
    assertEquals(600, HostText.oneLine("y".repeat(900), 600).length());
  }

  @Test
  void oneLineNeverEndsInHalfASurrogatePair() {
    String s = HostText.oneLine("ab\uD83D\uDE00", 3);
    assertEquals("ab", s);
    assertEquals("ab\uD83D\uDE00", HostText.oneLine("ab\uD83D\uDE00", 4));
  }

  @Test
  void asciiAndFitAreForTerminalsOnly() {
    assertEquals("a?[31mb?c?d?e?f?g?", HostText.ascii(HOSTILE));
    assertEquals("a b", HostText.ascii("a\tb"));
    assertEquals("-", HostText.ascii(null));
    assertEquals("abc...", HostText.fit("abcdefghij", 6));
    assertEquals("abc", HostText.fit("abc", 6));
  }
}
