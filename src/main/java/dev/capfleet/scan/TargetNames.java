package dev.capfleet.scan;

import dev.capfleet.core.HostText;
import java.util.regex.Pattern;

/**
 * Which addresses and login names capfleet sends for a host: host names, IP literals and portable
 * user names. Neither ever reaches a shell; a value outside these is an inventory mistake (a pasted
 * command, a stray quote or newline) that is reported for its host rather than looked up in DNS or
 * offered to a server.
 */
public final class TargetNames {
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");
  private static final Pattern IPV6 =
      Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9_.-]{1,32})?");

  /**
   * POSIX portable names plus {@code @} (directory users such as {@code alice@corp}) and {@code $},
   * {@code +}.
   */
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.@$+-]{0,255}");

  private TargetNames() {}

  /** Why {@code address} is not a host name or IP literal, or null when it is one. */
  public static String addressProblem(String address) {
    if (address.indexOf(':') >= 0
        ? IPV6.matcher(address).matches()
        : HOST_NAME.matcher(address).matches()) {
      return null;
    }
    return "'" + HostText.printable(address) + "' is not a host name or IP address";
  }

  /** Why {@code user} is not a login name capfleet sends, or null when it is one. */
  public static String userProblem(String user) {
    if (USER.matcher(user).matches()) {
      return null;
    }
    return "'" + HostText.printable(user) + "' is not a user name (letters, digits, . _ - @ $ +)";
  }
}
