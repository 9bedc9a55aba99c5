package dev.capfleet.inventory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One inventory host: its name, its effective variables (all, then groups by depth, priority and
 * name, then the host's own, as Ansible merges them) and every group it belongs to: {@code all},
 * then the others alphabetically (Ansible's {@code group_names}).
 */
public record Host(String name, Map<String, Object> vars, List<String> groups) {
  public Host {
    Objects.requireNonNull(name, "name");
    vars = Values.freezeMap(Objects.requireNonNull(vars, "vars"));
    groups = List.copyOf(groups);
  }

  /**
   * A variable as text; absent when unset or null. Non-text values print as Ansible would ({@code
   * True}).
   */
  public Optional<String> var(String key) {
    return value(key).map(Values::text);
  }

  /**
   * A variable as its value (String, Boolean, Long, BigInteger, Double, List, Map); absent when
   * unset or null.
   */
  public Optional<Object> value(String key) {
    return Optional.ofNullable(vars.get(key));
  }

  public boolean isMemberOf(String group) {
    return groups.contains(group);
  }
}
