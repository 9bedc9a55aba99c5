package dev.capfleet.transport;

import java.io.IOException;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The known_hosts files one host is checked against, read together as ssh reads its {@code
 * UserKnownHostsFile} list: a revoked key in any file refuses, a matching key in any file trusts
 * (even when another file holds a different key), and only then does a different key count as
 * changed. New keys are appended to the first file.
 */
final class KnownHostsFiles {
  private final List<KnownHosts> files;

  KnownHostsFiles(List<KnownHosts> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no known_hosts file");
    }
    this.files = List.copyOf(files);
  }

  static KnownHostsFiles of(KnownHosts file) {
    return new KnownHostsFiles(List.of(file));
  }

  /** The files, for messages: {@code /a/known_hosts} or {@code /a/known_hosts, /b/known_hosts}. */
  String describe() {
    return files.stream().map(f -> f.file().toString()).collect(Collectors.joining(", "));
  }

  Set<String> keyTypes(String host, int port) {
    Set<String> types = new LinkedHashSet<>();
    for (KnownHosts f : files) {
      types.addAll(f.keyTypes(host, port));
    }
    return types;
  }

  HostKeyVerdict check(String host, int port, PublicKey offered) {
    HostKeyVerdict best = null;
    for (KnownHosts f : files) {
      HostKeyVerdict v = f.check(host, port, offered);
      if (best == null || rank(v.kind()) > rank(best.kind())) {
        best = v;
      }
    }
    return best;
  }

  HostKeyVerdict trustOnFirstUse(String host, int port, PublicKey offered) throws IOException {
    HostKeyVerdict now = check(host, port, offered);
    if (now.kind() != HostKeyVerdict.Kind.UNKNOWN) {
      return now;
    }
    return files.get(0).trustOnFirstUse(host, port, offered);
  }

  private static int rank(HostKeyVerdict.Kind kind) {
    return switch (kind) {
      case UNKNOWN -> 0;
      case CHANGED -> 1;
      case TRUSTED, ADDED -> 2;
      case REVOKED -> 3;
    };
  }
}
