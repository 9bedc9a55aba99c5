package dev.capfleet.inventory;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a host entry into host and optional port as Ansible's {@code parse_address} does: {@code
 * host:22}, {@code 10.0.0.1:22}, {@code [2001:db8::1]:22}, bare IPv6, names with {@code [a:b]}
 * ranges. An entry that is no valid host keeps its whole text as the name and gets no port, as in
 * Ansible.
 */
record HostAddress(String host, BigInteger port) {
  private static final String NUMERIC_RANGE = "\\[[0-9]+:[0-9]+(?::[0-9]+)?\\]";
  private static final String HEX_RANGE = "\\[[0-9a-f]+:[0-9a-f]+(?::[0-9]+)?\\]";
  private static final String ALNUM_RANGE = "\\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
  private static final String V6 = "(?:[0-9a-f]{1,4}|" + HEX_RANGE + ")";
  private static final String V4 = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NUMERIC_RANGE + ")";
  private static final String V4_DOTTED = "(?:" + V4 + "\\.){3}" + V4;
  private static final String LABEL =
      "(?:\\w|" + ALNUM_RANGE + ")(?:[\\w-]|" + ALNUM_RANGE + ")*(?<![_-])";

  private static final Pattern BRACKETED_HOST_PORT = Pattern.compile("\\[(.+)\\]:([0-9]+)");
  private static final Pattern HOST_PORT =
      Pattern.compile("((?:[^:\\[\\]]|\\[[^\\]]*\\])*):([0-9]+)");
  private static final Pattern IPV4 = Pattern.compile(V4_DOTTED, Pattern.CASE_INSENSITIVE);
  // Like Ansible's, this pattern is anchored at the start only (all but its last branch): "fe80::"
  // is
  // enough for the rest of the text to count as an IPv6 address.
  private static final Pattern IPV6 =
      Pattern.compile(
          String.join(
              "|",
              "(?:" + V6 + ":){7}" + V6,
              "(?:" + V6 + ":){1,6}:",
              "(?:" + V6 + ":)(?::" + V6 + "){1,6}",
              "(?:" + V6 + ":){2}(?::" + V6 + "){1,5}",
              "(?:" + V6 + ":){3}(?::" + V6 + "){1,4}",
              "(?:" + V6 + ":){4}(?::" + V6 + "){1,3}",
              "(?:" + V6 + ":){5}(?::" + V6 + "){1,2}",
              "(?:" + V6 + ":){6}(?::" + V6 + ")",
              ":(?::" + V6 + "){1,6}",
              V6 + "?::",
              "(?:0:){6}" + V4_DOTTED.replace(V4, V6),
              "::(?:ffff:)?" + V4_DOTTED.replace(V4, V6),
              "(?:0:){5}ffff:" + V4_DOTTED.replace(V4, V6) + "$"),
          Pattern.CASE_INSENSITIVE);
  private static final Pattern HOSTNAME =
      Pattern.compile(
          LABEL + "(?:\\." + LABEL + ")*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

  /** The host and port of an entry; never fails (a name that is no address is kept whole). */
  static HostAddress parse(String entry) {
    HostAddress parsed = parseStrict(entry);
    return parsed != null ? parsed : new HostAddress(entry, null);
  }

  /** The host and port, or null where Ansible's {@code parse_address} raises. */
  static HostAddress parseStrict(String entry) {
    String address = entry;
    BigInteger port = null;
    // Both forms are tried in turn, so "[a:1]:2" ends as host "a", port 1.
    for (Pattern form : new Pattern[] {BRACKETED_HOST_PORT, HOST_PORT}) {
      Matcher m = form.matcher(address);
      if (m.matches()) {
        address = m.group(1);
        port = new BigInteger(m.group(2));
      }
    }
    boolean valid =
        IPV4.matcher(address).matches()
            || IPV6.matcher(address).lookingAt()
            || HOSTNAME.matcher(address).matches();
    return valid ? new HostAddress(address, port) : null;
  }

  /** Whether Ansible takes this name for an IP address (it then keeps dots in the short name). */
  static boolean isIpAddress(String name) {
    return IPV4.matcher(name).matches() || IPV6.matcher(name).lookingAt();
  }
}
