package dev.capfleet.probe;

import dev.capfleet.core.Capability;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The capabilities set on a file, as {@code getcap} reports them.
 *
 * @param flags each capability present with at least one flag
 * @param numericNames true when getcap printed numbers for capabilities it could not name (libcap
 *     before 2.43)
 */
public record FileCapabilities(Map<Capability, CapFlags> flags, boolean numericNames) {
  public static final FileCapabilities NONE = new FileCapabilities(Map.of(), false);

  public FileCapabilities {
    EnumMap<Capability, CapFlags> copy = new EnumMap<>(Capability.class);
    flags.forEach(
        (cap, f) -> {
          if (f.any()) {
            copy.put(cap, f);
          }
        });
    flags = Collections.unmodifiableMap(copy);
  }

  public boolean isEmpty() {
    return flags.isEmpty();
  }

  public Set<Capability> all() {
    return flags.keySet();
  }

  /** Capabilities that are both effective and permitted: the ones eCapture actually gets. */
  public Set<Capability> effectiveAndPermitted() {
    return flags.entrySet().stream()
        .filter(e -> e.getValue().effectiveAndPermitted())
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(() -> new TreeSet<>()));
  }

  /** Compact text in getcap's modern form, e.g. {@code cap_sys_ptrace,cap_perfmon,cap_bpf=eip}. */
  public String describe() {
    if (flags.isEmpty()) {
      return "";
    }
    Map<String, TreeSet<Capability>> byFlags = new java.util.TreeMap<>();
    flags.forEach((cap, f) -> byFlags.computeIfAbsent(f.toString(), k -> new TreeSet<>()).add(cap));
    return byFlags.entrySet().stream()
        .map(
            e ->
                e.getValue().stream().map(Capability::libcapName).collect(Collectors.joining(","))
                    + "="
                    + e.getKey())
        .collect(Collectors.joining(" "));
  }
}
