package dev.capfleet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether standard error is a terminal. The progress line goes to standard error, so that is the
 * stream that matters: {@code capfleet scan ... | tee log} still shows progress. Java has no
 * isatty(2) for stderr; on Linux the file descriptor's link names the terminal device.
 */
final class Terminal {
  private Terminal() {}

  static boolean stderrIsTerminal(Map<String, String> env) {
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // no /proc (not Linux): System.console() sees stdin and stdout, the next best guess
      return System.console() != null;
    }
  }
}
