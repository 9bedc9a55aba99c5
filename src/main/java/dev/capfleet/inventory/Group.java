package dev.capfleet.inventory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory group as written: the hosts and child groups it lists itself (in inventory order),
 * its own variables, its {@code ansible_group_priority} and its depth below {@code all}.
 */
public record Group(
    String name,
    List<String> hosts,
    List<String> children,
    Map<String, Object> vars,
    int priority,
    int depth) {
  public Group {
    Objects.requireNonNull(name, "name");
    hosts = List.copyOf(hosts);
    children = List.copyOf(children);
    vars = Values.freezeMap(Objects.requireNonNull(vars, "vars"));
  }
}
