package dev.capfleet.assess;

import java.time.Instant;

/**
 * What the scan asks of one host, besides its facts.
 *
 * @param mode the canonical output mode (text, keylog, pcapng)
 * @param purpose {@code readiness} or {@code compliance}
 * @param binaryPath the validated binary path
 * @param windowUntil end of an approved capture window (host variable {@code
 *     ecapture_window_until}), or null
 * @param now the time the scan runs, to tell whether the window is open
 * @param module the eCapture module ({@code ecapture_module}, {@code --module}); null for the
 *     model's default
 */
public record HostContext(
    String mode,
    String purpose,
    String binaryPath,
    Instant windowUntil,
    Instant now,
    String module) {
  public HostContext(
      String mode, String purpose, String binaryPath, Instant windowUntil, Instant now) {
    this(mode, purpose, binaryPath, windowUntil, now, null);
  }
}
