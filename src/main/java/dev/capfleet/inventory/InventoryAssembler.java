package dev.capfleet.inventory;

import dev.capfleet.inventory.InventoryBuilder.GroupNode;
import dev.capfleet.inventory.InventoryBuilder.HostNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a reconciled {@link InventoryBuilder} into immutable records: depths, host order, merged
 * variables.
 */
final class InventoryAssembler {
  private final InventoryBuilder builder;
  private final InventoryBuilder.Memberships memberships;
  private final Map<GroupNode, Integer> depths = new HashMap<>();

  /**
   * Hosts listed by the same groups share their group variables and group names; big fleets have
   * few such sets.
   */
  private final Map<List<GroupNode>, Host> byMembership = new HashMap<>();

  private final AdjacentVars adjacent;

  InventoryAssembler(
      InventoryBuilder builder, InventoryBuilder.Memberships memberships, AdjacentVars adjacent) {
    this.builder = builder;
    this.memberships = memberships;
    this.adjacent = adjacent;
  }

  Inventory assemble() {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (GroupNode g : builder.groups.values()) {
      groups.put(
          g.name,
          new Group(g.name, names(g.hosts), groupNames(g.children), g.vars, g.priority, depth(g)));
    }
    List<Host> hosts = new ArrayList<>();
    for (String name : GroupWalk.hostNames(groups, InventoryBuilder.ALL)) {
      hosts.add(host(builder.hosts.get(name)));
    }
    return new Inventory(
        builder.file(), hosts, new ArrayList<>(builder.hosts.keySet()), groups, builder.warnings);
  }

  private Host host(HostNode node) {
    Host shared =
        byMembership.computeIfAbsent(List.copyOf(node.groups), groups -> groupsOnly(node));
    if (adjacent.isEmpty() && node.vars.isEmpty()) {
      return new Host(node.name, shared.vars(), shared.groups());
    }
    // Ansible's VariableManager: the host's inventory vars, then host_vars beside the inventory,
    // then beside
    // the playbook, each over everything the groups gave.
    Map<String, Object> vars = new LinkedHashMap<>(shared.vars());
    vars.putAll(node.vars);
    vars.putAll(adjacent.inventoryHost(node.name));
    vars.putAll(adjacent.playHost(node.name));
    return new Host(node.name, vars, shared.groups());
  }

  /** The variables and group names a host gets from its groups alone. */
  private Host groupsOnly(HostNode node) {
    Set<GroupNode> member = memberships.of(node);
    GroupNode all = builder.groups.get(InventoryBuilder.ALL);
    // Ansible: all's vars, then the other groups by (depth, priority, name); the host's own come
    // last.
    Map<String, Object> vars = new LinkedHashMap<>(all.vars);
    List<GroupNode> sorted =
        member.stream()
            .filter(g -> g != all)
            .sorted(
                Comparator.comparingInt(this::depth)
                    .thenComparingInt((GroupNode g) -> g.priority)
                    .thenComparing(g -> g.name))
            .toList();
    sorted.forEach(g -> vars.putAll(g.vars));
    // Then, in the default VARIABLE_PRECEDENCE: group_vars/all beside the inventory, beside the
    // playbook,
    // then group_vars of the host's groups (same order) beside the inventory, beside the playbook.
    if (!adjacent.isEmpty()) {
      List<String> names = sorted.stream().map(g -> g.name).toList();
      vars.putAll(adjacent.inventoryGroups(List.of(InventoryBuilder.ALL)));
      vars.putAll(adjacent.playGroups(List.of(InventoryBuilder.ALL)));
      vars.putAll(adjacent.inventoryGroups(names));
      vars.putAll(adjacent.playGroups(names));
    }
    List<String> groups = new ArrayList<>();
    groups.add(InventoryBuilder.ALL);
    member.stream()
        .map(g -> g.name)
        .filter(n -> !n.equals(InventoryBuilder.ALL))
        .sorted()
        .forEach(groups::add);
    return new Host(node.name, vars, groups);
  }

  /**
   * The longest path from {@code all}, which is where Ansible's incremental depth updates end up.
   */
  private int depth(GroupNode g) {
    Integer known = depths.get(g);
    if (known != null) {
      return known;
    }
    int d = 0;
    for (GroupNode parent : g.parents) {
      d = Math.max(d, depth(parent) + 1);
    }
    depths.put(g, d);
    return d;
  }

  private static List<String> names(Iterable<HostNode> hosts) {
    List<String> out = new ArrayList<>();
    hosts.forEach(h -> out.add(h.name));
    return out;
  }

  private static List<String> groupNames(List<GroupNode> groups) {
    List<String> out = new ArrayList<>();
    groups.forEach(g -> out.add(g.name));
    return out;
  }
}
