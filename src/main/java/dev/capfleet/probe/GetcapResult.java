package dev.capfleet.probe;

/** What {@code getcap BINARY} told about the binary, kept apart from "could not tell". */
public sealed interface GetcapResult {
  /** getcap ran and printed the binary's capabilities (possibly none). */
  record Capabilities(FileCapabilities capabilities) implements GetcapResult {}

  /** getcap reported that the file does not exist. */
  record FileMissing(String message) implements GetcapResult {}

  /** getcap is not installed (libcap2-bin / libcap missing). */
  record ToolMissing(String message) implements GetcapResult {}

  /** getcap ran but its output could not be understood. */
  record Unreadable(String message) implements GetcapResult {}
}
