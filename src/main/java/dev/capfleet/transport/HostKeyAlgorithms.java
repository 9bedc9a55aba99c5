package dev.capfleet.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.signature.Signature;

/**
 * Orders the host key algorithms a session proposes so that the ones known_hosts holds a key for
 * come first (as OpenSSH does). Without this a server offering ECDSA, RSA and ed25519 would be
 * asked for ECDSA, and a known_hosts holding only its ed25519 key would report a changed key.
 */
final class HostKeyAlgorithms {
  private static final String CERT_SUFFIX = "-cert-v01@openssh.com";

  private HostKeyAlgorithms() {}

  /**
   * @param defaults the client's signature factories, in preference order
   * @param knownKeyTypes key types known for the host ({@code ssh-ed25519}, {@code ssh-rsa}, ...)
   * @return known types first, then the rest; host certificates left out (not verified here)
   */
  static List<NamedFactory<Signature>> preferring(
      List<NamedFactory<Signature>> defaults, Set<String> knownKeyTypes) {
    List<NamedFactory<Signature>> first = new ArrayList<>();
    List<NamedFactory<Signature>> rest = new ArrayList<>();
    for (NamedFactory<Signature> f : defaults) {
      String name = f.getName();
      if (name.endsWith(CERT_SUFFIX)) {
        continue;
      }
      if (knownKeyTypes.contains(KeyUtils.getCanonicalKeyType(name))) {
        first.add(f);
      } else {
        rest.add(f);
      }
    }
    first.addAll(rest);
    return first;
  }
}
