package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  void everyHostFallsInExactlyOneShard() {
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      hosts.add(new Host("web-" + i + ".example.org", Map.of(), List.of()));
    }
    for (int n : new int[] {1, 2, 3, 7, 16}) {
      Set<String> seen = new HashSet<>();
      int total = 0;
      for (int k = 1; k <= n; k++) {
        List<Host> part = new Shard(k, n).select(hosts);
        total += part.size();
        part.forEach(h -> seen.add(h.name()));
        assertTrue(part.size() > 1000 / n / 2, "shard " + k + "/" + n + " has only " + part.size());
      }
      assertEquals(1000, total);
      assertEquals(1000, seen.size());
    }
  }

  @Test
  void shardOfANameIsTheSha256PrefixModN() {
    // printf %s h00001 | sha256sum -> 911ec1089a1f1cd9...; 0x911ec1089a1f1cd9 mod 4 = 1, mod 7 = 5
    assertEquals(2, Shard.of("h00001", 4));
    assertEquals(6, Shard.of("h00001", 7));
    assertTrue(new Shard(2, 4).contains("h00001"));
  }

  @Test
  void keepsInventoryOrder() {
    List<Host> hosts =
        List.of(
            new Host("a", Map.of(), List.of()),
            new Host("b", Map.of(), List.of()),
            new Host("c", Map.of(), List.of()));
    assertEquals(hosts, new Shard(1, 1).select(hosts));
  }

  @Test
  void parsesKOverNAndRefusesTheRest() {
    assertEquals(new Shard(2, 8), Shard.parse("2/8"));
    assertEquals(new Shard(1, 1), Shard.parse(" 1 / 1 "));
    for (String bad : new String[] {"0/4", "5/4", "1/0", "2", "a/b", "1/2/3", "", "-1/4"}) {
      assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
    }
  }
}
