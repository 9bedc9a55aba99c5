package dev.capfleet.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes random but valid inventories (groups, children, ranges, ports, vars) as INI or YAML text.
 */
final class RandomInventory {
  private static final String[] KEYS = {
    "role", "env", "tier", "port_hint", "flag", "owner", "ansible_user", "weight"
  };

  /**
   * One group of the random fleet: its hosts (entries as written, maybe ranges or host:port), vars,
   * children.
   */
  private static final class G {
    final String name;
    final List<String> hosts = new ArrayList<>();
    final Map<String, Object> hostVars = new LinkedHashMap<>(); // host entry -> Map of vars
    final Map<String, Object> vars = new LinkedHashMap<>();
    final List<G> children = new ArrayList<>();

    G(String name) {
      this.name = name;
    }
  }

  private final Random random;
  private final List<G> groups = new ArrayList<>();
  private final List<String> ungrouped = new ArrayList<>();

  private RandomInventory(Random random) {
    this.random = random;
    int groupCount = 1 + random.nextInt(7);
    List<String> hostPool = new ArrayList<>();
    for (int i = 0; i < 4 + random.nextInt(8); i++) {
      hostPool.add(hostEntry(i));
    }
    for (int i = 0; i < groupCount; i++) {
      G g = new G((random.nextInt(4) == 0 ? "grp-" : "g") + i);
      groups.add(g);
      for (int h = random.nextInt(4); h > 0; h--) {
        String host = hostPool.get(random.nextInt(hostPool.size()));
        if (!g.hosts.contains(host)) {
          g.hosts.add(host);
          if (random.nextInt(3) == 0) {
            g.hostVars.put(host, vars(1 + random.nextInt(2)));
          }
        }
      }
      if (random.nextInt(2) == 0) {
        g.vars.putAll(vars(1 + random.nextInt(3)));
      }
      if (random.nextInt(5) == 0) {
        g.vars.put("ansible_group_priority", random.nextInt(3) * 5);
      }
      // Parents only among earlier groups, so there is never a loop.
      if (i > 0 && random.nextInt(2) == 0) {
        groups.get(random.nextInt(i)).children.add(g);
      }
      if (i > 1 && random.nextInt(4) == 0) {
        G second = groups.get(random.nextInt(i));
        if (!second.children.contains(g)) {
          second.children.add(g);
        }
      }
    }
    for (int u = random.nextInt(3); u > 0; u--) {
      ungrouped.add("loose" + random.nextInt(5));
    }
  }

  static RandomInventory create(Random random) {
    return new RandomInventory(random);
  }

  private String hostEntry(int i) {
    switch (random.nextInt(8)) {
      case 6:
        return "[2001:db8::" + Integer.toHexString(i + 10) + "]:" + (2300 + random.nextInt(50));
      case 7:
        return "2001:db8::" + Integer.toHexString(i + 10);
      case 0:
        return "web[0" + random.nextInt(3) + ":0" + (3 + random.nextInt(5)) + "].x" + i;
      case 1:
        return "n" + i + "-[a:" + (char) ('b' + random.nextInt(4)) + "]";
      case 2:
        return "h" + i + ":" + (2200 + random.nextInt(50));
      case 3:
        return "10.0." + i + "." + random.nextInt(250);
      default:
        return "host" + i + ".example.com";
    }
  }

