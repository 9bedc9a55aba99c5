package dev.capfleet.scan;

import dev.capfleet.report.HostReport;

/**
 * Told each time a host finishes; called from scan threads, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (host, done, total) -> {};

  void hostDone(HostReport host, int done, int total);
}
