package dev.capfleet.probe;

import dev.capfleet.core.Mount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads {@code /proc/mounts} and finds the mount a file lives on. */
public final class MountsParser {
  private static final java.util.regex.Pattern LINES = java.util.regex.Pattern.compile("\r?\n");
  private static final java.util.regex.Pattern FIELDS = java.util.regex.Pattern.compile("[ \t]+");

  private MountsParser() {}

  /**
   * One {@link Mount} per well-formed line ({@code device mountpoint fstype options [0 0]}); others
   * skipped.
   */
  public static List<Mount> parse(String procMounts) {
    List<Mount> mounts = new ArrayList<>();
    if (procMounts == null) {
      return mounts;
    }
    for (String line : LINES.split(procMounts)) {
      String[] f = FIELDS.split(line.trim());
      if (f.length < 4 || f.length > 6 || f[0].isEmpty()) {
        continue;
      }
      String mountPoint = decode(f[1]);
      if (!mountPoint.startsWith("/")) {
        continue;
      }
      mounts.add(new Mount(decode(f[0]), mountPoint, decode(f[2]), options(decode(f[3]))));
    }
    return mounts;
  }

  /**
   * The mount that holds {@code absolutePath}: the longest mount point that is a whole-component
   * prefix of it ({@code /usr} holds {@code /usr/bin/x}, not {@code /usrx}), and of equal ones the
   * last listed, which is the one mounted on top.
   */
  public static Optional<Mount> mountFor(List<Mount> mounts, String absolutePath) {
    if (mounts == null || absolutePath == null || !absolutePath.startsWith("/")) {
      return Optional.empty();
    }
    Mount best = null;
    for (Mount m : mounts) {
      if (covers(m.mountPoint(), absolutePath)
          && (best == null || m.mountPoint().length() >= best.mountPoint().length())) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  static boolean covers(String mountPoint, String path) {
    String mp =
        mountPoint.length() > 1 && mountPoint.endsWith("/")
            ? mountPoint.substring(0, mountPoint.length() - 1)
            : mountPoint;
    return mp.equals("/") || path.equals(mp) || path.startsWith(mp + "/");
  }

  static List<String> options(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
  }

  /**
   * Undoes the kernel's octal escapes for space, tab, newline and backslash ({@code \040} and the
   * like).
   */
  static String decode(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder b = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
