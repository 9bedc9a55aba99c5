package dev.capfleet.probe;

/**
 * What {@code stat} told about the binary.
 *
 * @param mode permission bits, e.g. {@code 0755} as the int 493
 * @param owner owner name (or the uid as text when the name is unknown)
 * @param group group name (or the gid as text)
 * @param uid numeric owner
 * @param gid numeric group
 * @param type file type as stat prints it, e.g. {@code regular file}
 */
public record FileStat(int mode, String owner, String group, int uid, int gid, String type) {
  public boolean otherExecute() {
    return (mode & 01) != 0;
  }

  /** Writable by someone other than root: group or other write bit, or owned by a non-root user. */
  public boolean writableByNonRoot() {
    return (mode & 022) != 0 || uid != 0;
  }

  public String octalMode() {
    String octal = Integer.toOctalString(mode & 07777);
    return "0000".substring(octal.length()) + octal; // as %04o, without a formatter per host
  }
}
