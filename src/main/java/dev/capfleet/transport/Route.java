package dev.capfleet.transport;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.HostConfigEntry;

/**
 * The sessions on the way to a target, first hop first: its ProxyJump hosts, then the target.
 *
 * @param hops at least one; the last is the target
 */
record Route(List<Hop> hops) {

  Route {
    hops = List.copyOf(hops);
  }

  static Route to(SshTarget target, String defaultUser) {
    String user = target.user() == null || target.user().isBlank() ? defaultUser : target.user();
    List<Hop> hops = new ArrayList<>();
    for (SshTarget.Jump j : target.jumps()) {
      hops.add(Hop.of(j, j.user() == null ? user : j.user(), target));
    }
    hops.add(Hop.of(target, user));
    return new Route(hops);
  }

  Hop first() {
    return hops.get(0);
  }

  Hop target() {
    return hops.get(hops.size() - 1);
  }

  /**
   * What MINA connects to over TCP: the first hop (a jump host, or the target itself). Later hops
   * are reached through the previous hop's session ({@link HopClient#connectThrough}).
   *
   * @param firstIp the first hop's address, resolved here so MINA does not resolve it again
   */
  HostConfigEntry firstHostConfig(String firstIp) {
    Hop h = first();
    return new HostConfigEntry(h.address(), firstIp, h.port(), h.user());
  }
}
