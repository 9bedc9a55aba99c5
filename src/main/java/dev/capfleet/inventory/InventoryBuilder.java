package dev.capfleet.inventory;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable graph that the parsers fill, with the rules of Ansible's {@code InventoryData}:
 * implicit {@code all} and {@code ungrouped}, loop checks, {@code ansible_group_priority}, and the
 * reconciliation that hangs orphan groups under {@code all} and group-less hosts under {@code
 * ungrouped}.
 */
final class InventoryBuilder {
  static final String ALL = "all";
  static final String UNGROUPED = "ungrouped";

  /** A group while it is being built. */
  static final class GroupNode {
    final String name;
    final Set<HostNode> hosts = new LinkedHashSet<>(); // a set: fleets of many thousand hosts
    final List<GroupNode> children = new ArrayList<>();
    final List<GroupNode> parents = new ArrayList<>();
    final Map<String, Object> vars = new LinkedHashMap<>();
    int priority = 1;

    GroupNode(String name) {
      this.name = name;
    }
  }

  /** A host while it is being built; its groups are the ones that list it directly. */
  static final class HostNode {
    final String name;
    final Map<String, Object> vars = new LinkedHashMap<>();
    final List<GroupNode> groups = new ArrayList<>();

    HostNode(String name) {
      this.name = name;
    }
  }

  private Path file; // the source being read; an inventory of several sources reads them in turn
  final Map<String, GroupNode> groups = new LinkedHashMap<>();
  final Map<String, HostNode> hosts = new LinkedHashMap<>();
  final List<String> warnings = new ArrayList<>();

  InventoryBuilder(Path file) {
    this.file = file;
    addGroup(0, ALL);
    addGroup(0, UNGROUPED);
    addChild(0, ALL, UNGROUPED);
  }

  Path file() {
    return file;
  }

  /** The next source of an inventory made of several: errors from here on name it. */
  void readingFrom(Path source) {
    this.file = source;
  }

  InventoryException error(int line, String message) {
    return new InventoryException(file, line, message);
  }

  boolean hasGroup(String name) {
    return groups.containsKey(name);
  }

  void addGroup(int line, String name) {
    if (name == null || name.isEmpty()) {
      throw error(line, "empty group name");
    }
    groups.computeIfAbsent(name, GroupNode::new);
  }

  /**
   * Adds a host (once; a port counts only where the host first appears) and makes it a member of
   * group.
   */
  void addHost(int line, String name, String group, BigInteger port) {
    if (name == null || name.isEmpty()) {
      throw error(line, "empty host name");
    }
    HostNode host = hosts.get(name);
    if (host == null) {
      host = new HostNode(name);
      hosts.put(name, host);
      if (port != null && port.signum() != 0) {
        host.vars.put("ansible_port", Values.normalize(port));
      }
    }
    if (group != null) {
      addHostToGroup(groups.get(group), host);
    }
  }

  /** Sets a variable on a group or host; like Ansible, a name that is both means the group. */
  void setVariable(int line, String entity, String key, Object value) {
    GroupNode group = groups.get(entity);
    if (group != null) {
      if ("ansible_group_priority".equals(key)) {
        group.priority = priority(line, entity, value);
      } else {
        group.vars.put(key, value);
      }
      return;
    }
    HostNode host = hosts.get(entity);
    if (host == null) {
      throw error(line, "no group or host named " + entity);
    }
    host.vars.put(key, value);
  }

  /** Makes {@code child} (a group, else a host) a member of {@code parent}. */
  void addChild(int line, String parent, String child) {
    GroupNode p = groups.get(parent);
    if (p == null) {
      throw error(line, parent + " is not a known group");
    }
    GroupNode c = groups.get(child);
    if (c != null) {
      addChildGroup(line, p, c);
    } else if (hosts.containsKey(child)) {
      addHostToGroup(p, hosts.get(child));
    } else {
      throw error(line, child + " is not a known host nor group");
    }
  }

