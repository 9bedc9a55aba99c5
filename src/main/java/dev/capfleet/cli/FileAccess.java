package dev.capfleet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Why this process cannot read a file, in the terms a user fixes it by: owner, group, mode and who
 * we run as.
 */
final class FileAccess {
  private FileAccess() {}

  static String whyUnreadable(Path file) {
    String me = System.getProperty("user.name");
    try {
      PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
      String owner = a.owner().getName();
      String mode = PosixFilePermissions.toString(a.permissions());
      if (!owner.equals(me)) {
        return "it belongs to "
            + owner
            + ":"
            + a.group().getName()
            + " ("
            + mode
            + ") and capfleet runs as "
            + me
            + ": run capfleet as "
            + owner
            + ", or give "
            + me
            + " its own key (copy it with install -m 600 -o "
            + me
            + ")";
      }
      return "its mode is " + mode + " (owner " + owner + "): chmod 600 " + file;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return "permission denied for " + me + " (a folder on the way may not be searchable)";
    }
  }
}
