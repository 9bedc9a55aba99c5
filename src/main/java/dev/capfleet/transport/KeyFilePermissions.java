package dev.capfleet.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * OpenSSH's rule for private key files: a key of ours that group or others may access is refused
 * ("UNPROTECTED PRIVATE KEY FILE!"), because anyone who could read it may already hold it. capfleet
 * refuses it as well, so a key that works for Ansible (which runs OpenSSH) works here and a leaked
 * one does not.
 */
final class KeyFilePermissions {
  private KeyFilePermissions() {}

  /**
   * Why the file is too open, or null when it is private (or the file system has no POSIX modes).
   */
  static String tooOpen(Path key) {
    try {
      if (!Files.getOwner(key).getName().equals(System.getProperty("user.name"))) {
        return null; // as in OpenSSH: only our own keys are checked (root reading a service's key
        // is fine)
      }
      int mode = mode(Files.getPosixFilePermissions(key));
      if ((mode & 0077) == 0) {
        return null;
      }
      return String.format(
          "private key %s is accessible by others (mode %04o); ignored, as OpenSSH ignores it: "
              + "chmod 600 %s",
          key, mode, key);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null; // no POSIX owner or mode here: nothing to check, the key is read as usual
    }
  }

  private static int mode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 and bit 0400
    }
    return mode;
  }
}
