package dev.capfleet.inventory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Shard {@code index} of {@code count}: a stable split of an inventory so that N scanners each take
 * a part.
 *
 * <p>A host belongs to shard {@code 1 + (H mod count)}, where H is the first 8 bytes of SHA-256 of
 * its inventory name (UTF-8) read as an unsigned number: {@code printf %s NAME | sha256sum | cut
 * -c1-16} in hex. It depends on the name alone, not on the inventory's order, other hosts or the
 * machine, so every shard of one inventory, scanned anywhere, covers each host exactly once, and a
 * host stays in its shard while others come and go.
 *
 * @param index 1-based, at most {@code count}
 * @param count number of shards, at least 1
 */
public record Shard(int index, int count) {
  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          "shard must be K/N with 1 <= K <= N, not " + index + "/" + count);
    }
  }

  /** Parses {@code K/N}, e.g. {@code 2/8}. */
  public static Shard parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("shard must be K/N (e.g. 2/8), not '" + text + "'");
    }
    try {
      return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("shard must be K/N (e.g. 2/8), not '" + text + "'");
    }
  }

  /** The 1-based shard that {@code hostName} belongs to among {@code count}. */
  public static int of(String hostName, int count) {
    byte[] digest = sha256(hostName.getBytes(StandardCharsets.UTF_8));
    BigInteger h = new BigInteger(1, java.util.Arrays.copyOf(digest, 8));
    return 1 + h.mod(BigInteger.valueOf(count)).intValue();
  }

  public boolean contains(String hostName) {
    return of(hostName, count) == index;
  }

  /** The hosts of this shard, in their inventory order. */
  public List<Host> select(List<Host> hosts) {
    return hosts.stream().filter(h -> contains(h.name())).toList();
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
