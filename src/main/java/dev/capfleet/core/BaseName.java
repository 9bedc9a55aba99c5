package dev.capfleet.core;

/** The one rule for a report's base name: a plain file name that cannot leave the output folder. */
public final class BaseName {
  private BaseName() {}

  /**
   * Why a base name is refused, or null when it is a plain file name: not blank, no {@code /} or
   * {@code \} (a folder part on Linux or Windows), not {@code .} or {@code ..}, and no character
   * {@link HostText#unsafe} that would make the file name lie on a terminal.
   */
  public static String problem(String name) {
    if (name == null
        || name.isBlank()
        || name.contains("/")
        || name.contains("\\")
        || name.equals(".")
        || name.equals("..")
        || name.codePoints().anyMatch(HostText::unsafe)) {
      return "must be a plain file name without folders: '"
          + HostText.printable(name == null ? "" : name)
          + "'";
    }
    return null;
  }
}
