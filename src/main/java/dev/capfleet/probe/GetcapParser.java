package dev.capfleet.probe;

import dev.capfleet.core.HostText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what {@code getcap BINARY} printed (standard output and error together) into a {@link
 * GetcapResult}.
 */
public final class GetcapParser {
  /** The probe's own line when neither PATH nor the sbin folders hold getcap (exit 127). */
  static final String TOOL_MISSING_MARK = "capfleet: getcap not found";

  static final String INSTALL_HINT =
      "getcap not installed (install libcap2-bin, or libcap / libcap-utils)";

  /** strerror(ENOENT) and strerror(ENOTDIR): either way nothing exists at the path. */
  private static final List<String> MISSING_ERRORS =
      List.of("(No such file or directory)", "(Not a directory)");

  private static final int MAX_REASON = 160;

  private GetcapParser() {}

  /**
   * Classifies one getcap run for {@code binaryPath} (the exact path passed to getcap, which it
   * echoes). Every libcap since 2.0 is read: {@code PATH caps} (2.30 and later), {@code PATH =
   * caps} (before 2.30), {@code PATH: caps} (the first releases), and each release's way of saying
   * that the file is missing.
   */
  public static GetcapResult parse(Section section, String binaryPath) {
    if (section == null) {
      return new GetcapResult.Unreadable("getcap was not run (no section in the probe output)");
    }
    if (section.truncated() || section.exit() == null) {
      return new GetcapResult.Unreadable("getcap output incomplete (cut off or no exit status)");
    }
    String text = section.text();
    if (section.exit() == 127) {
      return text.contains(TOOL_MISSING_MARK)
              || text.contains("error while loading shared libraries")
          ? new GetcapResult.ToolMissing(INSTALL_HINT)
          : new GetcapResult.Unreadable("getcap could not be started: " + firstLine(text));
    }
    if (binaryPath == null || binaryPath.isEmpty()) {
      return new GetcapResult.Unreadable("no binary path given to read getcap output for");
    }
    if (section.exit() == 2 && text.equals(SectionTrouble.absent(binaryPath))) {
      return new GetcapResult.FileMissing(binaryPath + " does not exist");
    }
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    if (lines.isEmpty()) {
      return section.exit() == 0
          ? new GetcapResult.Capabilities(FileCapabilities.NONE)
          : new GetcapResult.Unreadable("getcap exited " + section.exit() + " without a message");
    }
    for (String line : lines) {
      Optional<String> error = error(line, binaryPath);
      if (error.isPresent()) {
        return MISSING_ERRORS.stream().anyMatch(error.get()::endsWith)
            ? new GetcapResult.FileMissing(binaryPath + " does not exist")
            : new GetcapResult.Unreadable(
                "getcap could not read " + binaryPath + ": " + cut(error.get()));
      }
    }
    for (String line : lines) {
      Optional<String> caps = capabilityText(line, binaryPath);
      if (caps.isPresent()) {
        return CapText.parse(caps.get())
            .<GetcapResult>map(GetcapResult.Capabilities::new)
            .orElseGet(
                () ->
                    new GetcapResult.Unreadable(
                        "getcap printed capabilities capfleet cannot read: " + cut(caps.get())));
      }
    }
    return new GetcapResult.Unreadable("unexpected getcap output: " + firstLine(text));
  }

  /**
   * The reason in an error line about the path, e.g. {@code (No such file or directory)}: libcap
   * 2.4x and later print {@code PATH (reason)}, older ones {@code Failed to get capabilities of
   * file `PATH' (reason)} (of/for, with a back-tick or a plain quote).
   */
  private static Optional<String> error(String line, String path) {
    String t = line.trim();
    if (t.startsWith("Failed to get capabilities")) {
      int close = t.lastIndexOf(" (");
      return close >= 0 && t.endsWith(")") && t.contains(path)
          ? Optional.of(t.substring(close + 1))
          : Optional.empty();
    }
    if (t.startsWith(path + " (") && t.endsWith(")")) {
      String reason = t.substring(path.length() + 1);
      return reason.indexOf('=') < 0 && reason.indexOf('+') < 0
          ? Optional.of(reason)
          : Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The capability text after the path: {@code PATH caps}, {@code PATH = caps} or {@code PATH:
   * caps}.
   */
  private static Optional<String> capabilityText(String line, String path) {
    if (!line.startsWith(path)) {
      return Optional.empty();
    }
    String rest = line.substring(path.length());
    if (rest.startsWith(":")) {
      rest = rest.substring(1);
    }
    if (rest.isEmpty() || !Character.isWhitespace(rest.charAt(0))) {
      return Optional.empty();
    }
    rest = rest.trim();
    int rootid = rest.indexOf(" [rootid=");
    if (rootid >= 0) {
      rest =
          rest.substring(
              0, rootid); // getcap -n names the user namespace owner; not capability text
    }
    return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
  }

  private static String firstLine(String text) {
    return cut(Lines.first(text));
  }

  static String cut(String s) {
    String p = HostText.printable(s);
    return p.length() > MAX_REASON ? p.substring(0, MAX_REASON) + "..." : p;
  }
}
