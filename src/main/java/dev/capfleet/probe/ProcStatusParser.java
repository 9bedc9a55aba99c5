package dev.capfleet.probe;

import dev.capfleet.core.Capability;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the bounding set ({@code CapBnd}) and {@code NoNewPrivs} from lines of {@code
 * /proc/self/status}.
 */
public final class ProcStatusParser {
  private ProcStatusParser() {}

  /**
   * Empty without a well-formed {@code CapBnd:} line; noNewPrivs is null on kernels before 4.10 (no
   * such line).
   */
  public static Optional<BoundingSet> parse(String statusLines) {
    if (statusLines == null) {
      return Optional.empty();
    }
    Set<Capability> bounding = null;
    Boolean noNewPrivs = null;
    for (String line : statusLines.split("\r?\n")) {
      if (bounding == null && line.startsWith("CapBnd:")) {
        Optional<Set<Capability>> caps = mask(line.substring("CapBnd:".length()).trim());
        if (caps.isEmpty()) {
          return Optional.empty();
        }
        bounding = caps.get();
      } else if (noNewPrivs == null && line.startsWith("NoNewPrivs:")) {
        String v = line.substring("NoNewPrivs:".length()).trim();
        noNewPrivs = v.equals("1") ? Boolean.TRUE : v.equals("0") ? Boolean.FALSE : null;
      }
    }
    return bounding == null
        ? Optional.empty()
        : Optional.of(new BoundingSet(bounding, noNewPrivs, false, "proc_status"));
  }

  /**
   * Bit n of the hex mask is capability n; bits for capabilities newer than capfleet's list are
   * ignored.
   */
  static Optional<Set<Capability>> mask(String hex) {
    if (!hex.matches("[0-9a-fA-F]{1,16}")) {
      return Optional.empty();
    }
    long bits = Long.parseUnsignedLong(hex, 16);
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    for (Capability c : Capability.values()) {
      if ((bits & (1L << c.number())) != 0) {
        caps.add(c);
      }
    }
    return Optional.of(caps);
  }
}
