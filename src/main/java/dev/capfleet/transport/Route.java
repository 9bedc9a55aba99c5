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
   * What MINA connects to: the target, through {@code ProxyJump} when there are jump hosts.
   *
   * @param firstIp the first hop's address, resolved here so MINA does not resolve it again
   */
  HostConfigEntry hostConfig(String firstIp) {
    Hop t = target();
    if (hops.size() == 1) {
      return new HostConfigEntry(t.address(), firstIp, t.port(), t.user());
    }
    HostConfigEntry entry = new HostConfigEntry(t.address(), t.address(), t.port(), t.user());
    StringBuilder jumps = new StringBuilder();
    for (int i = 0; i < hops.size() - 1; i++) {
      Hop h = hops.get(i);
      String host = i == 0 ? firstIp : h.address();
      jumps.append(i == 0 ? "" : ",").append(h.user()).append('@');
      jumps.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(h.port());
    }
    entry.setProxyJump(jumps.toString());
    return entry;
  }
}
