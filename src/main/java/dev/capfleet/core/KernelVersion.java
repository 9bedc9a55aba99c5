package dev.capfleet.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel version as eCapture compares it: major.minor.patch, missing parts read as 0. */
public record KernelVersion(int major, int minor, int patch) implements Comparable<KernelVersion> {
  private static final Pattern LEADING = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");
  private static final Pattern WHOLE = Pattern.compile("\\d+(\\.\\d+){0,2}");

  /**
   * Versions written in the loaded models: a condition compares one per host and rule, and parsing
   * it every time was a visible share of a 10,000-host scan. Bounded: models hold a few dozen.
   */
  private static final java.util.Map<String, KernelVersion> WRITTEN =
      new java.util.concurrent.ConcurrentHashMap<>();

  public KernelVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("negative kernel version part");
    }
  }

  /**
   * Reads the leading {@code x[.y[.z]]} of a release string, ignoring what follows (e.g. {@code
   * -91-generic}).
   */
  public static Optional<KernelVersion> parseLeading(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = LEADING.matcher(text.trim());
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new KernelVersion(
              Integer.parseInt(m.group(1)),
              m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
              m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Parses a version written in the model, e.g. {@code 5.8}; throws on anything else. */
  public static KernelVersion of(String text) {
    KernelVersion known = text == null ? null : WRITTEN.get(text);
    if (known != null) {
      return known;
    }
    KernelVersion v =
        parseLeading(text)
            .filter(x -> WHOLE.matcher(text.trim()).matches())
            .orElseThrow(
                () -> new IllegalArgumentException("not a kernel version: '" + text + "'"));
    if (WRITTEN.size() < 1024) {
      WRITTEN.put(text, v);
    }
    return v;
  }

  @Override
  public int compareTo(KernelVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  public boolean atLeast(KernelVersion o) {
    return compareTo(o) >= 0;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
