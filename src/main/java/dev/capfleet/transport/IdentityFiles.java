package dev.capfleet.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Private key files, each read and decrypted once and then shared by every session (decrypting a
 * bcrypt-protected OpenSSH key costs tens of milliseconds; a fleet would pay it per host).
 *
 * <p>Problems are reported in our own words: a library's exception text is never passed on, so the
 * passphrase cannot leak through it.
 */
final class IdentityFiles {
  /** OpenSSH's own bound on a key file (authfile.c); real keys are a few kilobytes. */
  static final int MAX_KEY_BYTES = 1024 * 1024;

  /** A key file on a hung network file system ends as that host's problem, not a stuck scan. */
  static final java.time.Duration READ_TIMEOUT = java.time.Duration.ofSeconds(5);

  private final Supplier<String> passphrase;
  private final ConcurrentHashMap<Path, Loaded> cache = new ConcurrentHashMap<>();

  /**
   * One file's keys, or why there are none.
   *
   * @param path the file
   * @param keys usable key pairs (empty when {@code problem} is set)
   * @param problem a message for the outcome, or null
   */
  record Loaded(Path path, List<KeyPair> keys, String problem) {}

  IdentityFiles(Supplier<String> passphrase) {
    this.passphrase = passphrase;
  }

  Loaded load(Path path) {
    return cache.computeIfAbsent(path.toAbsolutePath().normalize(), this::read);
  }

  List<Loaded> loadAll(List<Path> paths) {
    List<Loaded> all = new ArrayList<>(paths.size());
    for (Path p : paths) {
      all.add(load(p));
    }
    return all;
  }

  private Loaded read(Path path) {
    OnceProvider provider = new OnceProvider();
    try {
      if (Files.isDirectory(path)) {
        return problem(path, path + " is a directory, not a private key");
      }
      if (!Files.isReadable(path)) {
        return problem(path, "private key " + path + " is missing or unreadable");
      }
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attrs.isRegularFile()) {
        // /dev/zero would fill the heap and a FIFO would block the scan before any host is
        // contacted
        return problem(path, "private key " + path + " is not a regular file");
      }
      if (attrs.size() > MAX_KEY_BYTES) {
        return problem(path, "private key " + path + " is larger than " + MAX_KEY_BYTES + " bytes");
      }
      // the format before the mode: a .pub file is no key to chmod, it is the wrong half of the
      // pair
      String publicKey = PublicKeyFiles.problem(path);
      if (publicKey != null) {
        return problem(path, publicKey);
      }
      String loose = KeyFilePermissions.tooOpen(path);
      if (loose != null) {
        return problem(path, loose);
      }
      byte[] text = BoundedRead.read(path, MAX_KEY_BYTES, READ_TIMEOUT);
      if (text == null) {
        return problem(
            path,
            "private key "
                + path
                + " is larger than "
                + MAX_KEY_BYTES
                + " bytes or could not be read within "
                + READ_TIMEOUT.toSeconds()
                + " s");
      }
      Collection<KeyPair> keys =
          SecurityUtils.getKeyPairResourceParser()
              .loadKeyPairs(
                  null,
                  NamedResource.ofName(path.toString()),
                  provider,
                  new java.io.ByteArrayInputStream(text));
      if (keys == null || keys.isEmpty()) {
        return problem(path, notAKey(path));
      }
      return new Loaded(path, List.copyOf(keys), null);
    } catch (NoSuchFileException e) {
      return problem(path, "private key " + path + " is missing");
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (provider.asked && !provider.given) {
        return problem(
            path,
            "private key "
                + path
                + " is encrypted and no passphrase was given (set "
                + SshSettings.PASSPHRASE_ENV
                + ", or run on a terminal to be asked)");
      }
      if (provider.asked) {
        return problem(path, "cannot decrypt private key " + path + ": wrong passphrase");
      }
      return problem(path, notAKey(path));
    }
  }

  private static String notAKey(Path path) {
    return "cannot read private key " + path + ": not a key in OpenSSH or PEM format";
  }

  private static Loaded problem(Path path, String message) {
    return new Loaded(path, List.of(), message);
  }

  /**
   * Hands out the passphrase once per file and never retries with it; remembers whether there was
   * one.
   */
  private final class OnceProvider implements FilePasswordProvider {
    private volatile boolean asked;
    private volatile boolean given;

    @Override
    public String getPassword(SessionContext session, NamedResource resource, int retryIndex) {
      asked = true;
      String p = passphrase == null ? null : passphrase.get();
      given = p != null;
      return p;
    }

    @Override
    public ResourceDecodeResult handleDecodeAttemptResult(
        SessionContext session,
        NamedResource resource,
        int retryIndex,
        String password,
        Exception err) {
      return ResourceDecodeResult.TERMINATE;
    }
  }
}
