package dev.capfleet.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the SSH client trusts hosts and authenticates; one per {@link SshExecutor}.
 *
 * <p>Nothing here is read from the user's {@code ~/.ssh} implicitly: the CLI passes every path.
 *
 * @param knownHostsFile the known_hosts file to check host keys against (and append to)
 * @param acceptNewHostKeys trust an unknown host key on first use and append it; a changed key is
 *     never accepted
 * @param defaultUser login user for targets without one; null means {@code user.name}
 * @param identityFiles private keys tried for targets without their own key
 * @param passphrase gives the passphrase for encrypted keys (asked at most once per key file), or
 *     null; its value never reaches a message, a log or an exception
 * @param agentSocket ssh-agent socket to use, or null for none
 * @param kex key exchange preference; null means {@link KexPreference#FAST}
 */
public record SshSettings(
    Path knownHostsFile,
    boolean acceptNewHostKeys,
    String defaultUser,
    List<Path> identityFiles,
    Supplier<String> passphrase,
    Path agentSocket,
    KexPreference kex) {

  /** Environment variable the CLI reads the key passphrase from. */
  public static final String PASSPHRASE_ENV = "CAPFLEET_KEY_PASSPHRASE";

  public static final String AGENT_ENV = "SSH_AUTH_SOCK";

  public SshSettings {
    Objects.requireNonNull(knownHostsFile, "knownHostsFile");
    defaultUser =
        defaultUser == null || defaultUser.isBlank()
            ? System.getProperty("user.name")
            : defaultUser;
    identityFiles = identityFiles == null ? List.of() : List.copyOf(identityFiles);
    kex = kex == null ? KexPreference.FAST : kex;
  }

  /** Strict checking against {@code knownHostsFile}, no keys, no agent, no passphrase. */
  public static SshSettings strict(Path knownHostsFile) {
    return new SshSettings(knownHostsFile, false, null, List.of(), null, null, null);
  }

  /**
   * Takes the passphrase from {@value #PASSPHRASE_ENV} and the agent from {@value #AGENT_ENV} in
   * {@code env} (pass {@code System.getenv()} from the CLI).
   */
  public SshSettings withEnvironment(Map<String, String> env) {
    String pass = env.get(PASSPHRASE_ENV);
    String sock = env.get(AGENT_ENV);
    return new SshSettings(
        knownHostsFile,
        acceptNewHostKeys,
        defaultUser,
        identityFiles,
        pass == null ? passphrase : () -> pass,
        sock == null || sock.isBlank() ? agentSocket : Path.of(sock),
        kex);
  }

  public SshSettings withAcceptNewHostKeys(boolean accept) {
    return new SshSettings(
        knownHostsFile, accept, defaultUser, identityFiles, passphrase, agentSocket, kex);
  }

  public SshSettings withDefaultUser(String user) {
    return new SshSettings(
        knownHostsFile, acceptNewHostKeys, user, identityFiles, passphrase, agentSocket, kex);
  }

  public SshSettings withIdentityFiles(List<Path> files) {
    return new SshSettings(
        knownHostsFile, acceptNewHostKeys, defaultUser, files, passphrase, agentSocket, kex);
  }

  public SshSettings withPassphrase(Supplier<String> source) {
    return new SshSettings(
        knownHostsFile, acceptNewHostKeys, defaultUser, identityFiles, source, agentSocket, kex);
  }

  public SshSettings withAgentSocket(Path socket) {
    return new SshSettings(
        knownHostsFile, acceptNewHostKeys, defaultUser, identityFiles, passphrase, socket, kex);
  }

  public SshSettings withKex(KexPreference preference) {
    return new SshSettings(
        knownHostsFile,
        acceptNewHostKeys,
        defaultUser,
        identityFiles,
        passphrase,
        agentSocket,
        preference);
  }

  /** Never shows the passphrase, only whether one is configured. */
  @Override
  public String toString() {
    return "SshSettings[knownHostsFile="
        + knownHostsFile
        + ", acceptNewHostKeys="
        + acceptNewHostKeys
        + ", defaultUser="
        + defaultUser
        + ", identityFiles="
        + identityFiles
        + ", passphrase="
        + (passphrase == null ? "none" : "set")
        + ", agentSocket="
        + agentSocket
        + ", kex="
        + kex
        + "]";
  }
}
