package dev.capfleet.transport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A hashed known_hosts name, {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}, as OpenSSH's
 * hostfile.c writes and matches it. The name hashed is {@link HostPatterns#hostKeyName}:
 * lowercased, and {@code [host]:port} off port 22. Matching the inventory's spelling instead made a
 * known host look unknown (and a hashed {@code @revoked} line never apply) whenever the case
 * differed.
 */
record HashedName(byte[] salt, byte[] hash) {
  static final int SALT_BYTES = 20; // SHA-1 block output size, what OpenSSH uses

  /** Parses the host field of a line, or null when it is not a {@code |1|} hash OpenSSH reads. */
  static HashedName parse(String field) {
    String[] parts = field.split("\\|", -1);
    if (parts.length != 4 || !parts[0].isEmpty() || !parts[1].equals("1")) {
      return null;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      return salt.length == SALT_BYTES && hash.length == SALT_BYTES
          ? new HashedName(salt, hash)
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The host field for {@code name} (already in {@link HostPatterns#hostKeyName} form). */
  static String of(byte[] salt, String name) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hmac(salt, name));
  }

  boolean matches(String name) {
    return MessageDigest.isEqual(hash, hmac(salt, name));
  }

  private static byte[] hmac(byte[] salt, String name) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(salt, "HmacSHA1"));
      return mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
