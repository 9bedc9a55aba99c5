package dev.capfleet.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a group and its descendants level by level, as Ansible's {@code Group.get_hosts} does.
 * Ansible visits the groups of one level in Python set order, which no one can rely on; we visit
 * them in the order their parents list them, which agrees with Ansible for flat inventories and is
 * stable.
 */
final class GroupWalk {
  private GroupWalk() {}

  static List<String> hostNames(Map<String, Group> groups, String root) {
    Set<String> names = new LinkedHashSet<>();
    for (Group g : groupsUnder(groups, root)) {
      names.addAll(g.hosts());
    }
    return new ArrayList<>(names);
  }

  /** The root, its children, then each further level; empty for an unknown root. */
  static List<Group> groupsUnder(Map<String, Group> groups, String root) {
    Group start = groups.get(root);
    List<Group> ordered = new ArrayList<>();
    if (start == null) {
      return ordered;
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Group> level = List.of(start);
    seen.add(root);
    ordered.add(start);
    while (!level.isEmpty()) {
      List<Group> next = new ArrayList<>();
      for (Group g : level) {
        for (String child : g.children()) {
          if (seen.add(child)) {
            Group c = groups.get(child);
            ordered.add(c);
            next.add(c);
          }
        }
      }
      level = next;
    }
    return ordered;
  }
}