  private Map<String, Object> vars(int count) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String key = KEYS[random.nextInt(KEYS.length)];
      vars.put(key, value());
    }
    return vars;
  }

  private Object value() {
    switch (random.nextInt(8)) {
      case 6:
        return "hash#inside " + random.nextInt(9);
      case 7:
        return random.nextInt(100) + 0.5;
      case 0:
        return random.nextInt(10_000);
      case 1:
        return random.nextBoolean();
      case 2:
        return List.of(random.nextInt(9), "w" + random.nextInt(9));
      case 3:
        return "two words " + random.nextInt(99);
      case 4:
        return String.valueOf(random.nextInt(500)); // text that looks like a number
      default:
        return "v" + random.nextInt(99);
    }
  }

  /**
   * INI text; sections come in shuffled order, so children are often named before they are
   * declared.
   */
  String ini() {
    List<String> sections = new ArrayList<>();
    StringBuilder head = new StringBuilder("# generated\n");
    ungrouped.forEach(h -> head.append(h).append('\n'));
    for (G g : groups) {
      StringBuilder s = new StringBuilder("[" + g.name + "]\n");
      for (String host : g.hosts) {
        s.append(host);
        Object hv = g.hostVars.get(host);
        if (hv instanceof Map<?, ?> m) {
          m.forEach((k, v) -> s.append(' ').append(k).append('=').append(iniHostValue(v)));
        }
        s.append(random.nextInt(5) == 0 ? "  # comment\n" : "\n");
      }
      sections.add(s.toString());
      if (!g.children.isEmpty()) {
        StringBuilder c = new StringBuilder("[" + g.name + ":children]\n");
        g.children.forEach(child -> c.append(child.name).append('\n'));
        sections.add(c.toString());
      }
      if (!g.vars.isEmpty()) {
        StringBuilder v = new StringBuilder("[" + g.name + ":vars]\n");
        g.vars.forEach(
            (k, val) ->
                v.append(k)
                    .append(random.nextBoolean() ? " = " : "=")
                    .append(iniVarsValue(val))
                    .append('\n'));
        sections.add(v.toString());
      }
    }
    if (random.nextBoolean()) {
      sections.add("[all:vars]\n" + "owner=fleet\n");
    }
    Collections.shuffle(sections, random);
    return head + String.join("\n; section\n", sections);
  }

  private static String iniHostValue(Object v) {
    if (v instanceof String s) {
      return s.contains(" ") ? "\"" + s + "\"" : s.matches("[0-9]+") ? "\"'" + s + "'\"" : s;
    }
    if (v instanceof List<?> l) {
      return "\"[" + l.get(0) + ", '" + l.get(1) + "']\"";
    }
    return v instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(v);
  }

  private static String iniVarsValue(Object v) {
    if (v instanceof String s) {
      return s.matches("[0-9]+") ? "'" + s + "'" : s;
    }
    if (v instanceof List<?> l) {
      return "[" + l.get(0) + ", '" + l.get(1) + "']";
    }
    return v instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(v);
  }

  /**
   * YAML text: each group once at the top level or nested under a parent, referenced elsewhere by
   * name.
   */
  String yaml() {
    StringBuilder out = new StringBuilder("# generated\n");
    if (!ungrouped.isEmpty()) {
      out.append("ungrouped:\n  hosts:\n");
      ungrouped.forEach(h -> out.append("    ").append(h).append(":\n"));
    }
    List<G> written = new ArrayList<>();
    for (G g : groups) {
      if (!written.contains(g)) {
        writeGroup(g, 0, written, out);
      }
    }
    if (random.nextBoolean()) {
      out.append("all:\n  vars:\n    owner: fleet\n");
    }
    return out.toString();
  }

  private void writeGroup(G g, int depth, List<G> written, StringBuilder out) {
    String pad = "  ".repeat(depth);
    written.add(g);
    out.append(pad).append(g.name).append(":\n");
    if (!g.hosts.isEmpty()) {
      out.append(pad).append("  hosts:\n");
      for (String host : g.hosts) {
        out.append(pad).append("    \"").append(host).append("\":");
        Object hv = g.hostVars.get(host);
        out.append(hv == null ? "\n" : " " + yamlValue(hv) + "\n");
      }
    }
    if (!g.vars.isEmpty()) {
      out.append(pad).append("  vars: ").append(yamlValue(g.vars)).append('\n');
    }
    if (!g.children.isEmpty()) {
      out.append(pad).append("  children:\n");
      for (G child : g.children) {
        if (written.contains(child) || random.nextBoolean()) {
          out.append(pad).append("    ").append(child.name).append(":\n");
        } else {
          writeGroup(child, depth + 2, written, out);
        }
      }
    }
  }

  private static String yamlValue(Object v) {
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      l.forEach(item -> items.add(yamlValue(item)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> items = new ArrayList<>();
      m.forEach((k, val) -> items.add(k + ": " + yamlValue(val)));
      return "{" + String.join(", ", items) + "}";
    }
    return String.valueOf(v);
  }
}
