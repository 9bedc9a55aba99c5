package dev.capfleet.probe;

import static dev.capfleet.probe.SectionTrouble.okText;
import static dev.capfleet.probe.SectionTrouble.why;

import dev.capfleet.core.Mount;
import dev.capfleet.core.ProbeGap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one host's probe output into {@link HostFacts}, recording why each missing fact is missing.
 */
public final class FactsCollector {
  private FactsCollector() {}

  /**
   * Parses every section; never throws on odd output: what cannot be read becomes null plus a gap.
   */
  public static HostFacts collect(ProbeOutput out, String binaryPath) {
    Map<String, String> gaps = new LinkedHashMap<>();
    String uname = okText(out, "uname").orElse(null);
    KernelInfo kernel =
        KernelParser.parse(
                uname,
                okText(out, "version_signature").orElse(null),
                okText(out, "proc_version").orElse(null))
            .orElse(null);
    if (kernel == null) {
      gaps.put(
          ProbeGap.KERNEL.label(),
          "no kernel version in uname, /proc/version_signature or /proc/version (uname: "
              + (uname == null ? why(out, "uname") : GetcapParser.cut(uname))
              + ")");
    }
    String arch = fact(out, "uname", KernelParser::arch, ProbeGap.ARCH, gaps);

    GetcapResult getcap = GetcapParser.parse(out.section("getcap").orElse(null), binaryPath);
    if (getcap instanceof GetcapResult.ToolMissing || getcap instanceof GetcapResult.Unreadable) {
      gaps.put(ProbeGap.GETCAP.label(), message(getcap));
    }
    FileStat stat = okText(out, "stat").flatMap(StatParser::parse).orElse(null);
    Boolean present = binaryPresent(out, stat, getcap, binaryPath);
    if (present == null) {
      gaps.put(
          ProbeGap.BINARY.label(),
          "neither stat nor getcap told whether " + binaryPath + " exists");
    }
    if (stat == null) {
      gaps.put(
          ProbeGap.BINARY_STAT.label(),
          Boolean.FALSE.equals(present) ? "binary does not exist" : why(out, "stat"));
    }
    String realPath =
        fact(
            out,
            "realpath",
            t -> Optional.of(t.strip()).filter(p -> p.startsWith("/")),
            ProbeGap.BINARY_REALPATH,
            gaps);

    List<Mount> mounts =
        fact(
            out,
            "mounts",
            t -> Optional.of(MountsParser.parse(t)).filter(l -> !l.isEmpty()),
            ProbeGap.MOUNTS,
            gaps);
    Mount binaryMount =
        okText(out, "findmnt")
            .flatMap(FindmntParser::parse)
            .or(() -> MountsParser.mountFor(mounts, realPath != null ? realPath : binaryPath))
            .orElse(null);
    if (binaryMount == null) {
      gaps.put(
          ProbeGap.BINARY_MOUNT.label(),
          "findmnt: " + why(out, "findmnt") + "; /proc/mounts: no mount found");
    }

    BoundingSet capsh = okText(out, "capsh").flatMap(CapshParser::parse).orElse(null);
    BoundingSet status = okText(out, "status").flatMap(ProcStatusParser::parse).orElse(null);
    BoundingSet bounding = boundingSet(capsh, status);
    if (bounding == null) {
      gaps.put(
          ProbeGap.BOUNDING_SET.label(),
          "capsh and /proc/self/status both unreadable (capsh: "
              + why(out, "capsh")
              + "; status: "
              + why(out, "status")
              + ")");
    }
    Boolean noNewPrivs = bounding == null ? null : bounding.noNewPrivs();
    if (noNewPrivs == null) {
      gaps.put(
          ProbeGap.NO_NEW_PRIVS.label(),
          "neither capsh nor /proc/self/status showed it (old capsh, kernel before 4.10)");
    }

    // No lockdown file means the lockdown LSM is not built in or not enabled: nothing is locked
    // down.
    boolean lockdownAbsent =
        out.section("lockdown")
            .filter(s -> s.exit() != null && s.exit() == 2)
            .filter(s -> s.text().endsWith(" absent"))
            .isPresent();
    String lockdown =
        lockdownAbsent
            ? "none"
            : fact(out, "lockdown", SimpleFacts::lockdown, ProbeGap.LOCKDOWN, gaps);
    Boolean btf = fact(out, "btf", SimpleFacts::btf, ProbeGap.BTF, gaps);
    Integer unprivileged =
        fact(
            out,
            "unprivileged_bpf_disabled",
            SimpleFacts::sysctlInt,
            ProbeGap.UNPRIVILEGED_BPF_DISABLED,
            gaps);
    Integer paranoid =
        fact(
            out, "perf_event_paranoid", SimpleFacts::sysctlInt, ProbeGap.PERF_EVENT_PARANOID, gaps);
    String memlock =
        okText(out, "memlock")
            .flatMap(SimpleFacts::memlock)
            .or(() -> okText(out, "limits").flatMap(SecurityFactsParser::memlockHard))
            .orElse(null);
    if (memlock == null) {
      gaps.put(
          ProbeGap.MEMLOCK.label(),
          "ulimit: " + why(out, "memlock") + "; /proc/self/limits: " + why(out, "limits"));
    }
    String container = okText(out, "container").flatMap(SimpleFacts::container).orElse(null);
    if (okText(out, "container").isEmpty()) {
      gaps.put(ProbeGap.CONTAINER.label(), why(out, "container"));
    }

    Boolean newNames = LibcapNaming.knowsNewNames(out, getcap, capsh);
    if (newNames == null) {
      gaps.put(
          ProbeGap.LIBCAP_NAMES.label(),
          "neither getcap nor capsh printed capabilities 38-40 (by name or number)");
    }
    SecurityFacts security =
        SecurityFactsParser.parse(
            out,
            kernel,
            mounts,
            okText(out, "lockdown").flatMap(SimpleFacts::lockdown).orElse(null),
            gaps);
    return new HostFacts(
        kernel,
        arch,
        binaryPath,
        present,
        realPath,
        stat,
        getcap,
        binaryMount,
        bounding,
        noNewPrivs,
        mounts,
        lockdown,
        btf,
        unprivileged,
        paranoid,
        memlock,
        container,
        newNames,
        LibcapNaming.installed(out, getcap),
        gaps,
        security);
  }

