package dev.capfleet.cli;

import dev.capfleet.transport.ExecLimits;
import dev.capfleet.transport.KexPreference;
import dev.capfleet.transport.SshSettings;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * SSH options with Ansible's names where Ansible has one: -u, --private-key, -T, plus host key and
 * limits.
 */
public final class ConnectionOptions {
  @Option(
      names = {"-u", "--user"},
      paramLabel = "USER",
      description = "Login user for hosts without ansible_user (default: your user name).")
  String user;

  @Option(
      names = "--private-key",
      paramLabel = "FILE",
      description =
          "Identity for hosts without ansible_ssh_private_key_file (default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa if present).")
  Path privateKey;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description = "known_hosts to verify host keys against (default: ~/.ssh/known_hosts).")
  Path knownHosts;

  @Option(
      names = "--accept-new-host-keys",
      description =
          "Trust unknown host keys on first use and record them; a changed key is never accepted.")
  boolean acceptNew;

  @Option(
      names = {"-T", "--timeout"},
      paramLabel = "SECONDS",
      description = "Connect timeout (default: ${DEFAULT-VALUE}).")
  int connectTimeout = 10;

  @Option(
      names = "--auth-timeout",
      paramLabel = "SECONDS",
      description = "Authentication timeout (default: ${DEFAULT-VALUE}).")
  int authTimeout = 10;

  @Option(
      names = "--command-timeout",
      paramLabel = "SECONDS",
      description = "Probe time limit per host (default: ${DEFAULT-VALUE}).")
  int commandTimeout = 60;

  @Option(
      names = "--host-timeout",
      paramLabel = "SECONDS",
      description = "Overall deadline per host (default: ${DEFAULT-VALUE}).")
  int hostTimeout = 120;

  static final int DEFAULT_MAX_OUTPUT = 4 * 1024 * 1024;
  private static final int MIN_MAX_OUTPUT = 64 * 1024;

  @Option(
      names = "--kex",
      paramLabel = "fast|pq",
      description =
          "Key exchange proposed first: fast (curve25519-sha256) "
              + "or pq (post-quantum hybrid sntrup761x25519, about 70 ms more CPU per host here; protects recorded sessions "
              + "against a future quantum computer). Default: ${DEFAULT-VALUE}.")
  KexPreference kex = KexPreference.FAST;

  @Option(
      names = "--max-output",
      paramLabel = "BYTES",
      description =
          "Probe output kept per host (default: 4194304, less when the forks would not fit in the heap).")
  Integer maxOutput;

  /**
   * The limits, with the output kept per host lowered so that every fork flooding at once still
   * fits in the heap: a host's output can cost about four times its size (the kept buffer, its
   * copy, the decoded text, and G1's rounding of large arrays up to whole regions), so forks times
   * four outputs stay within half the heap. Real probe output is tens of KiB; only floods and
   * garbage reach the cap.
   */
  ExecLimits limits(int forks, long maxHeap, PrintWriter err) {
    positive(connectTimeout, "-T");
    positive(authTimeout, "--auth-timeout");
    positive(commandTimeout, "--command-timeout");
    positive(hostTimeout, "--host-timeout");
    if (maxOutput != null && maxOutput < MIN_MAX_OUTPUT) {
      throw new UsageException("--max-output: at least " + MIN_MAX_OUTPUT + " bytes");
    }
    int wanted = maxOutput == null ? DEFAULT_MAX_OUTPUT : maxOutput;
    int fits = (int) Math.max(MIN_MAX_OUTPUT, Math.min(Integer.MAX_VALUE, maxHeap / (8L * forks)));
    if (wanted > fits && maxOutput != null) {
      err.println(
          "capfleet: warning: --max-output lowered to "
              + fits
              + " bytes: "
              + forks
              + " hosts at once "
              + "with "
              + wanted
              + " bytes each would not fit in the heap of "
              + maxHeap / (1024 * 1024)
              + " MiB (fewer -f forks, or a larger java -Xmx, allow more)");
    }
    return ExecLimits.DEFAULTS
        .withConnectTimeout(Duration.ofSeconds(connectTimeout))
        .withAuthTimeout(Duration.ofSeconds(authTimeout))
        .withCommandTimeout(Duration.ofSeconds(commandTimeout))
        .withHostDeadline(Duration.ofSeconds(hostTimeout))
        .withMaxOutputBytes(Math.min(wanted, fits));
  }

  SshSettings settings(Map<String, String> env, PrintWriter err) {
    // HOME as ssh and SshConfigOption read it, so that a scan run with another HOME never reads
    // this user's ~/.ssh
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    Path kh = knownHosts != null ? knownHosts : home.resolve(".ssh").resolve("known_hosts");
    if (knownHosts != null && Files.isDirectory(knownHosts)) {
      throw new UsageException(
          "--known-hosts: " + knownHosts + " is a directory, not a known_hosts file");
    }
    if (knownHosts != null && !Files.exists(knownHosts) && !acceptNew) {
      throw new UsageException(
          "--known-hosts: "
              + knownHosts
              + " does not exist (use --accept-new-host-keys to create it)");
    }
    List<Path> identities = new ArrayList<>();
    if (privateKey != null) {
      if (!Files.exists(privateKey)) {
        throw new UsageException("--private-key: " + privateKey + " does not exist");
      }
      if (!Files.isReadable(privateKey)) {
        throw new UsageException(
            "--private-key: cannot read "
                + privateKey
                + ": "
                + FileAccess.whyUnreadable(privateKey));
      }
      identities.add(privateKey);
    } else {
      for (String n : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
        Path p = home.resolve(".ssh").resolve(n);
        if (Files.isReadable(p)) {
          identities.add(p);
        }
      }
    }
    SshSettings s =
        SshSettings.strict(kh)
            .withAcceptNewHostKeys(acceptNew)
            .withDefaultUser(user)
            .withIdentityFiles(identities)
            .withEnvironment(env)
            .withKex(kex);
    if (env.get(SshSettings.PASSPHRASE_ENV) == null) {
      s = s.withPassphrase(consolePrompt());
    }
    return s;
  }

  /**
   * Asks once on the terminal, only when an encrypted key is met; never echoes or stores the answer
   * in text.
   */
  private static Supplier<String> consolePrompt() {
    return new Supplier<>() {
      private String answer;

      @Override
      public synchronized String get() {
        Console c = System.console();
        if (c == null) {
          return null;
        }
        if (answer == null) {
          char[] p = c.readPassword("Passphrase for the SSH key: ");
          answer = p == null ? null : new String(p);
        }
        return answer;
      }
    };
  }

  private static void positive(int v, String flag) {
    if (v < 1) {
      throw new UsageException(flag + ": must be at least 1 second");
    }
  }
}
