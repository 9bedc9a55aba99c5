package dev.capfleet.demo;

import dev.capfleet.core.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * One host of a running demo fleet, as the generated inventory lists it.
 *
 * @param name inventory host name
 * @param groups inventory groups the host is in
 * @param address loopback address it listens on (127.0.x.y)
 * @param port TCP port
 * @param mode {@code ecapture_mode} for the host, or null for the default (text)
 * @param binary the eCapture path its recorded answer is about ({@code ecapture_path} when not the
 *     default)
 * @param behaviour how the host treats a connection
 * @param fixture resource name of its recorded probe answer, or null when it never answers
 * @param expect the verdict the bundled requirement model gives it
 * @param why one line on why it gets that verdict
 */
public record DemoHost(
    String name,
    List<String> groups,
    String address,
    int port,
    String mode,
    String binary,
    Behaviour behaviour,
    String fixture,
    Verdict expect,
    String why) {

  /** Where the demo fleet's answers say eCapture is, unless a host says otherwise. */
  public static final String DEFAULT_BINARY = "/usr/local/bin/ecapture";

  /** How a demo host treats a connection. */
  public enum Behaviour {
    /** Accepts the probe command and answers with its recorded output. */
    ANSWER,
    /** Nothing listens on its address and port. */
    UNREACHABLE,
    /** Accepts the probe command, reads the script and never answers. */
    HANG
  }

  public DemoHost {
    Objects.requireNonNull(name, "name");
    groups = List.copyOf(groups);
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(behaviour, "behaviour");
  }

  /** {@code [address]:port} as known_hosts and OpenSSH name a host on a port other than 22. */
  public String knownHostsName() {
    return port == 22 ? address : "[" + address + "]:" + port;
  }
}
