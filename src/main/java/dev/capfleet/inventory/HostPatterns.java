package dev.capfleet.inventory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Ansible's host pattern language, evaluated as {@code InventoryManager.get_hosts} does. */
final class HostPatterns {
  private static final Pattern SUBSCRIPT =
      Pattern.compile("(.+)\\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\\]", Pattern.DOTALL);
  private static final Pattern COLON_SEPARATED =
      Pattern.compile("(?:[^\\s:\\[\\]]|\\[[^\\]]*\\])+");

  private final Inventory inventory;

  HostPatterns(Inventory inventory) {
    this.inventory = inventory;
  }

  List<Host> select(String pattern) {
    // Hosts are compared by name: records compare all their variables, which a large fleet cannot
    // afford.
    Map<String, Host> hosts = new LinkedHashMap<>();
    for (String p : ordered(split(pattern))) {
      Host exact = inventory.hostsInDeclarationOrder().get(p);
      if (exact != null) {
        hosts.putIfAbsent(p, exact);
        continue;
      }
      List<Host> matched = matchOne(p);
      if (p.charAt(0) == '!' || p.charAt(0) == '&') {
        Set<String> names = new HashSet<>();
        matched.forEach(h -> names.add(h.name()));
        boolean keep = p.charAt(0) == '&';
        hosts.keySet().removeIf(name -> names.contains(name) != keep);
      } else {
        matched.forEach(h -> hosts.putIfAbsent(h.name(), h));
      }
    }
    return new ArrayList<>(hosts.values());
  }

  /**
   * Commas separate patterns; without commas, colons do, unless the whole is one host or address.
   */
  static List<String> split(String pattern) {
    List<String> parts = new ArrayList<>();
    if (pattern.indexOf(',') >= 0) {
      parts.addAll(List.of(pattern.split(",", -1)));
    } else if (HostAddress.parseStrict(pattern) != null) {
      parts.add(pattern);
    } else {
      Matcher m = COLON_SEPARATED.matcher(pattern);
      while (m.find()) {
        parts.add(m.group());
      }
    }
    List<String> result = new ArrayList<>();
    for (String p : parts) {
      if (!p.strip().isEmpty()) {
        result.add(p.strip());
      }
    }
    return result;
  }

  /**
   * Plain patterns first, then intersections, then exclusions; only modifiers means "all" first.
   */
  private static List<String> ordered(List<String> patterns) {
    List<String> regular = new ArrayList<>();
    List<String> intersect = new ArrayList<>();
    List<String> exclude = new ArrayList<>();
    for (String p : patterns) {
      (p.charAt(0) == '!' ? exclude : p.charAt(0) == '&' ? intersect : regular).add(p);
    }
    List<String> all = new ArrayList<>(regular.isEmpty() ? List.of(InventoryBuilder.ALL) : regular);
    all.addAll(intersect);
    all.addAll(exclude);
    return all;
  }

  private List<Host> matchOne(String pattern) {
    String p =
        pattern.charAt(0) == '!' || pattern.charAt(0) == '&' ? pattern.substring(1) : pattern;
    if (p.isEmpty()) {
      return List.of();
    }
    Matcher sub = p.charAt(0) == '~' ? null : SUBSCRIPT.matcher(p);
    if (sub == null || !sub.matches()) {
      return matches(p);
    }
    List<Host> hosts = matches(sub.group(1));
    if (hosts.isEmpty()) {
      return hosts;
    }
    if (sub.group(2) != null) {
      int index = Integer.parseInt(sub.group(2));
      int at = index < 0 ? hosts.size() + index : index;
      return at >= 0 && at < hosts.size() ? List.of(hosts.get(at)) : List.of();
    }
    int start = Integer.parseInt(sub.group(3));
    int end = sub.group(5).isEmpty() ? hosts.size() - 1 : Integer.parseInt(sub.group(5));
    if (end == 0) {
      // Ansible reads a zero end as "no end": g[3:0] is g[3].
      return start < hosts.size() ? List.of(hosts.get(start)) : List.of();
    }
    return start >= hosts.size()
        ? List.of()
        : hosts.subList(start, Math.min(end + 1, hosts.size()));
  }

  /**
   * Hosts of every group the pattern names, then (for globs, regexes or no group) hosts it names.
   */
  private List<Host> matches(String pattern) {
    Pattern regex = compile(pattern);
    boolean isRegex = pattern.charAt(0) == '~';
    List<Host> results = new ArrayList<>();
    boolean anyGroup = false;
    for (String group : inventory.groups().keySet()) {
      if (matches(regex, group, isRegex)) {
        anyGroup = true;
        results.addAll(inventory.hostsOf(group));
      }
    }
    boolean special = isRegex || pattern.chars().anyMatch(c -> ".?*[".indexOf(c) >= 0);
    if (!anyGroup || special) {
      for (Map.Entry<String, Host> e : inventory.hostsInDeclarationOrder().entrySet()) {
        if (matches(regex, e.getKey(), isRegex)) {
          results.add(e.getValue());
        }
      }
    }
    return results;
  }

  private static boolean matches(Pattern regex, String name, boolean isRegex) {
    Matcher m = regex.matcher(name);
    return isRegex ? m.lookingAt() : m.matches();
  }

  private static Pattern compile(String pattern) {
    try {
      return pattern.charAt(0) == '~'
          ? Pattern.compile(pattern.substring(1))
          : Pattern.compile(Glob.toRegex(pattern), Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw new InventoryException("Invalid host list pattern: " + pattern);
    }
  }
}
