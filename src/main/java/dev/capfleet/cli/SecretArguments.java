package dev.capfleet.cli;

import dev.capfleet.transport.SshSettings;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A passphrase typed as a flag ({@code --passphrase hunter2}) is not echoed back: picocli's
 * "Unknown options" line would put it into terminals, CI logs and shell history dumps. capfleet
 * takes secrets only from the environment or a prompt.
 */
final class SecretArguments {
  private static final Pattern SECRET =
      Pattern.compile("--?[a-z-]*(pass|secret|token|password)[a-z-]*(=.*)?");

  private SecretArguments() {}

  /** The first argument that looks like a secret-bearing option (its name only), or null. */
  static String firstSecretOption(String[] args) {
    for (String a : args) {
      if (SECRET.matcher(a.toLowerCase(Locale.ROOT)).matches()) {
        int eq = a.indexOf('=');
        return eq < 0 ? a : a.substring(0, eq);
      }
    }
    return null;
  }

  static String refusal(String option) {
    return "unknown option '"
        + option
        + "': capfleet takes no passphrase or secret on the command line (its "
        + "value is not shown); set "
        + SshSettings.PASSPHRASE_ENV
        + " or answer the prompt on a terminal";
  }
}
