package dev.capfleet.probe;

import dev.capfleet.core.Mount;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every fact the probe gathered on one host, parsed. A component is null when the fact could not be
 * gathered, and {@code gaps} then says why, keyed by the fact's name (e.g. {@code getcap}, {@code
 * bounding set}).
 *
 * @param binaryPresent false when getcap or stat said the file does not exist, true when stat read
 *     it
 * @param binaryMount findmnt's answer when it worked, else the longest matching /proc/mounts entry
 * @param boundingSet capsh's when readable, else /proc/self/status's
 * @param noNewPrivs the login session's no_new_privs bit
 * @param container the container runtime detected, null on a host (or when none is detectable)
 * @param libcapNewNames (the fact {@code libcap.newNames}) false when getcap or capsh printed 38-40
 *     as numbers, true when they printed the names, null when neither showed those capabilities
 * @param security the facts only the verified model uses (never null; its components may be)
 */
public record HostFacts(
    KernelInfo kernel,
    String arch,
    String binaryPath,
    Boolean binaryPresent,
    String binaryRealPath,
    FileStat binaryStat,
    GetcapResult getcap,
    Mount binaryMount,
    BoundingSet boundingSet,
    Boolean noNewPrivs,
    List<Mount> mounts,
    String lockdown,
    Boolean btf,
    Integer unprivilegedBpfDisabled,
    Integer perfEventParanoid,
    String memlockHard,
    String container,
    Boolean libcapNewNames,
    Boolean libcapInstalled,
    Map<String, String> gaps,
    SecurityFacts security) {
  public HostFacts {
    mounts = mounts == null ? null : List.copyOf(mounts);
    gaps = Collections.unmodifiableMap(new LinkedHashMap<>(gaps));
  }
}
