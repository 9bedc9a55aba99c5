package dev.capfleet.cli;

import dev.capfleet.transport.SshConfig;
import dev.capfleet.transport.SshConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code -F FILE}: the OpenSSH client configuration, as ssh's own {@code -F} ({@code none} reads
 * none).
 */
public final class SshConfigOption {
  @Option(
      names = "-F",
      paramLabel = "SSH_CONFIG",
      description =
          "OpenSSH client configuration to apply (default: ~/.ssh/config; none: no file).")
  String file;

  /**
   * The configuration: {@code -F}, else {@code $HOME/.ssh/config} when it exists. HOME is read from
   * the environment given to the command, so a test's empty environment never reads the developer's
   * file.
   */
  SshConfig load(Map<String, String> env) {
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    try {
      if (file != null) {
        if (file.equals("none")) {
          return SshConfig.NONE;
        }
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
          throw new UsageException("-F: " + file + " is not a readable file");
        }
        return SshConfig.read(p, home);
      }
      if (env.get("HOME") == null) {
        return SshConfig.NONE;
      }
      Path dflt = home.resolve(".ssh").resolve("config");
      return Files.isRegularFile(dflt) ? SshConfig.read(dflt, home) : SshConfig.NONE;
    } catch (SshConfigException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
