package dev.capfleet.transport;

import java.util.List;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedResource;

/**
 * The algorithms capfleet offers: OpenSSH 9's client defaults ({@code ssh -G -F /dev/null}, 9.2p1)
 * that MINA implements, in MINA's order. MINA's own defaults also offer CBC ciphers, SHA-1 key
 * exchanges and {@code ssh-rsa} (SHA-1) signatures, which OpenSSH dropped. {@code hmac-sha1} and
 * {@code hmac-sha1-etm}, still last in OpenSSH's list, are left out as well: every server that
 * offers them also offers the SHA-2 MACs.
 */
final class DefaultAlgorithms {
  static final Set<String> CIPHERS =
      Set.of(
          "chacha20-poly1305@openssh.com",
          "aes128-ctr",
          "aes192-ctr",
          "aes256-ctr",
          "aes128-gcm@openssh.com",
          "aes256-gcm@openssh.com");
  static final Set<String> MACS =
      Set.of(
          "hmac-sha2-256-etm@openssh.com",
          "hmac-sha2-512-etm@openssh.com",
          "umac-64-etm@openssh.com",
          "umac-128-etm@openssh.com",
          "umac-64@openssh.com",
          "umac-128@openssh.com",
          "hmac-sha2-256",
          "hmac-sha2-512");
  static final Set<String> KEX =
      Set.of(
          "sntrup761x25519-sha512",
          "sntrup761x25519-sha512@openssh.com",
          "mlkem768x25519-sha256",
          "curve25519-sha256",
          "curve25519-sha256@libssh.org",
          "ecdh-sha2-nistp256",
          "ecdh-sha2-nistp384",
          "ecdh-sha2-nistp521",
          "diffie-hellman-group-exchange-sha256",
          "diffie-hellman-group16-sha512",
          "diffie-hellman-group18-sha512",
          "diffie-hellman-group14-sha256");
  static final Set<String> SIGNATURES =
      Set.of(
          "ssh-ed25519-cert-v01@openssh.com",
          "ecdsa-sha2-nistp256-cert-v01@openssh.com",
          "ecdsa-sha2-nistp384-cert-v01@openssh.com",
          "ecdsa-sha2-nistp521-cert-v01@openssh.com",
          "sk-ssh-ed25519-cert-v01@openssh.com",
          "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
          "rsa-sha2-512-cert-v01@openssh.com",
          "rsa-sha2-256-cert-v01@openssh.com",
          "ssh-ed25519",
          "ecdsa-sha2-nistp256",
          "ecdsa-sha2-nistp384",
          "ecdsa-sha2-nistp521",
          "sk-ssh-ed25519@openssh.com",
          "sk-ecdsa-sha2-nistp256@openssh.com",
          "rsa-sha2-512",
          "rsa-sha2-256");

  private DefaultAlgorithms() {}

  /** Narrows the client's factories to the lists above; key exchanges then in {@code kex} order. */
  static void apply(SshClient client, KexPreference kex) {
    client.setCipherFactories(only(client.getCipherFactories(), CIPHERS));
    client.setMacFactories(only(client.getMacFactories(), MACS));
    client.setSignatureFactories(only(client.getSignatureFactories(), SIGNATURES));
    client.setKeyExchangeFactories(kex.order(only(client.getKeyExchangeFactories(), KEX)));
  }

  static <T extends NamedResource> List<T> only(List<T> factories, Set<String> names) {
    return factories.stream().filter(f -> names.contains(f.getName())).toList();
  }
}
