package dev.capfleet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BaseNameTest {
  @Test
  void acceptsPlainFileNames() {
    for (String ok :
        new String[] {
          "capfleet-20261201T110000Z", "fleet.weekly", "a b", "r\u00e9sum\u00e9", "..x"
        }) {
      assertNull(BaseName.problem(ok), ok);
    }
  }

  @Test
  void refusesFolderPartsDotsBlanksAndControls() {
    for (String bad :
        new String[] {
          "", "  ", "a/b", "..\\x", ".", "..", "a\nb", "a\u001bb", "a\u202eb", "a\u0085b"
        }) {
      assertNotNull(BaseName.problem(bad), bad);
    }
  }

  @Test
  void nameInTheReasonIsEscaped() {
    assertEquals(
        "must be a plain file name without folders: 'a\\x1b/b'", BaseName.problem("a\u001b/b"));
  }
}
