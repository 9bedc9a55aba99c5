package dev.capfleet.probe;

import dev.capfleet.core.KernelVersion;

/**
 * The running kernel: the release string {@code uname -r} prints, the version eCapture would
 * compute, and which source that version came from ({@code version_signature}, {@code proc_version}
 * or {@code uname}).
 */
public record KernelInfo(String release, KernelVersion version, String source) {}
