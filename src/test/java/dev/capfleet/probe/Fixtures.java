package dev.capfleet.probe;

import dev.capfleet.core.Capability;
import dev.capfleet.core.Mount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Test helpers: where the golden files live, and one text form per parse result to compare them
 * against.
 */
final class Fixtures {
  private Fixtures() {}

  static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(String relative) {
    return read(root().resolve(relative));
  }

  /** A finished section with the given output and exit status, as ProbeOutput would build it. */
  static Section section(String name, int exit, String output) {
    return new Section(name, exit, output, false);
  }

  static String render(GetcapResult r) {
    if (r instanceof GetcapResult.Capabilities c) {
      return "caps " + render(c.capabilities());
    }
    if (r instanceof GetcapResult.FileMissing) {
      return "missing";
    }
    return r instanceof GetcapResult.ToolMissing ? "tool-missing" : "unreadable";
  }

  /**
   * Like getcap's text, but a group holding nearly every capability is written {@code
   * all-except(...)}.
   */
  static String render(FileCapabilities caps) {
    if (caps.isEmpty()) {
      return "none";
    }
    java.util.Map<String, Set<Capability>> byFlags = new java.util.TreeMap<>();
    caps.flags()
        .forEach((cap, f) -> byFlags.computeIfAbsent(f.toString(), k -> new TreeSet<>()).add(cap));
    String text =
        byFlags.entrySet().stream()
            .map(e -> names(e.getValue()) + "=" + e.getKey())
            .collect(Collectors.joining(" "));
    return caps.numericNames() ? text + " numeric" : text;
  }

  static String names(Set<Capability> caps) {
    if (caps.size() == Capability.values().length) {
      return "all";
    }
    if (caps.size() > 30) {
      Set<Capability> missing = EnumSet.allOf(Capability.class);
      missing.removeAll(caps);
      return "all-except("
          + missing.stream().map(Capability::libcapName).collect(Collectors.joining(","))
          + ")";
    }
    return caps.stream().map(Capability::libcapName).collect(Collectors.joining(","));
  }

  static String render(BoundingSet b) {
    return "mask="
        + Long.toHexString(mask(b.capabilities()))
        + " nnp="
        + b.noNewPrivs()
        + " numeric="
        + b.numericNames()
        + " source="
        + b.source();
  }

  static long mask(Set<Capability> caps) {
    long m = 0;
    for (Capability c : caps) {
      m |= 1L << c.number();
    }
    return m;
  }

  static String render(Mount m) {
    return m.device()
        + "|"
        + m.mountPoint()
        + "|"
        + m.fsType()
        + "|"
        + String.join(",", m.options());
  }

  static String render(FileStat s) {
    return s.octalMode()
        + " "
        + s.owner()
        + " "
        + s.group()
        + " "
        + s.uid()
        + " "
        + s.gid()
        + " "
        + s.type();
  }

  static String render(KernelInfo k) {
    return "release=" + k.release() + " version=" + k.version() + " source=" + k.source();
  }
}
