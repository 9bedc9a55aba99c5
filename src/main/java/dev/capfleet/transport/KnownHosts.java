package dev.capfleet.transport;

import dev.capfleet.transport.KnownHostsIndex.Line;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * An OpenSSH known_hosts file: plain and hashed ({@code |1|salt|hash}) host patterns, {@code
 * [host]:port} for other ports, {@code @revoked} lines. {@code @cert-authority} lines are ignored
 * (host certificates are not supported). Re-read when the file changes; thread-safe.
 */
final class KnownHosts {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Object lock = new Object();
  private final java.util.concurrent.atomic.AtomicInteger parses =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile Snapshot snapshot = new Snapshot(null, new KnownHostsIndex(), 0);

  /** The parsed file as of {@code stamp}; {@code lineCount} counts every line, used or not. */
  private record Snapshot(String stamp, KnownHostsIndex lines, int lineCount) {}

  KnownHosts(Path file) {
    this.file = file.toAbsolutePath();
  }

  Path file() {
    return file;
  }

  /** How many times the whole file was parsed (appending our own keys does not count). */
  int parses() {
    return parses.get();
  }

  /** Key types known for the host, e.g. {@code ssh-ed25519}, in file order. */
  Set<String> keyTypes(String host, int port) {
    return current().lines().matching(HostPatterns.hostKeyName(host, port)).stream()
        .filter(l -> !l.revoked())
        .map(l -> KeyUtils.getKeyType(l.key()))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  HostKeyVerdict check(String host, int port, PublicKey offered) {
    return check(current(), host, port, offered);
  }

  /**
   * Trusts {@code offered} on first use: appends it (hashed, as Debian's OpenSSH does) unless,
   * meanwhile, a key for the host arrived. Returns the verdict that holds after the call.
   */
  HostKeyVerdict trustOnFirstUse(String host, int port, PublicKey offered) throws IOException {
    synchronized (lock) {
      Snapshot now = reload();
      HostKeyVerdict verdict = check(now, host, port, offered);
      if (verdict.kind() != HostKeyVerdict.Kind.UNKNOWN) {
        return verdict;
      }
      String line = hashedLine(host, port, offered);
      append(line);
      // Extend the parsed index instead of re-reading: re-parsing a 20,000-line file per new host
      // made --accept-new-host-keys quadratic. Only our own append may lie between the stamps, and
      // as we hashed the name ourselves the line can be filed under it.
      Line added = parse(now.lineCount() + 1, line);
      if (added != null) {
        now.lines().add(added, HostPatterns.hostKeyName(host, port));
      }
      snapshot = new Snapshot(stamp(), now.lines(), now.lineCount() + 1);
      return new HostKeyVerdict(
          HostKeyVerdict.Kind.ADDED, verdict.offered(), "added to known_hosts " + file);
    }
  }

  private HostKeyVerdict check(Snapshot snap, String host, int port, PublicKey offered) {
    String shown = Fingerprints.describe(offered);
    List<Line> known = new ArrayList<>();
    for (Line l : snap.lines().matching(HostPatterns.hostKeyName(host, port))) {
      if (l.revoked()) {
        if (KeyUtils.compareKeys(l.key(), offered)) {
          return new HostKeyVerdict(
              HostKeyVerdict.Kind.REVOKED, shown, "marked @revoked on line " + l.number());
        }
      } else {
        known.add(l);
      }
    }
    for (Line l : known) {
      if (KeyUtils.compareKeys(l.key(), offered)) {
        return new HostKeyVerdict(HostKeyVerdict.Kind.TRUSTED, shown, "");
      }
    }
    if (known.isEmpty()) {
      return new HostKeyVerdict(HostKeyVerdict.Kind.UNKNOWN, shown, "");
    }
    String held =
        known.stream()
            .map(l -> Fingerprints.describe(l.key()) + " (line " + l.number() + ")")
            .collect(Collectors.joining(", "));
    return new HostKeyVerdict(HostKeyVerdict.Kind.CHANGED, shown, "known_hosts has " + held);
  }

  private Snapshot current() {
    Snapshot snap = snapshot;
    String stamp = stamp();
    if (stamp != null && stamp.equals(snap.stamp())) {
      return snap;
    }
    synchronized (lock) {
      return reload();
    }
  }

  private Snapshot reload() {
    String stamp = stamp();
    if (stamp == null) {
      snapshot = new Snapshot(null, new KnownHostsIndex(), 0);
      return snapshot;
    }
    if (stamp.equals(snapshot.stamp())) {
      return snapshot;
    }
    parses.incrementAndGet();
    KnownHostsIndex lines = new KnownHostsIndex();
    int count = 0;
    try {
      List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
      count = text.size();
      for (int i = 0; i < text.size(); i++) {
        Line line = parse(i + 1, text.get(i));
        if (line != null) {
          lines.add(line, null);
        }
      }
    } catch (IOException e) {
      // unreadable: every key is unknown, which is the safe reading
      lines = new KnownHostsIndex();
    }
    snapshot = new Snapshot(stamp, lines, count);
    return snapshot;
  }

  private static Line parse(int number, String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return null;
    }
    try {
      KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(trimmed);
      if (entry == null || entry.getKeyEntry() == null) {
        return null;
      }
      String marker = entry.getMarker();
      if (marker != null && !marker.equals("revoked")) {
        return null; // @cert-authority: certificates are not supported
      }
      PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
      String[] fields = trimmed.split("\\s+");
      String patterns = fields[marker == null ? 0 : 1];
      if (key == null) {
        return null;
      }
      if (patterns.startsWith("|")) {
        HashedName hashed = HashedName.parse(patterns);
        return hashed == null ? null : new Line(number, hashed, null, key, marker != null);
      }
      return Line.plain(number, patterns, key, marker != null);
    } catch (Exception e) {
      return null; // a line OpenSSH would also skip (unknown key type, bad base64)
    }
  }

  private String stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String hashedLine(String host, int port, PublicKey key) throws IOException {
    try {
      byte[] salt = new byte[HashedName.SALT_BYTES];
      RANDOM.nextBytes(salt);
      StringBuilder sb =
          new StringBuilder(HashedName.of(salt, HostPatterns.hostKeyName(host, port)));
      sb.append(' ');
      PublicKeyEntry.appendPublicKeyEntry(sb, key);
      return sb.toString();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot hash host name for known_hosts", e);
    }
  }

  private void append(String line) throws IOException {
    Path dir = file.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    boolean needsNewline = false;
    long size = Files.size(file);
    if (size > 0) {
      try (var ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
        ch.position(size - 1);
        var last = java.nio.ByteBuffer.allocate(1);
        ch.read(last);
        needsNewline = last.get(0) != '\n';
      }
    }
    String text = (needsNewline ? "\n" : "") + line + "\n";
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
