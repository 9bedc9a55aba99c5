package dev.capfleet.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.kex.KeyExchangeFactory;

/**
 * Which key exchange the client proposes first. Both choices are secure against today's attackers;
 * they differ in what a future quantum computer could do with a recorded session, and in CPU.
 *
 * <p>{@link #FAST} proposes curve25519-sha256 first: a few milliseconds on each end. {@link #PQ}
 * proposes the post-quantum hybrids first (sntrup761x25519-sha512, as OpenSSH 9.0+ does): MINA
 * computes sntrup761 in Java, about 70 ms more client CPU per host, which on a 2-core machine is
 * most of a scan's CPU. The hybrids protect recorded traffic against "harvest now, decrypt later";
 * capfleet's sessions carry the probe's read-only facts (kernel, capabilities, mounts) and no
 * secret, and host authentication is the same under both.
 */
public enum KexPreference {
  FAST,
  PQ;

  /** Hybrids with a post-quantum KEM, by name (sntrup761x25519, mlkem768x25519, ...). */
  static boolean postQuantum(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("sntrup") || n.startsWith("mlkem");
  }

  /**
   * MINA's defaults reordered: for FAST the hybrids go last, for PQ first; nothing is added or
   * dropped.
   */
  List<KeyExchangeFactory> order(List<KeyExchangeFactory> defaults) {
    List<KeyExchangeFactory> hybrids = new ArrayList<>();
    List<KeyExchangeFactory> classic = new ArrayList<>();
    for (KeyExchangeFactory f : defaults) {
      (postQuantum(f.getName()) ? hybrids : classic).add(f);
    }
    List<KeyExchangeFactory> out = new ArrayList<>(defaults.size());
    out.addAll(this == FAST ? classic : hybrids);
    out.addAll(this == FAST ? hybrids : classic);
    return out;
  }
}
