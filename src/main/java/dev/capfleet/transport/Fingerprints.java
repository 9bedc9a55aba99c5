package dev.capfleet.transport;

import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;

/** Names keys the way OpenSSH prints them: {@code ED25519 SHA256:...}. */
final class Fingerprints {
  private Fingerprints() {}

  static String describe(PublicKey key) {
    return label(KeyUtils.getKeyType(key)) + " " + KeyUtils.getFingerPrint(key);
  }

  /** {@code ssh-ed25519} -> {@code ED25519}, {@code ecdsa-sha2-nistp256} -> {@code ECDSA}. */
  static String label(String keyType) {
    if (keyType == null) {
      return "UNKNOWN";
    }
    if (keyType.contains("ed25519")) {
      return keyType.startsWith("sk-") ? "ED25519-SK" : "ED25519";
    }
    if (keyType.contains("ecdsa")) {
      return keyType.startsWith("sk-") ? "ECDSA-SK" : "ECDSA";
    }
    if (keyType.contains("rsa")) {
      return "RSA";
    }
    if (keyType.contains("dss")) {
      return "DSA";
    }
    return keyType.toUpperCase(java.util.Locale.ROOT);
  }
}
