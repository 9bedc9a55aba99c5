package dev.capfleet.inventory;

import java.util.List;
import java.util.Locale;

/**
 * Finds the route in ssh command-line arguments: {@code -J spec}, {@code -Jspec}, {@code -o
 * ProxyJump=spec}, {@code -o ProxyCommand=...} (in either {@code =} or space form).
 */
final class SshArgs {
  private SshArgs() {}

  /**
   * A route the arguments ask for: ProxyJump hosts, or a ProxyCommand (which capfleet never runs).
   *
   * @param command the ProxyCommand, or null
   */
  record Proxy(List<JumpHost> jumps, String command) {}

  /**
   * The first ProxyJump or ProxyCommand in the arguments (ssh lets the first of the two win), or
   * null.
   */
  static Proxy proxy(String commandLine) {
    List<String> words;
    try {
      words = ShellWords.split(commandLine);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unbalanced quotes in '" + commandLine + "'");
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String spec = null;
      String option = null;
      if (w.equals("-J") || w.equals("-o")) {
        if (i + 1 >= words.size()) {
          throw new IllegalArgumentException(w + " without a value");
        }
        String value = words.get(++i);
        spec = w.equals("-J") ? value : null;
        option = w.equals("-o") ? value : null;
      } else if (w.startsWith("-J")) {
        spec = w.substring(2);
      } else if (w.startsWith("-o")) {
        option = w.substring(2);
      }
      if (option != null) {
        String command = optionValue(option, "proxycommand");
        if (command != null && !command.equalsIgnoreCase("none")) {
          return new Proxy(List.of(), command);
        }
        spec = optionValue(option, "proxyjump");
      }
      if (spec != null) {
        return new Proxy(JumpHost.parseChain(spec), null);
      }
    }
    return null;
  }

  /** The value of a {@code Name=x} or {@code Name x} option, or null for other options. */
  private static String optionValue(String option, String name) {
    String o = option.strip();
    int split = 0;
    while (split < o.length()
        && o.charAt(split) != '='
        && !Character.isWhitespace(o.charAt(split))) {
      split++;
    }
    if (!o.substring(0, split).toLowerCase(Locale.ROOT).equals(name)) {
      return null;
    }
    String value = o.substring(split).strip();
    return value.startsWith("=") ? value.substring(1).strip() : value;
  }
}
