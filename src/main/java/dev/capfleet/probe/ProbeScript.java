package dev.capfleet.probe;

import dev.capfleet.core.BinaryPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The one read-only POSIX sh script run on every host, and the safe way to invoke it.
 *
 * <p>The script travels on standard input ({@code sh -s}); the only values in the command line are
 * a random hex nonce and the binary path, single-quoted after {@link #validateBinaryPath} has
 * refused anything that is not a plain absolute path. Nothing from an inventory or a host is ever
 * interpreted as shell.
 */
public final class ProbeScript {
  private static final String RESOURCE = "/dev/capfleet/probe/probe.sh";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] SCRIPT = load();

  private ProbeScript() {}

  public static byte[] bytes() {
    return SCRIPT.clone();
  }

  /**
   * A fresh nonce for one run: section markers carry it so that file contents cannot forge a
   * marker.
   */
  public static String newNonce() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The argument vector for running the script locally without any shell parsing our values. */
  public static List<String> localArgv(String nonce, String binaryPath) {
    validateNonce(nonce);
    validateBinaryPath(binaryPath);
    return List.of("/bin/sh", "-s", "--", nonce, binaryPath);
  }

  /**
   * The remote command string (a login shell parses it): constant words plus two single-quoted
   * values. Single quotes are safe in sh, bash, dash, ash, zsh, ksh and csh alike once the value
   * holds no quote, newline or control character, which {@link #validateBinaryPath} guarantees.
   */
  public static String remoteCommand(String nonce, String binaryPath) {
    validateNonce(nonce);
    validateBinaryPath(binaryPath);
    return "LC_ALL=C /bin/sh -s -- '" + nonce + "' '" + binaryPath + "'";
  }

  private static void validateNonce(String nonce) {
    if (!nonce.matches("[0-9a-f]{8,64}")) {
      throw new IllegalArgumentException("nonce must be lower-case hex");
    }
  }

  /**
   * Accepts an absolute path of printable characters without quotes, backslashes or shell-active
   * characters other than those common in paths; throws {@link IllegalArgumentException} with the
   * reason otherwise.
   */
  public static String validateBinaryPath(String path) {
    String reason = BinaryPath.problem(path);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
    return path;
  }

  private static byte[] load() {
    try (InputStream in = ProbeScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("probe script missing from the jar: " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
