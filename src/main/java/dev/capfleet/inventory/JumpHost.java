package dev.capfleet.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One hop of an SSH ProxyJump chain: {@code [user@]host[:port]}, port 22 when not given. */
public record JumpHost(String user, String host, int port) {
  private static final Pattern HOP =
      Pattern.compile(
          "(?:ssh://)?(?:(.*)@)?(\\[[^\\]@]+\\]|[^:@\\[\\]]+|[^@\\[\\]]*:[^@\\[\\]]*:[^@\\[\\]]*)(?::([0-9]+))?");

  public JumpHost {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("jump host without a host name");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "jump host " + host + " has port " + port + ", not 1-65535");
    }
  }

  /**
   * Parses ssh's ProxyJump value: comma-separated hops, each {@code [user@]host[:port]}, an IPv6
   * host in brackets, {@code ssh://} URIs allowed; {@code none} is no jump at all. The user ends at
   * the last {@code @}, as OpenSSH's {@code parse_user_host_port} reads it. capfleet's one
   * ProxyJump parser: inventory arguments and ssh_config values both come here.
   */
  public static List<JumpHost> parseChain(String spec) {
    List<JumpHost> hops = new ArrayList<>();
    if (spec.strip().equalsIgnoreCase("none")) {
      return hops;
    }
    for (String hop : spec.split(",")) {
      Matcher m = HOP.matcher(hop.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("cannot read jump host '" + hop.strip() + "'");
      }
      String host = m.group(2);
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = 22;
      if (m.group(3) != null) {
        try {
          port = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
          port = -1;
        }
      }
      String user = m.group(1) == null || m.group(1).isEmpty() ? null : m.group(1);
      hops.add(new JumpHost(user, host, port));
    }
    return hops;
  }

  /** The hop as ssh writes it: {@code user@host:port}, IPv6 in brackets. */
  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return (user == null ? "" : user + "@") + h + ":" + port;
  }
}
