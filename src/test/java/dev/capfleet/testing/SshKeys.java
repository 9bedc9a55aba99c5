package dev.capfleet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test keys made with the real {@code ssh-keygen}, so the code under test reads exactly what
 * OpenSSH writes.
 */
public final class SshKeys {
  private SshKeys() {}

  /** Key types OpenSSH and capfleet both support. */
  public enum Type {
    ED25519("ed25519", null),
    ECDSA("ecdsa", "256"),
    RSA("rsa", "2048"); // 2048 bits: five times faster to generate than 3072, fine for tests

    final String keygenName;
    final String bits;

    Type(String keygenName, String bits) {
      this.keygenName = keygenName;
      this.bits = bits;
    }
  }

  /**
   * A key pair on disk.
   *
   * @param type key type
   * @param privateKey OpenSSH-format private key (mode 0600)
   * @param publicKey the {@code .pub} file
   * @param publicLine the public key as {@code type base64} (no comment)
   * @param fingerprint as OpenSSH prints it: {@code SHA256:...}
   */
  public record KeyFile(
      Type type, Path privateKey, Path publicKey, String publicLine, String fingerprint) {}

  /** Generates an unencrypted key {@code dir/name} (and {@code name.pub}). */
  public static KeyFile generate(Path dir, String name, Type type) {
    return generate(dir, name, type, "");
  }

  /** Generates a key encrypted with {@code passphrase} (empty for none). */
  public static KeyFile generate(Path dir, String name, Type type, String passphrase) {
    try {
      Files.createDirectories(dir);
      Path key = dir.resolve(name);
      Files.deleteIfExists(key);
      Files.deleteIfExists(dir.resolve(name + ".pub"));
      List<String> argv =
          new java.util.ArrayList<>(
              List.of("ssh-keygen", "-q", "-t", type.keygenName, "-N", passphrase, "-C", name));
      if (type.bits != null) {
        argv.addAll(List.of("-b", type.bits));
      }
      argv.addAll(List.of("-f", key.toString()));
      Processes.run(argv);
      return read(type, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KeyFile read(Type type, Path key) throws IOException {
    Path pub = key.resolveSibling(key.getFileName() + ".pub");
    String[] parts = Files.readString(pub).trim().split("\\s+");
    String line = parts[0] + " " + parts[1];
    String fp =
        Processes.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()))
            .trim()
            .split("\\s+")[1];
    return new KeyFile(type, key, pub, line, fp);
  }

  /** Hashes every host name in a known_hosts file in place, as {@code ssh-keygen -H} does. */
  public static void hashKnownHosts(Path knownHosts) {
    Processes.run(List.of("ssh-keygen", "-q", "-H", "-f", knownHosts.toString()));
    try {
      Files.deleteIfExists(knownHosts.resolveSibling(knownHosts.getFileName() + ".old"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
