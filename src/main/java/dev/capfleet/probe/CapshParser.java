package dev.capfleet.probe;

import dev.capfleet.core.Capability;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bounding set and the no-new-privs bit from {@code capsh --print}, old and new formats
 * alike.
 */
public final class CapshParser {
  private static final String BOUNDING = "Bounding set =";

  /**
   * capsh 2.4x and later end the Securebits line with {@code (no-new-privs=0)}; older ones do not.
   */
  private static final Pattern NO_NEW_PRIVS = Pattern.compile("\\(no-new-privs=([01])\\)");

  private CapshParser() {}

  /**
   * Empty when there is no well-formed {@code Bounding set =} line (capsh missing, failed, or
   * garbage).
   */
  public static Optional<BoundingSet> parse(String capshPrintOutput) {
    if (capshPrintOutput == null) {
      return Optional.empty();
    }
    Optional<BoundingSet> result = Optional.empty();
    Boolean noNewPrivs = null;
    for (String line : capshPrintOutput.split("\r?\n")) {
      if (result.isEmpty() && line.startsWith(BOUNDING)) {
        result = boundingSet(line.substring(BOUNDING.length()).trim());
        if (result.isEmpty()) {
          return result;
        }
      } else if (noNewPrivs == null && line.startsWith("Securebits:")) {
        Matcher m = NO_NEW_PRIVS.matcher(line);
        if (m.find()) {
          noNewPrivs = m.group(1).equals("1");
        }
      }
    }
    Boolean nnp = noNewPrivs;
    return result.map(b -> new BoundingSet(b.capabilities(), nnp, b.numericNames(), "capsh"));
  }

  /**
   * The comma list after {@code =}: names, numbers for capabilities old libcap cannot name, or
   * nothing.
   */
  private static Optional<BoundingSet> boundingSet(String list) {
    if (list.equalsIgnoreCase("all")) {
      return Optional.empty(); // capsh never prints this; the line is not capsh's
    }
    Optional<List<Capability>> caps = list.isEmpty() ? Optional.of(List.of()) : CapText.names(list);
    return caps.map(c -> new BoundingSet(Set.copyOf(c), null, CapText.hasNumber(list), "capsh"));
  }
}
