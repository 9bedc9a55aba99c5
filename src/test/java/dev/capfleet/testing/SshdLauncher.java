package dev.capfleet.testing;

import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an sshd's files and starts it; {@link RealSshd.Builder#start()} calls this. */
final class SshdLauncher {
  private static final long READY_TIMEOUT_MS = 10_000;
  private static final int BIND_ATTEMPTS = 3;

  private SshdLauncher() {}

  static RealSshd launch(RealSshd.Builder b) throws IOException {
    Files.createDirectories(b.dir());
    RealSshd.makeTraversable(b.dir());
    IOException last = null;
    for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
      int port = b.port() != 0 ? b.port() : RealSshd.freePort(b.address());
      Path home = b.dir().resolve("sshd-" + b.address() + "-" + port);
      Files.createDirectories(home);
      RealSshd.makeTraversable(home);
      Map<Type, KeyFile> keys = hostKeys(b, home);
      Path config = writeConfig(b, home, port, keys);
      writeAuthorizedKeys(b, home);
      Path log = home.resolve("sshd.log");
      Process p =
          new ProcessBuilder(command(b, config))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      p.getOutputStream().close();
      RealSshd sshd = RealSshd.started(p, b.address(), port, keys, log);
      long end = System.currentTimeMillis() + READY_TIMEOUT_MS;
      while (System.currentTimeMillis() < end && p.isAlive()) {
        if (RealSshd.answers(b.address(), port)) {
          return sshd;
        }
        sleep(20);
      }
      String text = sshd.log();
      sshd.close();
      last = new IOException("sshd on " + b.address() + ":" + port + " did not start: " + text);
      if (b.port() != 0 || !text.contains("Bind to port")) {
        break; // not a lost race for a free port: retrying will not help
      }
    }
    throw last;
  }

  private static Map<Type, KeyFile> hostKeys(RealSshd.Builder b, Path home) {
    Map<Type, KeyFile> keys = new LinkedHashMap<>(b.givenKeys());
    for (Type t : b.keyTypes()) {
      keys.computeIfAbsent(
          t,
          type -> SshKeys.generate(home, "ssh_host_" + type.name().toLowerCase() + "_key", type));
    }
    return keys;
  }

  private static Path writeConfig(RealSshd.Builder b, Path home, int port, Map<Type, KeyFile> keys)
      throws IOException {
    List<String> lines = new ArrayList<>(b.config());
    String listen = b.address().indexOf(':') >= 0 ? "[" + b.address() + "]" : b.address();
    lines.add("ListenAddress " + listen + ":" + port);
    for (KeyFile k : keys.values()) {
      lines.add("HostKey " + k.privateKey());
    }
    lines.add("AuthorizedKeysFile " + home.resolve("authorized_keys") + "/%u");
    lines.addAll(
        List.of(
            "StrictModes no",
            "UsePAM no",
            "PermitRootLogin prohibit-password",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UseDNS no",
            "PrintMotd no",
            "PrintLastLog no",
            "PidFile none",
            "MaxStartups 200",
            "LogLevel VERBOSE"));
    if (b.forceCommand() != null) {
      lines.add("ForceCommand " + b.forceCommand());
    }
    Path config = home.resolve("sshd_config");
    Files.write(config, lines, StandardCharsets.UTF_8);
    return config;
  }

  private static void writeAuthorizedKeys(RealSshd.Builder b, Path home) throws IOException {
    Path dir = home.resolve("authorized_keys");
    Files.createDirectories(dir);
    RealSshd.makeTraversable(dir);
    for (Map.Entry<String, List<Path>> e : b.authorized().entrySet()) {
      StringBuilder text = new StringBuilder();
      for (Path pub : e.getValue()) {
        text.append(Files.readString(pub).trim()).append('\n');
      }
      Path file = dir.resolve(e.getKey());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /**
   * sshd runs as PID 1 of its own PID namespace: when the harness kills it, the kernel kills every
   * session process too, even those that called setsid() and were orphaned when their client left
   * (a ForceCommand {@code sleep 600} would otherwise outlive the test).
   */
  private static List<String> command(RealSshd.Builder b, Path config) {
    List<String> argv = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--kill-child"));
    String sshd = RealSshd.SSHD + " -D -e -f " + config;
    if (b.dropBounding() != null) {
      // every session inherits the reduced bounding set, as in a container or a hardened unit
      sshd = "/usr/sbin/capsh --drop=" + b.dropBounding() + " -- -c 'exec " + sshd + "'";
    }
    if (b.namespaceSetup() == null && b.dropBounding() == null) {
      argv.addAll(List.of(RealSshd.SSHD.toString(), "-D", "-e", "-f", config.toString()));
      return argv;
    }
    if (b.namespaceSetup() == null) {
      argv.addAll(List.of("sh", "-c", "exec " + sshd));
      return argv;
    }
    argv.addAll(List.of("--mount", "--propagation", "private"));
    argv.addAll(List.of("sh", "-c", "set -e\n" + b.namespaceSetup() + "\nexec " + sshd));
    return argv;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
