package dev.capfleet.inventory;

import java.util.List;
import java.util.Locale;

/** Finds the ProxyJump in ssh command-line arguments: {@code -J spec}, {@code -Jspec}, {@code -o ProxyJump=spec}. */
final class SshArgs {
  private SshArgs() {}

  /** The jump chain the arguments ask for (the first one given wins, as in ssh); empty when none. */
  static List<JumpHost> proxyJump(String commandLine) {
    List<String> words;
    try {
      words = ShellWords.split(commandLine);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unbalanced quotes in '" + commandLine + "'");
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String spec = null;
      if (w.equals("-J") || w.equals("-o")) {
        if (i + 1 >= words.size()) {
          throw new IllegalArgumentException(w + " without a value");
        }
        String value = words.get(++i);
        spec = w.equals("-J") ? value : proxyJumpOption(value);
      } else if (w.startsWith("-J")) {
        spec = w.substring(2);
      } else if (w.startsWith("-o")) {
        spec = proxyJumpOption(w.substring(2));
      }
      if (spec != null) {
        return JumpHost.parseChain(spec);
      }
    }
    return List.of();
  }

  /** The value of a {@code ProxyJump=x} or {@code ProxyJump x} option, or null for other options. */
  private static String proxyJumpOption(String option) {
    String o = option.strip();
    int split = 0;
    while (split < o.length() && o.charAt(split) != '=' && !Character.isWhitespace(o.charAt(split))) {
      split++;
    }
    if (!o.substring(0, split).toLowerCase(Locale.ROOT).equals("proxyjump")) {
      return null;
    }
    String value = o.substring(split).strip();
    return value.startsWith("=") ? value.substring(1).strip() : value;
  }
}
