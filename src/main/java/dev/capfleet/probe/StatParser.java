package dev.capfleet.probe;

import java.util.Optional;

/**
 * Reads {@code stat -L -c '%a|%U|%G|%u|%g|%F'} output such as {@code 755|root|root|0|0|regular
 * file}.
 */
public final class StatParser {
  private StatParser() {}

  /** Empty for anything else, e.g. {@code stat: cannot statx '/x': No such file or directory}. */
  public static Optional<FileStat> parse(String output) {
    if (output == null) {
      return Optional.empty();
    }
    String line = Lines.first(output);
    String[] f = line.split("\\|", 6);
    if (f.length != 6
        || !f[0].matches("[0-7]{1,5}")
        || !f[3].matches("\\d{1,10}")
        || !f[4].matches("\\d{1,10}")
        || f[1].isBlank()
        || f[2].isBlank()
        || f[5].isBlank()
        || line.length() > 1024) {
      return Optional.empty();
    }
    long uid = Long.parseLong(f[3]);
    long gid = Long.parseLong(f[4]);
    if (uid > Integer.MAX_VALUE || gid > Integer.MAX_VALUE) {
      return Optional
          .empty(); // beyond FileStat's int; ids this large only appear in odd user namespaces
    }
    return Optional.of(
        new FileStat(Integer.parseInt(f[0], 8), f[1], f[2], (int) uid, (int) gid, f[5]));
  }
}
