package dev.capfleet.probe;

/**
 * What one probe command printed (standard output and error together) and how it exited.
 *
 * @param exit the exit status, or null when the section never finished (output cut, connection
 *     lost)
 * @param truncated true when the output was cut at the section cap or the section has no end marker
 */
public record Section(String name, Integer exit, String output, boolean truncated) {
  /** The section finished and exited 0. */
  public boolean ok() {
    return exit != null && exit == 0 && !truncated;
  }

  /** The output without the trailing newlines shells add. */
  public String text() {
    int end = output.length();
    while (end > 0 && (output.charAt(end - 1) == '\n' || output.charAt(end - 1) == '\r')) {
      end--;
    }
    return output.substring(0, end);
  }
}
