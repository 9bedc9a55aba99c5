package dev.capfleet.probe;

import dev.capfleet.core.Mount;
import java.util.Optional;

/** Reads {@code findmnt -n -o TARGET,FSTYPE,OPTIONS -T BIN}: the mount that holds the binary. */
public final class FindmntParser {
  private FindmntParser() {}

  /**
   * The first line's last word is the options and the one before it the type; the target is
   * everything before those, so a mount point with spaces (findmnt prints them raw) survives. The
   * device is not asked for: "".
   */
  public static Optional<Mount> parse(String output) {
    if (output == null) {
      return Optional.empty();
    }
    String line = Lines.first(output);
    int lastSpace = line.lastIndexOf(' ');
    if (lastSpace < 0) {
      return Optional.empty();
    }
    String options = line.substring(lastSpace + 1);
    String rest = line.substring(0, lastSpace).stripTrailing();
    int typeSpace = rest.lastIndexOf(' ');
    if (typeSpace < 0) {
      return Optional.empty();
    }
    String fsType = rest.substring(typeSpace + 1);
    String target = MountsParser.decode(rest.substring(0, typeSpace).strip().replace("\\x20", " "));
    if (!target.startsWith("/")
        || !fsType.matches("[A-Za-z0-9_.+-]{1,64}")
        || options.indexOf('/') >= 0) {
      return Optional.empty();
    }
    return Optional.of(new Mount("", target, fsType, MountsParser.options(options)));
  }
}
