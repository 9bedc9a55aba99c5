package dev.capfleet.probe;

import static dev.capfleet.probe.SectionTrouble.okText;
import static dev.capfleet.probe.SectionTrouble.why;

import dev.capfleet.core.Mount;
import dev.capfleet.core.ProbeGap;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the verified model's facts from the probe's sections; never throws, gaps say what is
 * missing.
 */
final class SecurityFactsParser {
  /** The initial user namespace maps every id onto itself. */
  private static final Pattern INITIAL_UID_MAP = Pattern.compile("\\s*0\\s+0\\s+4294967295\\s*");

  private static final Pattern DEBIAN_DATE =
      Pattern.compile("\\((\\d{4})-(\\d{2})-(\\d{2})\\)\\s*$");
  private static final Pattern UNAME_V_DATE =
      Pattern.compile(
          "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) +(\\d{1,2}) \\d{2}:\\d{2}:\\d{2}(?: [A-Z+0-9-]{1,8})? (\\d{4})");
  private static final Pattern EPOCH = Pattern.compile(" @(\\d{1,12})\\s*$");
  private static final Pattern CMDLINE_LOCKDOWN =
      Pattern.compile("(?:^|\\s)lockdown=([a-z]{1,32})");
  private static final Pattern ID_USER = Pattern.compile("^uid=(\\d{1,10})\\(([^)\\s]{1,64})\\)");
  private static final List<String> MODES = List.of("none", "integrity", "confidentiality");

  private SecurityFactsParser() {}

  static SecurityFacts parse(
      ProbeOutput out,
      KernelInfo kernel,
      List<Mount> mounts,
      String lockdownFile,
      Map<String, String> gaps) {
    Boolean pmu = fileExists(out, "uprobe_pmu");
    if (pmu == null) {
      gaps.put(ProbeGap.UPROBE_PMU.label(), why(out, "uprobe_pmu"));
    }
    String uidMap = okText(out, "uid_map").map(String::strip).orElse(null);
    Boolean userNs = null;
    if (uidMap != null) {
      userNs = !INITIAL_UID_MAP.matcher(uidMap).matches();
    } else if (Boolean.FALSE.equals(fileExists(out, "uid_map"))) {
      userNs = false; // a kernel without user namespaces has no uid_map
    }
    if (userNs == null) {
      gaps.put(ProbeGap.UID_MAP.label(), why(out, "uid_map"));
    }
    Integer capLastCap = okText(out, "cap_last_cap").flatMap(SimpleFacts::sysctlInt).orElse(null);
    if (capLastCap == null) {
      gaps.put(ProbeGap.CAP_LAST_CAP.label(), why(out, "cap_last_cap"));
    }
    String lockdown = lockdownMode(out, mounts, lockdownFile, gaps);
    String procVersion = okText(out, "proc_version").orElse(null);
    String release = kernel == null ? "" : kernel.release();
    boolean upstreamKnown =
        kernel != null
            && (!kernel.source().equals("uname")
                || kernel.version().patch() > 0
                || !release.contains("-"));
    boolean ubuntu =
        okText(out, "version_signature").filter(t -> t.startsWith("Ubuntu")).isPresent()
            || (procVersion != null && procVersion.contains("Ubuntu"));
    boolean el8 = release.matches(".*\\.el8(?:[._].*)?");
    String account = okText(out, "id").flatMap(SecurityFactsParser::account).orElse(null);
    return new SecurityFacts(
        pmu,
        userNs,
        uidMap == null ? null : GetcapParser.cut(uidMap),
        capLastCap,
        lockdown,
        buildDate(procVersion).orElse(null),
        upstreamKnown,
        ubuntu,
        el8,
        account);
  }

  /**
   * True when read_file read it, false when it said absent, null otherwise (unreadable, not run).
   */
  private static Boolean fileExists(ProbeOutput out, String section) {
    Optional<Section> s = out.section(section);
    if (s.isEmpty() || s.get().exit() == null || s.get().truncated()) {
      return null;
    }
    if (s.get().exit() == 0) {
      return true;
    }
    return s.get().exit() == 2 && s.get().text().endsWith(" absent") ? false : null;
  }

  private static String lockdownMode(
      ProbeOutput out, List<Mount> mounts, String lockdownFile, Map<String, String> gaps) {
    if (okText(out, "lockdown").isPresent() && lockdownFile != null) {
      return lockdownFile;
    }
    boolean securityfs =
        mounts != null && mounts.stream().anyMatch(m -> m.fsType().equals("securityfs"));
    if (securityfs && Boolean.FALSE.equals(fileExists(out, "lockdown"))) {
      return "none"; // securityfs is there and the lockdown LSM is not: nothing is locked down
    }
    Optional<String> cmdline =
        out.section("cmdline")
            .filter(s -> s.exit() != null && s.exit() == 0)
            .map(Section::text)
            .flatMap(
                t -> {
                  Matcher m = CMDLINE_LOCKDOWN.matcher(t);
                  return m.find() && MODES.contains(m.group(1))
                      ? Optional.of(m.group(1))
                      : Optional.empty();
                });
    if (cmdline.isPresent()) {
      return cmdline.get();
    }
    gaps.put(
        ProbeGap.LOCKDOWN_MODE.label(),
        securityfs
            ? "lockdown: " + why(out, "lockdown")
            : "/sys/kernel/security/lockdown absent and securityfs not mounted, no lockdown= on the kernel command "
                + "line: the lockdown mode cannot be read");
    return null;
  }

  /**
   * {@code (2025-08-10)} at the end (Debian), a {@code uname -v} date, or {@code @EPOCH}; @0 means
   * no date.
   */
  static Optional<LocalDate> buildDate(String procVersion) {
    if (procVersion == null) {
      return Optional.empty();
    }
    String line = Lines.first(procVersion);
    try {
      Matcher d = DEBIAN_DATE.matcher(line);
      if (d.find()) {
        return Optional.of(
            LocalDate.of(
                Integer.parseInt(d.group(1)),
                Integer.parseInt(d.group(2)),
                Integer.parseInt(d.group(3))));
      }
      Matcher u = UNAME_V_DATE.matcher(line);
      if (u.find()) {
        for (Month m : Month.values()) {
          if (m.getDisplayName(TextStyle.SHORT, Locale.ROOT).equals(u.group(1))) {
            return Optional.of(
                LocalDate.of(Integer.parseInt(u.group(3)), m, Integer.parseInt(u.group(2))));
          }
        }
      }
      Matcher e = EPOCH.matcher(line);
      if (e.find() && Long.parseLong(e.group(1)) > 0) {
        return Optional.of(LocalDate.ofEpochDay(Long.parseLong(e.group(1)) / 86400));
      }
    } catch (java.time.DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The hard {@code Max locked memory} of {@code /proc/self/limits}, in KiB as {@code ulimit -H -l}
   * prints it.
   */
  static Optional<String> memlockHard(String limits) {
    for (String line : limits.split("\n", 64)) {
      if (line.startsWith("Max locked memory")) {
        String[] w = line.substring("Max locked memory".length()).trim().split("\\s+");
        if (w.length >= 2) {
          if (w[1].equals("unlimited")) {
            return Optional.of("unlimited");
          }
          if (w[1].matches("\\d{1,19}")) {
            return Optional.of(Long.toString(Long.parseLong(w[1]) / 1024));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> account(String id) {
    Matcher m = ID_USER.matcher(id.strip());
    return m.find() ? Optional.of(m.group(2) + " (uid " + m.group(1) + ")") : Optional.empty();
  }
}
