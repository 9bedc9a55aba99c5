package dev.capfleet.probe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs probe script text under the real shells a host may have (dash, bash, busybox sh), as the
 * account nobody when the tests run as root, so that file permissions mean what they mean for an
 * audit login.
 */
final class Shells {
  static final String NONCE = "0123456789abcdef";
  static final List<List<String>> ALL =
      List.of(List.of("dash"), List.of("bash"), List.of("busybox", "sh"));

  private Shells() {}

  /** The probe's function definitions: everything before its first output line. */
  static String probeFunctions() {
    String script = new String(ProbeScript.bytes(), StandardCharsets.UTF_8);
    int cut = script.indexOf("printf '@@CAPFLEET %s probe 1");
    if (cut < 0) {
      throw new IllegalStateException("probe.sh no longer prints its header line");
    }
    return script.substring(0, cut);
  }

  /** Skips a test when the shell is missing, except in CI (CI=true), where it fails. */
  static void require(String tool) {
    boolean present =
        Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(tool + " is missing; .ci/run installs it");
    }
    assumeTrue(present, tool + " is not installed");
  }

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * Runs {@code prefix + shell -s -- NONCE binary} with {@code script} on standard input; returns
   * stdout.
   */
  static String run(List<String> prefix, List<String> shell, String script, String binary) {
    require(shell.get(0));
    List<String> argv = new ArrayList<>(prefix);
    if (root()) {
      argv.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
    }
    argv.addAll(shell);
    argv.addAll(List.of("-s", "--", NONCE, binary));
    try {
      Process p =
          new ProcessBuilder(argv)
              .directory(Path.of("/").toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (var in = p.getOutputStream()) {
        in.write(script.getBytes(StandardCharsets.UTF_8));
      }
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + argv);
      }
      return new String(out, StandardCharsets.ISO_8859_1); // bytes as they came: NULs and all
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
