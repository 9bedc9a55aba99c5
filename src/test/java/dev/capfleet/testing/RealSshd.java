package dev.capfleet.testing;

import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenSSH {@code sshd} on a loopback address, started by a test as a child process with its
 * own generated host keys and config. Never touches {@code ~/.ssh} or {@code /etc/ssh}.
 *
 * <pre>{@code
 * @ExtendWith(RealSshd.StopAll.class)              // kills every sshd after the class
 * class MyTest {
 *   @BeforeAll static void needsSshd() { RealSshd.assumeAvailable(); }
 *
 *   @Test void runs(@TempDir Path dir) {
 *     KeyFile me = SshKeys.generate(dir, "id_ed25519", SshKeys.Type.ED25519);
 *     RealSshd sshd = RealSshd.builder(dir)
 *         .address("127.0.7.1")                     // port: a free one, or .port(22)
 *         .hostKeys(SshKeys.Type.ED25519)           // default: ED25519, ECDSA, RSA
 *         .authorize("root", me.publicKey())        // or RealSshd.AUDIT_USER
 *         .forceCommand("sleep 600")                // optional
 *         .config("MaxAuthTries 2")                 // optional, wins over the defaults
 *         .namespaceSetup("mount -t tmpfs -o nosuid none /mnt")  // optional: own mount namespace
 *         .start();
 *     Files.write(dir.resolve("known_hosts"), sshd.knownHostsLines());
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Policy: without {@code /usr/sbin/sshd} (or without root) tests are skipped, except with {@code
 * CI=true}, where they fail. The harness creates {@code /run/sshd} (privilege separation) if it is
 * missing, and makes the directory it is given world-traversable so sshd can read a non-root user's
 * {@code authorized_keys} there.
 */
public final class RealSshd implements AutoCloseable {
  public static final Path SSHD = Path.of("/usr/sbin/sshd");

  /** Non-root account for audits; {@code .ci/run} creates it. See {@link #auditUserReady()}. */
  public static final String AUDIT_USER = "capfleet-audit";

  private static final Set<RealSshd> RUNNING = ConcurrentHashMap.newKeySet();

  private final Process process;
  private final String address;
  private final int port;
  private final Map<Type, KeyFile> hostKeys;
  private final Path log;

  private RealSshd(
      Process process, String address, int port, Map<Type, KeyFile> hostKeys, Path log) {
    this.process = process;
    this.address = address;
    this.port = port;
    this.hostKeys = hostKeys;
    this.log = log;
  }

  /**
   * Skips the calling test because a tool or account it needs is missing here; fails instead when
   * {@code CI=true}, where .ci/run installs everything, so that a missing part can never pass a CI
   * run unnoticed.
   */
  public static void skipOutsideCi(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(why);
    }
    Assumptions.abort(why);
  }

  /** Skips the calling test when sshd cannot run here; fails instead when {@code CI=true}. */
  public static void assumeAvailable() {
    String why = null;
    if (!Files.isExecutable(SSHD)) {
      why = SSHD + " is not installed (apt-get install openssh-server)";
    } else if (!"root".equals(System.getProperty("user.name"))) {
      why = "sshd tests need root (sshd must switch users)";
    }
    if (why != null) {
      skipOutsideCi(why);
    }
    try {
      Files.createDirectories(Path.of("/run/sshd"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create /run/sshd", e);
    }
  }

  /**
   * True when {@link #AUDIT_USER} exists and sshd will let it log in. {@code useradd} leaves the
   * password field {@code !} (locked) and sshd without PAM refuses locked accounts; {@code usermod
   * -p '*' capfleet-audit} unlocks it for key logins without allowing any password.
   */
  public static boolean auditUserReady() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/shadow"))) {
        if (line.startsWith(AUDIT_USER + ":")) {
          return !line.split(":", -1)[1].startsWith("!");
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The user tests should log in as: {@link #AUDIT_USER} when it is ready (a plain {@code /bin/sh}
   * account, as audits use), else root. Root's login shell may read a slow {@code ~/.bashrc}.
   */
  public static String loginUser() {
    return auditUserReady() ? AUDIT_USER : "root";
  }

  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  public String address() {
    return address;
  }

  public int port() {
    return port;
  }

  /** {@code address:port}, IPv6 literals in brackets. */
  public String endpoint() {
    return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
  }

  public KeyFile hostKey(Type type) {
    KeyFile k = hostKeys.get(type);
    if (k == null) {
      throw new IllegalArgumentException("sshd has no " + type + " host key");
    }
    return k;
  }

  public List<KeyFile> hostKeys() {
    return List.copyOf(hostKeys.values());
  }

  /** How OpenSSH names this server in known_hosts: {@code addr} on 22, else {@code [addr]:port}. */
  public String knownHostsName() {
    return port == 22 && address.indexOf(':') < 0 ? address : "[" + address + "]:" + port;
  }

  /** A plain known_hosts line for one host key. */
  public String knownHostsLine(Type type) {
    return knownHostsName() + " " + hostKey(type).publicLine();
  }

  /** Plain known_hosts lines for every host key. */
  public List<String> knownHostsLines() {
    List<String> lines = new ArrayList<>();
    for (Type t : hostKeys.keySet()) {
      lines.add(knownHostsLine(t));
    }
    return lines;
  }

  /** sshd's own log ({@code -e}): read it when a test fails. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills sshd and every session process it started. */
  @Override
  public void close() {
    RUNNING.remove(this);
    Processes.killTree(process.toHandle());
  }

  /** Kills every sshd still running in this JVM. */
  public static void stopAll() {
    for (RealSshd s : List.copyOf(RUNNING)) {
      s.close();
    }
  }

  /** {@code @ExtendWith(RealSshd.StopAll.class)}: stops all sshd processes after the class. */
  public static final class StopAll implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
      stopAll();
    }
  }

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(RealSshd::stopAll, "real-sshd-stop"));
  }

  /** Collects the server's settings; {@link #start()} launches it and waits for its banner. */
  public static final class Builder {
    private final Path dir;
    private String address = "127.0.0.1";
    private int port;
    private Set<Type> keyTypes = EnumSet.allOf(Type.class);
    private final Map<Type, KeyFile> givenKeys = new LinkedHashMap<>();
    private final Map<String, List<Path>> authorized = new LinkedHashMap<>();
    private String forceCommand;
    private final List<String> config = new ArrayList<>();
    private String namespaceSetup;
    private String dropBounding;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** A loopback address such as {@code 127.0.7.1}; each server can have its own. */
    public Builder address(String loopback) {
      this.address = loopback;
      return this;
    }

    /** A fixed port (22 works on an address of its own); default: a free port. */
    public Builder port(int fixed) {
      this.port = fixed;
      return this;
    }

    /** Host key types to generate, in the order known_hosts lines list them. */
    public Builder hostKeys(Type... types) {
      this.keyTypes = types.length == 0 ? EnumSet.noneOf(Type.class) : EnumSet.of(types[0], types);
      return this;
    }

    /** Reuses existing host keys (e.g. to run two servers with the same identity). */
    public Builder hostKeyFiles(KeyFile... keys) {
      for (KeyFile k : keys) {
        givenKeys.put(k.type(), k);
      }
      keyTypes = givenKeys.keySet();
      return this;
    }

    /** Lets {@code user} log in with these public keys ({@code .pub} files). */
    public Builder authorize(String user, Path... publicKeys) {
      authorized.computeIfAbsent(user, u -> new ArrayList<>()).addAll(List.of(publicKeys));
      return this;
    }

    /** Lets {@link #loginUser()} (and root) log in with these public keys. */
    public Builder authorizeLogin(Path... publicKeys) {
      authorize("root", publicKeys);
      if (auditUserReady()) {
        authorize(AUDIT_USER, publicKeys);
      }
      return this;
    }

    /** Runs this command for every session instead of the requested one. */
    public Builder forceCommand(String command) {
      this.forceCommand = command;
      return this;
    }

    /** An sshd_config line; these come first, so they win over the harness defaults. */
    public Builder config(String line) {
      config.add(line);
      return this;
    }

    /**
     * Shell commands run in a private mount namespace ({@code unshare -m --propagation private})
     * before sshd starts there: mounts and file capabilities the test sets up are seen only by this
     * server's sessions.
     */
    public Builder namespaceSetup(String shell) {
      this.namespaceSetup = shell;
      return this;
    }

    /**
     * Starts sshd under {@code capsh --drop=CAPS}, so every session's bounding set lacks them, as
     * in a container or a unit with CapabilityBoundingSet=. {@code caps} is capsh's comma-separated
     * list.
     */
    public Builder dropBoundingSet(String caps) {
      this.dropBounding = caps;
      return this;
    }

    public RealSshd start() {
      assumeAvailable();
      try {
        return SshdLauncher.launch(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Path dir() {
      return dir;
    }

    String address() {
      return address;
    }

    int port() {
      return port;
    }

    Set<Type> keyTypes() {
      return keyTypes;
    }

    Map<Type, KeyFile> givenKeys() {
      return givenKeys;
    }

    Map<String, List<Path>> authorized() {
      return authorized;
    }

    String forceCommand() {
      return forceCommand;
    }

    List<String> config() {
      return config;
    }

    String dropBounding() {
      return dropBounding;
    }

    String namespaceSetup() {
      return namespaceSetup;
    }
  }

  static RealSshd started(
      Process process, String address, int port, Map<Type, KeyFile> keys, Path log) {
    RealSshd s = new RealSshd(process, address, port, keys, log);
    RUNNING.add(s);
    return s;
  }

  /** A free TCP port on {@code address} (the OS picks it; sshd binds it right after). */
  static int freePort(String address) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return s.getLocalPort();
    }
  }

  /** True once the server sends its {@code SSH-2.0-} banner. */
  static boolean answers(String address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 500);
      s.setSoTimeout(1000);
      InputStream in = s.getInputStream();
      byte[] banner = new byte[4];
      int n = in.readNBytes(banner, 0, 4);
      return n == 4 && new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
    } catch (IOException e) {
      return false;
    }
  }

  static void makeTraversable(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
