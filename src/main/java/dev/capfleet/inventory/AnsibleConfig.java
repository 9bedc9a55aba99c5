package dev.capfleet.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of {@code ansible.cfg} (and their {@code ANSIBLE_*} variables, which win over the
 * file) that map to capfleet's: found as Ansible finds it ({@code ANSIBLE_CONFIG}, {@code
 * ./ansible.cfg} unless the directory is world-writable, {@code ~/.ansible.cfg}, {@code
 * /etc/ansible/ansible.cfg}; the first that exists). Relative paths in the file are taken from the
 * file's directory, as Ansible's config manager resolves them.
 */
public final class AnsibleConfig {
  /** A setting: its {@code [section] key} in the file and its environment variable. */
  private record Setting(String section, String key, String env) {}

  private static final Setting INVENTORY =
      new Setting("defaults", "inventory", "ANSIBLE_INVENTORY");
  private static final Setting REMOTE_USER =
      new Setting("defaults", "remote_user", "ANSIBLE_REMOTE_USER");
  private static final Setting REMOTE_PORT =
      new Setting("defaults", "remote_port", "ANSIBLE_REMOTE_PORT");
  private static final Setting PRIVATE_KEY =
      new Setting("defaults", "private_key_file", "ANSIBLE_PRIVATE_KEY_FILE");
  private static final Setting FORKS = new Setting("defaults", "forks", "ANSIBLE_FORKS");
  private static final Setting TIMEOUT = new Setting("defaults", "timeout", "ANSIBLE_TIMEOUT");
  private static final Setting HOST_KEY_CHECKING =
      new Setting("defaults", "host_key_checking", "ANSIBLE_HOST_KEY_CHECKING");
  private static final Setting PLAYBOOK_DIR =
      new Setting("defaults", "playbook_dir", "ANSIBLE_PLAYBOOK_DIR");
  private static final Setting SSH_ARGS =
      new Setting("ssh_connection", "ssh_args", "ANSIBLE_SSH_ARGS");
  private static final Setting SSH_COMMON_ARGS =
      new Setting("ssh_connection", "ssh_common_args", "ANSIBLE_SSH_COMMON_ARGS");
  private static final Setting SSH_EXTRA_ARGS =
      new Setting("ssh_connection", "ssh_extra_args", "ANSIBLE_SSH_EXTRA_ARGS");

  private final Path file;
  private final Map<String, Map<String, String>> sections;
  private final Map<String, String> env;

  private AnsibleConfig(
      Path file, Map<String, Map<String, String>> sections, Map<String, String> env) {
    this.file = file;
    this.sections = sections;
    this.env = env;
  }

  /** The configuration Ansible would use here; the environment alone when no file exists. */
  public static AnsibleConfig find(Map<String, String> env, Path cwd, Path home) {
    Optional<Path> file = locate(env, cwd, home);
    return file.isPresent() ? load(file.get(), env) : new AnsibleConfig(null, Map.of(), env);
  }

  /** Ansible's {@code find_ini_config_file}: the first candidate that exists and can be read. */
  static Optional<Path> locate(Map<String, String> env, Path cwd, Path home) {
    List<Path> candidates = new ArrayList<>();
    String fromEnv = env.get("ANSIBLE_CONFIG");
    if (fromEnv != null) {
      Path p = expand(fromEnv, home == null ? cwd : home, cwd);
      candidates.add(Files.isDirectory(p) ? p.resolve("ansible.cfg") : p);
    }
    if (!worldWritable(cwd)) {
      candidates.add(cwd.resolve("ansible.cfg"));
    }
    if (home != null) {
      candidates.add(home.resolve(".ansible.cfg"));
    }
    candidates.add(Path.of("/etc/ansible/ansible.cfg"));
    return candidates.stream().filter(p -> Files.exists(p) && Files.isReadable(p)).findFirst();
  }

