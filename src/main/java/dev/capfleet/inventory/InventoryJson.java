package dev.capfleet.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The output of {@code ansible-inventory --list} and {@code --graph}, from a loaded {@link
 * Inventory}.
 */
public final class InventoryJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private InventoryJson() {}

  /**
   * The {@code --list} document: one key per non-empty group with its own {@code hosts} and {@code
   * children}, {@code all.children}, and {@code _meta.hostvars} with each host's effective
   * variables. Keys are sorted, as ansible-inventory prints them.
   */
  public static ObjectNode list(Inventory inventory) {
    TreeMap<String, JsonNode> top = new TreeMap<>();
    addGroup(inventory, inventory.groups().get(InventoryBuilder.ALL), top, new HashSet<>());
    ObjectNode hostvars = JSON.objectNode();
    new TreeMap<>(byName(inventory.hosts()))
        .forEach(
            (name, host) -> {
              if (!host.vars().isEmpty()) {
                hostvars.set(name, toJson(host.vars()));
              }
            });
    ObjectNode meta = JSON.objectNode();
    meta.set("hostvars", hostvars);
    top.put("_meta", meta);
    ObjectNode result = JSON.objectNode();
    top.forEach(result::set);
    return result;
  }

  private static void addGroup(
      Inventory inventory, Group group, Map<String, JsonNode> out, Set<String> seen) {
    // Keys in ansible-inventory's sorted order; empty lists and then empty groups are left out.
    ObjectNode node = JSON.objectNode();
    if (!group.children().isEmpty()) {
      ArrayNode children = node.putArray("children");
      group.children().forEach(children::add);
    }
    if (!group.name().equals(InventoryBuilder.ALL) && !group.hosts().isEmpty()) {
      ArrayNode hosts = node.putArray("hosts");
      group.hosts().forEach(hosts::add);
    }
    if (!node.isEmpty()) {
      out.put(group.name(), node);
    }
    for (String child : group.children()) {
      if (seen.add(child)) {
        addGroup(inventory, inventory.groups().get(child), out, seen);
      }
    }
  }

  /**
   * The {@code --graph} tree from {@code all}: {@code @group:} lines, {@code |--} per level, every
   * path printed (a group with two parents appears twice), without a trailing newline.
   */
  public static String graph(Inventory inventory) {
    return graph(inventory, InventoryBuilder.ALL, false);
  }

  /**
   * The {@code --graph [GROUP] [--vars]} tree; an unknown group is an {@link InventoryException}.
   */
  public static String graph(Inventory inventory, String group, boolean withVars) {
    Group start = inventory.groups().get(group);
    if (start == null) {
      throw new InventoryException("Pattern must be valid group name when using --graph: " + group);
    }
    List<String> lines = new ArrayList<>();
    graphGroup(inventory, start, 0, withVars, lines);
    return String.join("\n", lines);
  }

  private static void graphGroup(
      Inventory inventory, Group group, int depth, boolean withVars, List<String> lines) {
    lines.add(indent("@" + group.name() + ":", depth));
    for (String child : group.children()) {
      graphGroup(inventory, inventory.groups().get(child), depth + 1, withVars, lines);
    }
    if (!group.name().equals(InventoryBuilder.ALL)) {
      for (String hostName : group.hosts()) {
        lines.add(indent(hostName, depth + 1));
        if (withVars) {
          showVars(
              "host " + hostName, inventory.host(hostName).orElseThrow().vars(), depth + 2, lines);
        }
      }
    }
    if (withVars) {
      Map<String, Object> vars = new TreeMap<>(group.vars());
      if (group.priority() != 1) {
        vars.put("ansible_group_priority", (long) group.priority());
      }
      showVars("group " + group.name(), vars, depth + 1, lines);
    }
  }

  private static void showVars(
      String owner, Map<String, Object> vars, int depth, List<String> lines) {
    new TreeMap<>(vars)
        .forEach(
            (k, v) -> {
              if (holdsVault(v)) {
                // ansible-inventory --graph --vars prints str(value), which decrypts: without the
                // vault password it stops ("Attempting to decrypt but no vault secrets found").
                throw new InventoryException(
                    owner
                        + ": variable "
                        + k
                        + " is vault-encrypted (!vault), which --graph --vars would have to"
                        + " decrypt; capfleet never decrypts vaults (--list shows it encrypted)");
              }
              lines.add(indent("{" + k + " = " + PythonRepr.str(v) + "}", depth));
            });
  }

  private static boolean holdsVault(Object value) {
    if (value instanceof TaggedText t) {
      return t.isVault();
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(InventoryJson::holdsVault);
    }
    return value instanceof Map<?, ?> map
        && map.values().stream().anyMatch(InventoryJson::holdsVault);
  }

  private static String indent(String name, int depth) {
    return depth == 0 ? name : "  |".repeat(depth) + "--" + name;
  }

  /** A value as JSON, maps with sorted keys as ansible-inventory prints them. */
  static JsonNode toJson(Object value) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof String s) {
      return JSON.textNode(s);
    }
    if (value instanceof TaggedText t) {
      // Ansible's JSON encoder (vault_to_text off, as ansible-inventory uses it) keeps the tag.
      ObjectNode tagged = JSON.objectNode();
      tagged.put(t.kind().jsonKey(), t.text());
      return tagged;
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof Long l) {
      return JSON.numberNode(l);
    }
    if (value instanceof BigInteger b) {
      return JSON.numberNode(b);
    }
    if (value instanceof Double d) {
      return JSON.numberNode(d);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = JSON.arrayNode();
      list.forEach(item -> array.add(toJson(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = JSON.objectNode();
      new TreeMap<>(Values.freezeMap(map)).forEach((k, v) -> object.set(k, toJson(v)));
      return object;
    }
    return JSON.textNode(value.toString());
  }

  private static Map<String, Host> byName(List<Host> hosts) {
    Map<String, Host> map = new TreeMap<>();
    hosts.forEach(h -> map.put(h.name(), h));
    return map;
  }
}
