package dev.capfleet.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What ssh_config says for one host, as {@code ssh -G} would print it, limited to what capfleet
 * uses; null (or empty) where the file says nothing, so that the caller's own defaults apply.
 *
 * @param hostName the address to connect to ({@code HostName}, tokens expanded), or the name given
 * @param proxyCommand a {@code ProxyCommand} (never run), or null
 * @param proxyCommandAt where it was set ({@code file:line}), for the host's reason
 */
public record HostSettings(
    String hostName,
    String user,
    Integer port,
    List<Path> identityFiles,
    Boolean identitiesOnly,
    String proxyJump,
    String proxyCommand,
    String proxyCommandAt,
    List<Path> userKnownHostsFiles,
    Integer connectTimeout) {

  public HostSettings {
    identityFiles = List.copyOf(identityFiles);
    userKnownHostsFiles = List.copyOf(userKnownHostsFiles);
  }

  static HostSettings of(
      String host,
      Map<String, List<String>> got,
      List<String> identityFiles,
      String cliUser,
      String localUser,
      Path home) {
    String hostName =
        got.containsKey("hostname") ? SshConfig.token(value(got, "hostname"), host, host) : host;
    String user = got.containsKey("user") ? value(got, "user") : null;
    Integer port = got.containsKey("port") ? number(got, "port", 1, 65535) : null;
    String remoteUser = cliUser != null ? cliUser : user != null ? user : localUser;
    int effectivePort = port == null ? SshTarget.DEFAULT_PORT : port;
    List<Path> ids = new ArrayList<>();
    for (String f : identityFiles) {
      ids.add(path(f, home, hostName, host, remoteUser, localUser, effectivePort));
    }
    List<Path> knownHosts = new ArrayList<>();
    if (got.containsKey("userknownhostsfile")) {
      for (String f : value(got, "userknownhostsfile").split("\0")) {
        if (!f.equalsIgnoreCase("none")) {
          knownHosts.add(path(f, home, hostName, host, remoteUser, localUser, effectivePort));
        }
      }
    }
    Boolean only = got.containsKey("identitiesonly") ? yesNo(got, "identitiesonly") : null;
    Integer timeout =
        got.containsKey("connecttimeout") ? number(got, "connecttimeout", 0, 86_400) : null;
    String jump = got.containsKey("proxyjump") ? value(got, "proxyjump") : null;
    if (jump != null && jump.equalsIgnoreCase("none")) {
      jump = null;
    }
    String command = got.containsKey("proxycommand") ? value(got, "proxycommand") : null;
    String commandAt = command == null ? null : got.get("proxycommand").get(1);
    if (command != null && command.equalsIgnoreCase("none")) {
      command = null;
      commandAt = null;
    }
    return new HostSettings(
        hostName, user, port, ids, only, jump, command, commandAt, knownHosts, timeout);
  }

  private static String value(Map<String, List<String>> got, String key) {
    return got.get(key).get(0);
  }

  private static int number(Map<String, List<String>> got, String key, int min, int max) {
    String v = value(got, key);
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SshConfigException(
        got.get(key).get(1)
            + ": "
            + key
            + " '"
            + v
            + "' is not a number from "
            + min
            + " to "
            + max);
  }

  private static boolean yesNo(Map<String, List<String>> got, String key) {
    String v = value(got, key).toLowerCase(Locale.ROOT);
    if (v.equals("yes") || v.equals("true")) {
      return true;
    }
    if (v.equals("no") || v.equals("false")) {
      return false;
    }
    throw new SshConfigException(
        got.get(key).get(1) + ": " + key + " '" + v + "' is not yes or no");
  }

  /**
   * ssh's path tokens: {@code ~}, {@code %d} home, {@code %h} host name, {@code %n} name given,
   * {@code %r}, {@code %u}, {@code %p}, {@code %%}.
   */
  private static Path path(
      String value,
      Path home,
      String hostName,
      String original,
      String remoteUser,
      String localUser,
      int port) {
    String v = value.startsWith("~/") || value.equals("~") ? home + value.substring(1) : value;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != '%' || i + 1 >= v.length()) {
        out.append(c);
        continue;
      }
      char t = v.charAt(++i);
      switch (t) {
        case '%' -> out.append('%');
        case 'd' -> out.append(home);
        case 'h' -> out.append(hostName);
        case 'n' -> out.append(original);
        case 'r' -> out.append(remoteUser == null ? "" : remoteUser);
        case 'u' -> out.append(localUser);
        case 'p' -> out.append(port);
        default ->
            throw new SshConfigException(
                "token %" + t + " in '" + value + "' is not supported by capfleet");
      }
    }
    return Path.of(out.toString());
  }
}
