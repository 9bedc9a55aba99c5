package dev.capfleet.core;

/**
 * The one rule for an eCapture binary path that capfleet puts into a command line: absolute, at
 * most 4096 characters, and only characters no shell treats specially inside single quotes or that
 * common paths use. The probe quotes the path, the scan plan refuses a bad one before connecting,
 * and the demo fleet checks the command it is sent by the same rule.
 */
public final class BinaryPath {
  private BinaryPath() {}

  /** Why a binary path is refused, or null when it is acceptable. */
  public static String problem(String path) {
    if (path == null || path.isEmpty()) {
      return "binary path is empty";
    }
    if (!path.startsWith("/")) {
      return "binary path must be absolute: " + HostText.printable(path);
    }
    if (path.length() > 4096) {
      return "binary path is longer than 4096 characters";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "/._-+@%,:=~".indexOf(c) >= 0;
      if (!safe) {
        return "binary path has a character capfleet does not pass to a shell ("
            + describeChar(c)
            + "): "
            + HostText.printable(path);
      }
    }
    return null;
  }

  private static String describeChar(char c) {
    return c < 0x20 || c == 0x7f
        ? String.format("control character U+%04X", (int) c)
        : "'" + c + "'";
  }
}
