package dev.capfleet.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A loaded inventory: every host once, in Ansible's order, and every group by name. */
public final class Inventory {
  private final Path source;
  private final List<Host> hosts;
  private final Map<String, Host> hostsByName; // in the order the inventory first names them
  private final Map<String, Group> groups;
  private final List<String> warnings;

  Inventory(
      Path source,
      List<Host> hosts,
      List<String> declarationOrder,
      Map<String, Group> groups,
      List<String> warnings) {
    this.source = source;
    this.hosts = List.copyOf(hosts);
    Map<String, Host> byName = new LinkedHashMap<>();
    declarationOrder.forEach(name -> byName.put(name, null));
    hosts.forEach(h -> byName.put(h.name(), h));
    this.hostsByName = Collections.unmodifiableMap(byName);
    this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    this.warnings = List.copyOf(warnings);
  }

  /** The file it was read from. */
  public Path source() {
    return source;
  }

  /** Every host exactly once, in the order {@code ansible all --list-hosts} gives. */
  public List<Host> hosts() {
    return hosts;
  }

  /**
   * Every group by name, in the order they were first seen ({@code all} and {@code ungrouped}
   * first).
   */
  public Map<String, Group> groups() {
    return groups;
  }

  /** Hosts by name in the order the inventory first names them (what Ansible's name globs walk). */
  Map<String, Host> hostsInDeclarationOrder() {
    return hostsByName;
  }

  public Optional<Host> host(String name) {
    return Optional.ofNullable(hostsByName.get(name));
  }

  /**
   * The hosts of a group and of all its descendants, in Ansible's order; empty for an unknown
   * group.
   */
  public List<Host> hostsOf(String group) {
    List<Host> result = new ArrayList<>();
    for (String name : GroupWalk.hostNames(groups, group)) {
      result.add(hostsByName.get(name));
    }
    return result;
  }

  /**
   * The hosts an Ansible host pattern selects, as {@code --limit} takes it: {@code all}, {@code *},
   * names, globs, {@code ~regex}, {@code a:b} and {@code a,b} unions, {@code &g} intersections,
   * {@code !g} exclusions, group subscripts {@code g[0]} and {@code g[1:3]}. Nothing matched gives
   * an empty list.
   */
  public List<Host> select(String pattern) {
    return new HostPatterns(this).select(pattern);
  }

  /**
   * The same inventory with only these hosts, as Ansible's {@code --limit} leaves it: groups list
   * only the hosts kept (a group left with neither hosts nor children is then not printed), the
   * rest is unchanged.
   */
  public Inventory subset(List<Host> keep) {
    java.util.Set<String> names = new java.util.HashSet<>();
    keep.forEach(h -> names.add(h.name()));
    Map<String, Group> kept = new LinkedHashMap<>();
    groups.forEach(
        (name, g) ->
            kept.put(
                name,
                new Group(
                    g.name(),
                    g.hosts().stream().filter(names::contains).toList(),
                    g.children(),
                    g.vars(),
                    g.priority(),
                    g.depth())));
    List<String> order = hostsByName.keySet().stream().filter(names::contains).toList();
    return new Inventory(
        source,
        hosts.stream().filter(h -> names.contains(h.name())).toList(),
        order,
        kept,
        warnings);
  }

  /**
   * What Ansible would warn about while reading it (skipped YAML keys, a name that is a host and a
   * group).
   */
  public List<String> warnings() {
    return warnings;
  }
}