  private static boolean worldWritable(Path dir) {
    try {
      return Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE);
    } catch (IOException | UnsupportedOperationException e) {
      return true; // a directory we cannot inspect is not trusted either
    }
  }

  /** Reads a file as Python's {@code ConfigParser(inline_comment_prefixes=(';',))} does. */
  public static AnsibleConfig load(Path file, Map<String, String> env) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InventoryException(file, 0, "cannot read ansible.cfg: " + e.getMessage());
    }
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> section = null;
    String lastKey = null;
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (Character.isWhitespace(raw.charAt(0)) && lastKey != null && section != null) {
        section.merge(lastKey, "\n" + uncomment(line), String::concat); // a continuation line
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section =
            sections.computeIfAbsent(
                line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
        lastKey = null;
        continue;
      }
      if (section == null) {
        throw new InventoryException(
            file, i + 1, "ansible.cfg: a setting before the first [section]");
      }
      int eq = firstOf(line, '=', ':');
      if (eq <= 0) {
        throw new InventoryException(
            file, i + 1, "ansible.cfg: expected 'key = value', got '" + line + "'");
      }
      lastKey = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      section.put(lastKey, uncomment(line.substring(eq + 1)).strip());
    }
    return new AnsibleConfig(file, sections, env);
  }

  private static int firstOf(String line, char a, char b) {
    int x = line.indexOf(a);
    int y = line.indexOf(b);
    return x < 0 ? y : y < 0 ? x : Math.min(x, y);
  }

  /** ConfigParser's inline comments: a {@code ;} after whitespace starts one. */
  private static String uncomment(String value) {
    for (int i = 1; i < value.length(); i++) {
      if (value.charAt(i) == ';' && Character.isWhitespace(value.charAt(i - 1))) {
        return value.substring(0, i).strip();
      }
    }
    return value;
  }

  /** The file read, if any (for messages). */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** {@code inventory}: the sources to read when no {@code -i} is given (comma-separated paths). */
  public List<String> inventory() {
    return raw(INVENTORY)
        .map(
            v -> {
              List<String> out = new ArrayList<>();
              for (String s : v.split(",")) {
                if (!s.isBlank()) {
                  out.add(resolve(INVENTORY, s.strip()).toString());
                }
              }
              return out;
            })
        .orElse(List.of());
  }

  public Optional<String> remoteUser() {
    return raw(REMOTE_USER);
  }

  public Optional<Integer> remotePort() {
    return integer(REMOTE_PORT, 1, 65535);
  }

  public Optional<Path> privateKeyFile() {
    return raw(PRIVATE_KEY).map(v -> resolve(PRIVATE_KEY, v));
  }

  public Optional<Integer> forks() {
    return integer(FORKS, 1, 10_000);
  }

  /** {@code timeout}: the SSH connect timeout in seconds. */
  public Optional<Integer> timeout() {
    return integer(TIMEOUT, 1, 86_400);
  }

  /** {@code host_key_checking}; capfleet never relaxes for it, it only warns. */
  public Optional<Boolean> hostKeyChecking() {
    return raw(HOST_KEY_CHECKING)
        .map(
            v -> {
              String b = v.strip().toLowerCase(Locale.ROOT);
              if (List.of("y", "yes", "on", "1", "true", "t").contains(b)) {
                return true;
              }
              if (List.of("n", "no", "off", "0", "false", "f", "").contains(b)) {
                return false;
              }
              throw error(HOST_KEY_CHECKING, "is '" + v + "', not a boolean");
            });
  }

  public Optional<Path> playbookDir() {
    return raw(PLAYBOOK_DIR).map(v -> resolve(PLAYBOOK_DIR, v));
  }

  /**
   * {@code ssh_args}, {@code ssh_common_args} and {@code ssh_extra_args} by those names, where set.
   */
  public Map<String, String> sshArgs() {
    Map<String, String> args = new LinkedHashMap<>();
    for (Setting s : List.of(SSH_ARGS, SSH_COMMON_ARGS, SSH_EXTRA_ARGS)) {
      raw(s).ifPresent(v -> args.put(s.key, v));
    }
    return args;
  }

  /** Where a setting came from, for messages: the variable or {@code file [section] key}. */
  public String origin(String key) {
    for (Setting s :
        List.of(
            INVENTORY,
            REMOTE_USER,
            REMOTE_PORT,
            PRIVATE_KEY,
            FORKS,
            TIMEOUT,
            HOST_KEY_CHECKING,
            PLAYBOOK_DIR,
            SSH_ARGS,
            SSH_COMMON_ARGS,
            SSH_EXTRA_ARGS)) {
      if (s.key.equals(key)) {
        return origin(s);
      }
    }
    return key;
  }

  private String origin(Setting s) {
    return env.get(s.env) != null
        ? "environment variable " + s.env
        : file + " [" + s.section + "] " + s.key;
  }

  private Optional<String> raw(Setting s) {
    String v = env.get(s.env);
    if (v != null) {
      return Optional.of(v);
    }
    Map<String, String> section = sections.get(s.section);
    return Optional.ofNullable(section == null ? null : section.get(s.key));
  }

  private Optional<Integer> integer(Setting s, int min, int max) {
    return raw(s)
        .map(
            v -> {
              try {
                int n = Integer.parseInt(v.strip());
                if (n >= min && n <= max) {
                  return n;
                }
              } catch (NumberFormatException e) {
                // reported below
              }
              throw error(s, "is '" + v + "', not a number from " + min + " to " + max);
            });
  }

  private InventoryException error(Setting s, String problem) {
    return new InventoryException(origin(s) + " " + problem);
  }

  /**
   * A path setting: {@code ~} is the home, a relative path is taken from the file's directory (or
   * cwd).
   */
  private Path resolve(Setting s, String value) {
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    Path base =
        env.get(s.env) == null && file != null ? file.toAbsolutePath().getParent() : Path.of("");
    try {
      return expand(value, home, base);
    } catch (InvalidPathException e) {
      throw error(s, "is not a path: '" + value + "'");
    }
  }

  private static Path expand(String value, Path home, Path base) {
    if (value.equals("~") || value.startsWith("~/")) {
      return Path.of(home + value.substring(1));
    }
    return base.resolve(value);
  }
}