  private void addChildGroup(int line, GroupNode parent, GroupNode child) {
    if (parent == child) {
      throw error(line, "group '" + child.name + "' cannot be a child of itself");
    }
    if (parent.children.contains(child)) {
      return;
    }
    if (ancestors(parent).contains(child)) {
      throw error(
          line,
          "Adding group '"
              + child.name
              + "' as child to '"
              + parent.name
              + "' creates a recursive dependency loop.");
    }
    parent.children.add(child);
    if (!child.parents.contains(parent)) {
      child.parents.add(parent);
    }
  }

  private static void addHostToGroup(GroupNode group, HostNode host) {
    if (group.hosts.add(host)) {
      host.groups.add(group);
    }
  }

  static Set<GroupNode> ancestors(GroupNode group) {
    Set<GroupNode> seen = new LinkedHashSet<>();
    List<GroupNode> todo = new ArrayList<>(group.parents);
    while (!todo.isEmpty()) {
      GroupNode g = todo.remove(todo.size() - 1);
      if (seen.add(g)) {
        todo.addAll(g.parents);
      }
    }
    return seen;
  }

  /**
   * Every group of a host: the ones that list it and all their ancestors. Computed once per
   * distinct list of own groups, as fleets have many hosts and few such lists; valid once the group
   * graph no longer changes.
   */
  static final class Memberships {
    private final Map<GroupNode, Set<GroupNode>> ancestry = new HashMap<>();
    private final Map<List<GroupNode>, Set<GroupNode>> byOwnGroups = new HashMap<>();

    /** The host's groups; the set is shared, never change it. */
    Set<GroupNode> of(HostNode host) {
      return byOwnGroups.computeIfAbsent(
          List.copyOf(host.groups),
          own -> {
            Set<GroupNode> all = new LinkedHashSet<>();
            for (GroupNode g : own) {
              all.add(g);
              all.addAll(ancestry.computeIfAbsent(g, InventoryBuilder::ancestors));
            }
            return all;
          });
    }
  }

  private int priority(int line, String group, Object value) {
    Object v = value;
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof Number n && !(v instanceof Double)) {
      return n.intValue();
    }
    if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return d.intValue();
    }
    BigInteger parsed = v instanceof String s ? HostRange.pythonInt(s) : null;
    if (parsed == null) {
      throw error(
          line,
          "ansible_group_priority of group " + group + " must be an integer, got '" + v + "'");
    }
    return parsed.intValue();
  }

  /** Applies Ansible's reconciliation and freezes the result. */
  Inventory build() {
    return build(AdjacentVars.NONE);
  }

  /**
   * As {@link #build()}, with the group_vars and host_vars found beside the sources and the
   * playbook.
   */
  Inventory build(AdjacentVars adjacent) {
    GroupNode all = groups.get(ALL);
    GroupNode ungrouped = groups.get(UNGROUPED);
    for (GroupNode g : new ArrayList<>(groups.values())) {
      if (g != all && g.parents.isEmpty()) {
        addChildGroup(0, all, g);
      }
    }
    Memberships memberships = new Memberships(); // the group graph is final from here on
    for (HostNode host : hosts.values()) {
      Set<GroupNode> member = memberships.of(host);
      if (member.contains(ungrouped)) {
        Set<GroupNode> others = new LinkedHashSet<>(member);
        others.remove(all);
        others.remove(ungrouped);
        if (!others.isEmpty() && ungrouped.hosts.remove(host)) {
          host.groups.remove(ungrouped);
        }
      } else if (member.isEmpty() || (member.size() == 1 && member.contains(all))) {
        addHostToGroup(ungrouped, host);
      }
    }
    for (String name : hosts.keySet()) {
      if (groups.containsKey(name)) {
        warnings.add("Found both group and host with same name: " + name);
      }
    }
    return new InventoryAssembler(this, memberships, adjacent).assemble();
  }
}
