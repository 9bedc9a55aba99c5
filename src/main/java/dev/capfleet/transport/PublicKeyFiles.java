package dev.capfleet.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Tells a public key file (OpenSSH's one-line format or RFC 4716) given where a private key
 * belongs.
 */
final class PublicKeyFiles {
  /**
   * {@code ssh-ed25519 AAAA...}, {@code ecdsa-sha2-nistp256 AAAA...}, {@code
   * sk-ssh-ed25519@openssh.com ...}.
   */
  private static final Pattern OPENSSH_LINE =
      Pattern.compile("^(ssh|ecdsa|sk)-[A-Za-z0-9@.-]+ AAAA");

  private PublicKeyFiles() {}

  static String problem(Path path) {
    String head;
    try (InputStream in = Files.newInputStream(path)) {
      head = new String(in.readNBytes(64), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return null; // the key loader reports unreadable files
    }
    if (!OPENSSH_LINE.matcher(head).find() && !head.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
      return null;
    }
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    String privateHalf =
        name.endsWith(".pub") && name.length() > 4
            ? ": give the private key, " + path.resolveSibling(name.substring(0, name.length() - 4))
            : ": give the private key of the pair (the file without .pub)";
    return path + " is a public key, not a private key" + privateHalf;
  }
}
