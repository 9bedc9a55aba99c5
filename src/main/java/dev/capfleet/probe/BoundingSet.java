package dev.capfleet.probe;

import dev.capfleet.core.Capability;
import java.util.Set;

/**
 * The capability bounding set of a login session on the host, and what else the same source told.
 *
 * @param capabilities the bounding set
 * @param noNewPrivs the no_new_privs bit when the source shows it, else null
 * @param numericNames true when the tool printed numbers for capabilities it could not name (old
 *     libcap)
 * @param source {@code capsh} or {@code proc_status}
 */
public record BoundingSet(
    Set<Capability> capabilities, Boolean noNewPrivs, boolean numericNames, String source) {
  public BoundingSet {
    capabilities = Set.copyOf(capabilities);
  }
}
