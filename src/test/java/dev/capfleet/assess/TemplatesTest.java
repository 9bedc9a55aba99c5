package dev.capfleet.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Host-supplied words in remediation commands stay data: a real {@code sh} runs each rendered
 * command with a stub that prints its arguments, and each value arrives as exactly one argument,
 * unchanged but for control characters, whether the model wrote its placeholder bare, in single or
 * double quotes, or in a comment.
 */
class TemplatesTest {
  private static final Path PWNED = Path.of("/tmp/capfleet-pwned-" + UUID.randomUUID());
  private static final String TOUCH = "touch " + PWNED;
  private static final List<String> HOSTILE =
      List.of(
          "$(" + TOUCH + ")",
          "`" + TOUCH + "`",
          "'; " + TOUCH + "; '",
          "\"; " + TOUCH + "; \"",
          "x\n" + TOUCH,
          "a\\'b\\\"c\\",
          "=cmd|'/c calc'!A1",
          "~root",
          "* ? [a]",
          "-rf /",
          "",
          "with space",
          "!!",
          "#",
          "\0" + TOUCH,
          "\u001b]0;title\u0007",
          "${IFS}" + TOUCH,
          "caf\u00e9 \uD83D\uDE00");

  @Test
  void plainWordsAreLeftAsTheyAre() {
    Map<String, String> w =
        Map.of("binary", "/usr/local/bin/ecapture", "required.setcap", "cap_bpf,cap_perfmon");
    assertEquals(
        "sudo setcap 'cap_bpf,cap_perfmon=eip' /usr/local/bin/ecapture",
        Templates.renderCommand("sudo setcap '{required.setcap}=eip' {binary}", w));
    assertEquals(
        "getcap '/opt/a=b/ecapture'",
        Templates.renderCommand("getcap {binary}", Map.of("binary", "/opt/a=b/ecapture")));
  }

  @Test
  void proseShowsControlCharactersAsQuestionMarks() {
    assertEquals(
        "kernel 6.1?reboot? here",
        Templates.render(
            "kernel {kernel.release} here", Map.of("kernel.release", "6.1\nreboot\u001b")));
    assertEquals("unknown", Templates.render("{nothing}", Map.of()));
  }

  @Test
  void everyContextPassesHostileWordsAsData() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    String template = "show {v} '{v}' \"{v}\" x{v}y 'a{v}b' \"c{v}d\" # {v} $(" + "echo comment)";
    for (String value : HOSTILE) {
      String command = Templates.renderCommand(template, Map.of("v", value));
      String v = value.replaceAll("\\p{Cntrl}", "?");
      String expected = "[" + v + "][" + v + "][" + v + "][x" + v + "y][a" + v + "b][c" + v + "d]";
      assertEquals(expected, sh(command), "value " + value + " rendered as: " + command);
      assertFalse(Files.exists(PWNED), "command ran: " + command);
    }
  }

  @Test
  void commentsNeverEndEarly() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    for (String value : HOSTILE) {
      String command =
          Templates.renderCommand(
              "# upgrade the kernel to {v} or later on {v}", Map.of("v", value));
      assertEquals("", sh(command + "\nshow done >/dev/null"), command);
      assertFalse(Files.exists(PWNED), "command ran: " + command);
    }
  }

  /**
   * Runs the line with {@code show} printing each argument in brackets; nothing else is defined.
   */
  private static String sh(String line) throws IOException, InterruptedException {
    String script = "show() { for a in \"$@\"; do printf '[%s]' \"$a\"; done; }\n" + line + "\n";
    Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }
}
