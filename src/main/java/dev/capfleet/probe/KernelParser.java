package dev.capfleet.probe;

import dev.capfleet.core.KernelVersion;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the running kernel's release, architecture and the version eCapture would compute from it.
 */
public final class KernelParser {
  /**
   * eCapture's release pattern: major and minor are required, and the patch may follow after any
   * one character, so eCapture reads {@code 5.10-1} as 5.10.1 and {@code 5.15-rc1} as 5.15.0. We
   * keep that reading on purpose: the version reported is the one eCapture itself will compare.
   */
  private static final Pattern RELEASE =
      Pattern.compile("^(\\d{1,9})\\.(\\d{1,9})(?:.(\\d{1,9}))?");

  /**
   * The Debian package version in /proc/version, e.g. {@code #1 SMP Debian 4.19.181-1
   * (2021-03-19)}. eCapture's own pattern wants {@code SMP Debian} side by side; we also accept
   * build flags in between ({@code SMP PREEMPT_DYNAMIC Debian 6.1.69-1}, Debian 12) and never match
   * the compiler's {@code (Debian 12.2.0-14)}, which has no {@code SMP} before it.
   */
  private static final Pattern DEBIAN =
      Pattern.compile(" SMP(?: [A-Z][A-Z0-9_]*)* Debian (\\d+\\.\\d+.\\d+-\\d+)");

  /** eCapture keeps major and minor in one byte each; a larger number is not a kernel version. */
  private static final int MAX_MAJOR_MINOR = 255;

  private KernelParser() {}

  /**
   * The kernel as eCapture sees it: the version from {@code /proc/version_signature} (Ubuntu), else
   * from the {@code SMP Debian x.y.z-n} part of {@code /proc/version}, else from the release {@code
   * uname -srm} printed. Any input may be null or garbage; empty when no source gives a version.
   */
  public static Optional<KernelInfo> parse(
      String unameSrm, String versionSignature, String procVersion) {
    String release = release(unameSrm);
    Optional<KernelVersion> fromSignature = versionSignature(versionSignature);
    if (fromSignature.isPresent()) {
      return Optional.of(new KernelInfo(release, fromSignature.get(), "version_signature"));
    }
    Optional<KernelVersion> fromDebian = debianVersion(procVersion);
    if (fromDebian.isPresent()) {
      return Optional.of(new KernelInfo(release, fromDebian.get(), "proc_version"));
    }
    return releaseVersion(release).map(v -> new KernelInfo(release, v, "uname"));
  }

  /**
   * The machine {@code uname -srm} printed, as eCapture's release names spell it: x86_64, aarch64,
   * ...
   */
  public static Optional<String> arch(String unameSrm) {
    String[] words = words(unameSrm);
    // only a line that reads as uname's (a release second) names a machine: nonsense's third word
    // is no arch
    if (words.length < 3
        || release(unameSrm) == null
        || !words[2].matches("[A-Za-z0-9_.-]{1,32}")) {
      return Optional.empty();
    }
    String machine = words[2].toLowerCase(Locale.ROOT);
    switch (machine) {
      case "arm64":
        return Optional.of("aarch64");
      case "amd64":
        return Optional.of("x86_64");
      default:
        return Optional.of(machine);
    }
  }

  /**
   * The second word of {@code uname -srm} when it looks like a release (starts with a digit), else
   * null.
   */
  static String release(String unameSrm) {
    String[] words = words(unameSrm);
    return words.length >= 2 && words[1].length() <= 256 && Character.isDigit(words[1].charAt(0))
        ? words[1]
        : null;
  }

  /** The version eCapture reads from a release string such as {@code 5.15.0-91-generic}. */
  static Optional<KernelVersion> releaseVersion(String release) {
    if (release == null) {
      return Optional.empty();
    }
    Matcher m = RELEASE.matcher(release.trim());
    if (!m.find()) {
      return Optional.empty();
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    if (major > MAX_MAJOR_MINOR || minor > MAX_MAJOR_MINOR) {
      return Optional.empty();
    }
    // eCapture clamps a patch above 255 to 255 (LINUX_VERSION_CODE has one byte for it); we keep
    // the real number,
    // which orders the same way against every threshold the model uses (they all have patch 0).
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return Optional.of(new KernelVersion(major, minor, patch));
  }

  /**
   * Ubuntu's {@code Ubuntu 5.15.0-91.101-generic 5.15.131}: the third field is the upstream
   * version.
   */
  static Optional<KernelVersion> versionSignature(String text) {
    String[] words = words(text);
    return words.length >= 3 ? releaseVersion(words[2]) : Optional.empty();
  }

  static Optional<KernelVersion> debianVersion(String procVersion) {
    if (procVersion == null) {
      return Optional.empty();
    }
    String text = procVersion.length() > 4096 ? procVersion.substring(0, 4096) : procVersion;
    Matcher m = DEBIAN.matcher(text);
    return m.find() ? releaseVersion(m.group(1)) : Optional.empty();
  }

  private static String[] words(String text) {
    if (text == null) {
      return new String[0];
    }
    int nl = text.indexOf('\n');
    String line = (nl < 0 ? text : text.substring(0, nl)).trim();
    if (line.isEmpty() || line.length() > 4096) {
      return new String[0];
    }
    return line.split("\\s+");
  }
}
