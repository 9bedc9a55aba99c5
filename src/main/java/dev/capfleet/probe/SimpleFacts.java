package dev.capfleet.probe;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers for the probe's one-line sections: lockdown, sysctl values, memlock limit, BTF, container
 * hints.
 */
public final class SimpleFacts {
  private static final Pattern LOCKDOWN = Pattern.compile("\\[([a-z]{1,32})\\]");
  private static final int MAX_LINE = 4096;

  private SimpleFacts() {}

  /**
   * The active mode in {@code /sys/kernel/security/lockdown}, e.g. {@code integrity} from {@code
   * none [integrity] confidentiality}.
   */
  public static Optional<String> lockdown(String text) {
    String line = firstLine(text);
    if (line == null || !line.matches("[a-z \\[\\]]+")) {
      return Optional.empty();
    }
    Matcher m = LOCKDOWN.matcher(line);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** A sysctl read from /proc/sys, e.g. {@code 2} or {@code -1}. */
  public static Optional<Integer> sysctlInt(String text) {
    String line = firstLine(text);
    if (line == null || !line.matches("-?\\d{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(line));
  }

  /** {@code ulimit -H -l}: {@code unlimited} or a number of KiB, returned as printed. */
  public static Optional<String> memlock(String text) {
    String line = firstLine(text);
    return line != null && (line.equals("unlimited") || line.matches("\\d{1,19}"))
        ? Optional.of(line)
        : Optional.empty();
  }

  /** The probe's btf section: {@code present} or {@code absent} for /sys/kernel/btf/vmlinux. */
  public static Optional<Boolean> btf(String text) {
    String line = firstLine(text);
    if ("present".equals(line)) {
      return Optional.of(true);
    }
    return "absent".equals(line) ? Optional.of(false) : Optional.empty();
  }

  /**
   * The container runtime the probe's hints reveal: {@code kubepods} (a Kubernetes pod, whatever
   * its runtime), {@code podman}, {@code docker}, {@code lxc}, {@code containerd}, or what systemd
   * recorded; empty when the hints show none (a host, or a cgroup-v2 container that hides its
   * path).
   */
  public static Optional<String> container(String hints) {
    if (hints == null) {
      return Optional.empty();
    }
    String systemd = null;
    boolean dockerenv = false;
    boolean containerenv = false;
    String cgroupRuntime = null;
    boolean inCgroup = false;
    for (String raw : hints.split("\r?\n")) {
      String line = (raw.length() > MAX_LINE ? raw.substring(0, MAX_LINE) : raw).strip();
      if (!inCgroup) {
        if (line.equals("file /.dockerenv")) {
          dockerenv = true;
        } else if (line.equals("file /run/.containerenv")) {
          containerenv = true;
        } else if (line.startsWith("systemd ")
            && line.substring(8).strip().matches("[a-z0-9_-]{1,32}")) {
          systemd = line.substring(8).strip();
        } else if (line.equals("cgroup:")) {
          inCgroup = true;
        }
      } else if (cgroupRuntime == null || cgroupRuntime.equals("containerd")) {
        String found = cgroupRuntime(line);
        cgroupRuntime = found != null ? found : cgroupRuntime;
      }
    }
    if ("kubepods".equals(cgroupRuntime)) {
      return Optional.of("kubepods");
    }
    if (containerenv) {
      return Optional.of("podman");
    }
    if (dockerenv) {
      return Optional.of("docker");
    }
    return Optional.ofNullable(systemd != null ? systemd : cgroupRuntime);
  }

  /**
   * A runtime named by one /proc/1/cgroup line, e.g. {@code 0::/system.slice/docker-<id>.scope}.
   */
  private static String cgroupRuntime(String line) {
    int colon = line.lastIndexOf(':');
    String path = colon < 0 ? line : line.substring(colon + 1);
    if (path.contains("kubepods")) {
      return "kubepods";
    }
    if (path.contains("libpod")) {
      return "podman";
    }
    if (path.startsWith("/docker/") || path.contains("/docker-") || path.contains("/docker/")) {
      return "docker";
    }
    if (path.startsWith("/lxc/")
        || path.contains("/lxc.payload")
        || path.startsWith("/lxc.payload")) {
      return "lxc";
    }
    return path.contains("containerd") ? "containerd" : null;
  }

  static String firstLine(String text) {
    if (text == null) {
      return null;
    }
    String line = Lines.first(text);
    return line.isEmpty() || line.length() > MAX_LINE ? null : line;
  }
}
