package dev.capfleet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capfleet.core.ShellQuote.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each quoting context is checked by the shell that will read it: {@code /bin/sh} prints back the
 * value.
 */
class ShellQuoteTest {
  private static final List<String> VALUES =
      List.of(
          "plain/path-1.2",
          "",
          "it's",
          "$(touch x)",
          "`id`",
          "a b",
          "\"quoted\"",
          "back\\slash",
          "semi;colon",
          "'",
          "''",
          "glob*?[x]",
          "~user",
          "#hash",
          "\u00e9t\u00e9");

  @Test
  void plainValuesStayAsTheyAre() {
    assertEquals("/usr/local/bin/ecapture", ShellQuote.word("/usr/local/bin/ecapture"));
    assertEquals("'a b'", ShellQuote.word("a b"));
    assertEquals("''", ShellQuote.word(""));
    assertEquals("'plain'", ShellQuote.singleQuoted("plain"));
  }

  @Test
  void everyContextGivesTheShellTheValueBack() throws Exception {
    for (String v : VALUES) {
      assertEquals(v, sh("printf %s " + ShellQuote.word(v)), "plain: " + v);
      assertEquals(v, sh("printf %s " + ShellQuote.singleQuoted(v)), "single-quoted: " + v);
      assertEquals(
          "<" + v + ">",
          sh("printf %s '<" + ShellQuote.inContext(v, Context.SINGLE) + ">'"),
          "in '': " + v);
      assertEquals(
          "<" + v + ">",
          sh("printf %s \"<" + ShellQuote.inContext(v, Context.DOUBLE) + ">\""),
          "in \"\": " + v);
      assertEquals(
          "ok", sh("printf ok # " + ShellQuote.inContext(v, Context.COMMENT)), "comment: " + v);
    }
  }

  private static String sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sh did not finish: " + command);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
