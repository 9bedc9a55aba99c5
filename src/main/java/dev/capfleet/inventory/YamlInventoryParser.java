package dev.capfleet.inventory;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a YAML inventory as Ansible's yaml plugin does: top-level keys are groups, each with
 * optional {@code hosts}, {@code vars} and {@code children} mappings, nested to any depth.
 */
final class YamlInventoryParser {
  private static final List<String> SECTIONS = List.of("vars", "children", "hosts");

  /** A mapping key as Ansible sees it (its constructed value) with the node it came from. */
  private record Entry(Object key, Node keyNode, Node value) {}

  private final YamlReader yaml;
  private final InventoryBuilder builder;

  private YamlInventoryParser(InventoryBuilder builder) {
    this.yaml = new YamlReader(builder.file());
    this.builder = builder;
  }

  /** The root node if the text is a YAML mapping (which makes it a YAML inventory), else null. */
  static MappingNode rootMapping(Path file, String text) {
    Node root = new YamlReader(file).compose(text);
    return root instanceof MappingNode m ? m : null;
  }

  static Inventory parse(Path file, MappingNode root) {
    InventoryBuilder builder = new InventoryBuilder(file);
    parseInto(builder, root);
    return builder.build();
  }

  /** Adds one YAML source to an inventory being built from several (the builder names the file). */
  static void parseInto(InventoryBuilder builder, MappingNode root) {
    YamlInventoryParser parser = new YamlInventoryParser(builder);
    Map<Object, Entry> groups = parser.entries(root);
    Entry plugin = groups.get("plugin");
    if (plugin != null && truthy(parser.yaml.value(plugin.value()))) {
      throw parser.builder.error(
          YamlReader.line(plugin.keyNode()),
          "this is an inventory plugin configuration (plugin: ...), which capfleet does not run");
    }
    for (Entry group : groups.values()) {
      parser.group(group);
    }
  }

  /** Parses one group; returns its name as the key gave it (even where Ansible skipped it). */
  private String group(Entry entry) {
    Node data = entry.value();
    int line = YamlReader.line(entry.keyNode());
    if (!(data instanceof MappingNode) && !isNull(data)) {
      builder.warnings.add(
          "Skipping '" + entry.key() + "' as this is not a valid group definition");
      return String.valueOf(entry.key());
    }
    if (!(entry.key() instanceof String name) || name.isEmpty()) {
      throw builder.error(
          line,
          "Unable to add group "
              + entry.key()
              + ": group names must be non-empty strings, got "
              + pythonType(entry.key()));
    }
    builder.addGroup(line, name);
    if (isNull(data)) {
      return name;
    }
    Map<Object, Entry> sections = entries((MappingNode) data);
    for (String section : SECTIONS) {
      Entry e = sections.get(section);
      boolean allowed =
          e == null
              || e.value() instanceof MappingNode
              || isNull(e.value())
              || yaml.value(e.value()) instanceof String
              || yaml.value(e.value()) instanceof TaggedText;
      if (!allowed) {
        throw builder.error(
            YamlReader.line(e.value()),
            "Invalid \""
                + section
                + "\" entry for \""
                + name
                + "\" group, requires a dictionary, found \""
                + pythonType(yaml.value(e.value()))
                + "\" instead.");
      }
    }
    for (Entry e : sections.values()) {
      Node value = e.value();
      if (isNull(value)) {
        continue;
      }
      Map<Object, Entry> items = value instanceof MappingNode m ? entries(m) : null;
      if (items == null && SECTIONS.contains(e.key())) {
        // A bare string stands for a one-key mapping: "hosts: web1" is "hosts: {web1: null}".
        items = new LinkedHashMap<>();
        Object only = plain(yaml.value(value));
        items.put(only, new Entry(only, value, null));
      }
      if (items == null) {
        builder.warnings.add(
            "Skipping key ("
                + e.key()
                + ") in group ("
                + name
                + ") as it is not a mapping, it is a "
                + pythonType(yaml.value(value)));
      } else if ("vars".equals(e.key())) {
        for (Entry var : items.values()) {
          builder.setVariable(
              YamlReader.line(var.keyNode()),
              name,
              Values.key(var.key()),
              var.value() == null ? null : yaml.value(var.value()));
        }
      } else if ("children".equals(e.key())) {
        for (Entry child : items.values()) {
          String childName = group(child);
          builder.addChild(YamlReader.line(child.keyNode()), name, childName);
        }
      } else if ("hosts".equals(e.key())) {
        for (Entry host : items.values()) {
          hosts(name, host);
        }
      } else {
        builder.warnings.add(
            "Skipping unexpected key ("
                + e.key()
                + ") in group ("
                + name
                + "), only \"vars\", \"children\" and \"hosts\" are valid");
      }
    }
    return name;
  }

  private void hosts(String group, Entry entry) {
    int line = YamlReader.line(entry.keyNode());
    if (!(entry.key() instanceof String pattern)) {
      throw builder.error(
          line,
          "Host pattern "
              + Values.text(entry.key())
              + " must be a string. Enclose integers/floats in quotation marks.");
    }
    HostAddress address = HostAddress.parse(pattern);
    List<String> names;
    try {
      names =
          address.host().indexOf('[') >= 0
              ? HostRange.expand(address.host())
              : List.of(address.host());
    } catch (IllegalArgumentException e) {
      throw builder.error(line, e.getMessage() + " (host '" + pattern + "')");
    }
    Map<Object, Entry> vars = Map.of();
    if (entry.value() != null && !isNull(entry.value())) {
      if (entry.value() instanceof MappingNode m) {
        vars = entries(m);
      } else if (truthy(yaml.value(entry.value()))) {
        throw builder.error(
            YamlReader.line(entry.value()),
            "variables of host "
                + pattern
                + " must be a mapping, got "
                + pythonType(yaml.value(entry.value())));
      }
    }
    BigInteger port = address.port();
    for (String host : names) {
      builder.addHost(line, host, group, port);
      for (Entry var : vars.values()) {
        builder.setVariable(
            YamlReader.line(var.keyNode()), host, Values.key(var.key()), yaml.value(var.value()));
      }
    }
  }

  /**
   * A mapping's entries by constructed key; a repeated key keeps its first place and its last
   * value.
   */
  private Map<Object, Entry> entries(MappingNode node) {
    yaml.flatten(node);
    Map<Object, Entry> entries = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      Object key = plain(yaml.value(t.getKeyNode()));
      entries.put(key, new Entry(key, t.getKeyNode(), t.getValueNode()));
    }
    return entries;
  }

  /** Ansible's unsafe text is a str: as a group, host or variable name it is plain text. */
  private static Object plain(Object value) {
    return value instanceof TaggedText t && !t.isVault() ? t.text() : value;
  }

  private static boolean isNull(Node node) {
    return node == null
        || node instanceof ScalarNode s && s.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL);
  }

  /** Python's truth: empty text, zero, empty collections, False and None are false. */
  static boolean truthy(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) {
      return false;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (value instanceof TaggedText t) {
      return !t.text().isEmpty();
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return !(value instanceof List<?> l) || !l.isEmpty();
  }

  /** The Python type name Ansible puts in its messages. */
  static String pythonType(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof TaggedText t) {
      return t.kind().pythonType();
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Double) {
      return "float";
    }
    if (value instanceof Number) {
      return "int";
    }
    return value instanceof List
        ? "list"
        : value instanceof Map ? "dict" : value.getClass().getSimpleName();
  }
}
