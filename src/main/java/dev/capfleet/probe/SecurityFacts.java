package dev.capfleet.probe;

import java.time.LocalDate;

/**
 * The facts only the verified model asks for (shared/ecapture-truth.md). A component is null when
 * it could not be read; {@link HostFacts#gaps()} then says why, under the name given on each
 * component.
 *
 * @param uprobePmu whether {@code /sys/bus/event_source/devices/uprobe/type} exists (gap {@code
 *     uprobe pmu})
 * @param userNamespace true when {@code /proc/self/uid_map} is anything but the initial map (gap
 *     {@code uid map})
 * @param uidMap the map as read, for the finding's evidence
 * @param capLastCap {@code /proc/sys/kernel/cap_last_cap} (gap {@code cap_last_cap})
 * @param lockdownMode the lockdown mode, {@code none} only when securityfs is mounted and has no
 *     lockdown file, else from {@code lockdown=} on the kernel command line (gap {@code lockdown
 *     mode})
 * @param buildDate the build date in {@code /proc/version}, null when it has none (reproducible
 *     builds print @0)
 * @param upstreamKnown whether the kernel version is the upstream one (from version_signature or
 *     the Debian part of /proc/version, or a release whose sublevel is not the vendor's 0)
 * @param ubuntu an Ubuntu kernel (version_signature or /proc/version says so)
 * @param el8 an Enterprise Linux 8 kernel ({@code .el8} in the release), which back-ported
 *     bpf_probe_read_user
 * @param account the audit account the probe ran as, from {@code id}
 */
public record SecurityFacts(
    Boolean uprobePmu,
    Boolean userNamespace,
    String uidMap,
    Integer capLastCap,
    String lockdownMode,
    LocalDate buildDate,
    boolean upstreamKnown,
    boolean ubuntu,
    boolean el8,
    String account) {}