  /**
   * One section's fact, or null with a gap: the section's own trouble, or its output when it did
   * not parse.
   */
  private static <T> T fact(
      ProbeOutput out,
      String section,
      Function<String, Optional<T>> parser,
      ProbeGap gap,
      Map<String, String> gaps) {
    Optional<String> text = okText(out, section);
    Optional<T> value = text.flatMap(parser);
    if (value.isEmpty()) {
      gaps.put(
          gap.label(),
          text.isEmpty()
              ? why(out, section)
              : "unexpected output: " + GetcapParser.cut(text.get()));
    }
    return value.orElse(null);
  }

  private static Boolean binaryPresent(
      ProbeOutput out, FileStat stat, GetcapResult getcap, String binaryPath) {
    if (stat != null) {
      return true;
    }
    boolean statSaysMissing =
        out.section("stat")
            .map(Section::text)
            .filter(
                t ->
                    t.contains("No such file or directory")
                        || t.contains("Not a directory")
                        || t.equals(SectionTrouble.absent(binaryPath)))
            .isPresent();
    if (getcap instanceof GetcapResult.FileMissing || statSaysMissing) {
      return false;
    }
    if (getcap instanceof GetcapResult.Capabilities c && !c.capabilities().isEmpty()) {
      return true;
    }
    return null;
  }

  /**
   * capsh's set when it has one; the no_new_privs bit from /proc/self/status when capsh is too old
   * to show it.
   */
  static BoundingSet boundingSet(BoundingSet capsh, BoundingSet status) {
    if (capsh == null) {
      return status;
    }
    if (capsh.noNewPrivs() == null && status != null && status.noNewPrivs() != null) {
      return new BoundingSet(
          capsh.capabilities(), status.noNewPrivs(), capsh.numericNames(), capsh.source());
    }
    return capsh;
  }

  private static String message(GetcapResult r) {
    if (r instanceof GetcapResult.ToolMissing t) {
      return t.message();
    }
    return r instanceof GetcapResult.Unreadable u ? u.message() : r.toString();
  }
}
