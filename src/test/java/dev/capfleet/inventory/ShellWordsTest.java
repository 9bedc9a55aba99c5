package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Host-line splitting as Python's {@code shlex.split(line, comments=True)}. */
class ShellWordsTest {
  @Test
  void splitsOnBlanksAndDropsComments() {
    assertEquals(List.of("web1", "a=1", "b=x y"), ShellWords.split("web1  a=1\tb=\"x y\" # note"));
  }

  @Test
  void endsAWordAtAHashOutsideQuotes() {
    assertEquals(List.of("a=1"), ShellWords.split("a=1#rest"));
    assertEquals(List.of("a=1#rest"), ShellWords.split("a='1#rest'"));
  }

  @Test
  void escapesOnlyQuoteAndBackslashInsideDoubleQuotes() {
    assertEquals(
        List.of("a\\nb", "c\"d", "e\\f"), ShellWords.split("\"a\\nb\" \"c\\\"d\" \"e\\\\f\""));
    assertEquals(List.of("single\\n"), ShellWords.split("'single\\n'"));
    assertEquals(List.of("a b"), ShellWords.split("a\\ b"));
  }

  @Test
  void keepsEmptyQuotedWords() {
    assertEquals(List.of("k=", "", "x"), ShellWords.split("k= '' x"));
  }

  @Test
  void failsOnUnbalancedQuotesOrTrailingBackslash() {
    assertEquals(
        "No closing quotation",
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("a=\"open"))
            .getMessage());
    assertEquals(
        "No escaped character",
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("a=b\\")).getMessage());
  }
}
