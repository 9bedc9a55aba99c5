package dev.capfleet.inventory;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML the way Ansible's loader (PyYAML, YAML 1.1) does: {@code yes}/{@code on} are booleans,
 * {@code 010} is octal, {@code 1:30} is 90, {@code 1e3} is text, dates print as ISO text, and
 * {@code !unsafe}/{@code !vault} values are {@link TaggedText}. Nodes keep their line numbers for
 * errors.
 */
final class YamlReader {
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
              + "(?:(?:[Tt]|[ \\t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]*))?"
              + "(?:[ \\t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?");

  private final Path file;
  private final AnsibleConstructor constructor;
  private final Yaml yaml;

  YamlReader(Path file) {
    this.file = file;
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // Ansible warns and keeps the last one
    options.setWarnOnDuplicateKeys(false);
    // libyaml has no alias count limit; the bound that matters, on what aliases expand to, is
    // MAX_EXPANDED_NODES
    options.setMaxAliasesForCollections(Integer.MAX_VALUE);
    this.constructor = new AnsibleConstructor(options);
    DumperOptions dumper = new DumperOptions();
    this.yaml =
        new Yaml(constructor, new Representer(dumper), dumper, options, new PyYamlResolver());
  }

  /**
   * Nodes a document may stand for once its aliases are expanded. SnakeYAML's own limit, on the
   * number of aliases (50 by default), is lifted because Ansible's libyaml has none; it never
   * bounded what they expand to: nine levels of five aliases each stand for two million nodes,
   * which reading values copies out. Far above any real inventory.
   */
  static final long MAX_EXPANDED_NODES = 1_000_000;

  /** The document's root node, or null for an empty document. */
  Node compose(String text) {
    try {
      Node root = yaml.compose(new StringReader(LibyamlTabs.normalize(text)));
      if (root != null) {
        long size = expanded(root, new java.util.IdentityHashMap<>());
        if (size > MAX_EXPANDED_NODES) {
          throw new InventoryException(
              file,
              line(root),
              "YAML aliases expand to more than " + MAX_EXPANDED_NODES + " nodes; refused");
        }
      }
      return root;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new InventoryException(file, line, "YAML syntax error: " + problem);
    } catch (YAMLException e) {
      throw new InventoryException(file, 0, "YAML syntax error: " + e.getMessage());
    }
  }

  /** The value of a node in capfleet's value shape (see {@link Values}). */
  Object value(Node node) {
    try {
      return Values.normalize(constructor.construct(node));
    } catch (YAMLException e) {
      throw new InventoryException(file, line(node), "bad YAML value: " + e.getMessage());
    }
  }

  /** Applies {@code <<} merge keys in place, as reading the mapping would. */
  void flatten(MappingNode node) {
    try {
      constructor.flatten(node);
    } catch (YAMLException e) {
      throw new InventoryException(file, line(node), "bad YAML merge key: " + e.getMessage());
    }
  }

  /**
   * How many nodes {@code node} stands for with every alias expanded; shared nodes counted once
   * each use.
   */
  private long expanded(Node node, java.util.IdentityHashMap<Node, Long> known) {
    Long seen = known.get(node);
    if (seen != null) {
      if (seen < 0) {
        throw new InventoryException(file, line(node), "YAML alias refers to its own ancestor");
      }
      return seen;
    }
    known.put(node, -1L); // in progress: a recursive alias meets this
    long size = 1;
    if (node instanceof MappingNode m) {
      for (var t : m.getValue()) {
        size =
            Math.min(
                Long.MAX_VALUE / 4,
                size + expanded(t.getKeyNode(), known) + expanded(t.getValueNode(), known));
      }
    } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode q) {
      for (Node n : q.getValue()) {
        size = Math.min(Long.MAX_VALUE / 4, size + expanded(n, known));
      }
    }
    known.put(node, size);
    return size;
  }

  static int line(Node node) {
    return node.getStartMark() != null ? node.getStartMark().getLine() + 1 : 0;
  }

  /** PyYAML's implicit types, which differ from SnakeYAML's in floats (PyYAML needs a dot). */
  private static final class PyYamlResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(
          Tag.BOOL,
          Pattern.compile(
              "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"),
          "yYnNtTfFoO");
      addImplicitResolver(
          Tag.FLOAT,
          Pattern.compile(
              "[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                  + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                  + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                  + "|[-+]?\\.(?:inf|Inf|INF)"
                  + "|\\.(?:nan|NaN|NAN)"),
          "-+0123456789.");
      addImplicitResolver(
          Tag.INT,
          Pattern.compile(
              "[-+]?0b[0-1_]+"
                  + "|[-+]?0[0-7_]+"
                  + "|[-+]?(?:0|[1-9][0-9_]*)"
                  + "|[-+]?0x[0-9a-fA-F_]+"
                  + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"),
          "-+0123456789");
      addImplicitResolver(Tag.MERGE, Pattern.compile("<<"), "<");
      addImplicitResolver(Tag.NULL, Pattern.compile("~|null|Null|NULL|"), "~nN\0");
      addImplicitResolver(
          Tag.TIMESTAMP,
          Pattern.compile(
              "[0-9]{4}-[0-9]{2}-[0-9]{2}"
                  + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
                  + "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"),
          "0123456789");
    }
  }

  /** SnakeYAML's safe constructor with Ansible's tags and Python's printing of timestamps. */
  private static final class AnsibleConstructor extends SafeConstructor {
    AnsibleConstructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(Tag.TIMESTAMP, new IsoTimestamp());
      yamlConstructors.put(new Tag("!unsafe"), new Unsafe());
      AbstractConstruct vault =
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              if (!(node instanceof ScalarNode s)) {
                // Ansible's loader: "expected a scalar node, but found sequence"
                throw new YAMLException(
                    "!vault needs a scalar node (the ciphertext), not a " + kind(node));
              }
              return TaggedText.vault(s.getValue());
            }
          };
      yamlConstructors.put(new Tag("!vault"), vault);
      yamlConstructors.put(new Tag("!vault-encrypted"), vault);
    }

    private static boolean tagged(Node node) {
      String tag = node.getTag().getValue();
      return tag.equals("!unsafe") || tag.equals("!vault") || tag.equals("!vault-encrypted");
    }

    private static String kind(Node node) {
      return node instanceof MappingNode ? "mapping" : "sequence";
    }

    /**
     * {@code !unsafe} as Ansible's loader (PyYAML) builds it: a scalar is unsafe text whatever it
     * looks like ({@code !unsafe 22} is the text 22); a sequence or mapping is built one level deep
     * and its text items and keys wrapped, numbers, booleans, nulls and dates kept as they are.
     * PyYAML fills nested collections only after the wrapping has copied them, so a nested sequence
     * or mapping that is not itself tagged comes out empty, as ansible-inventory prints it ({@code
     * !unsafe [a, [b]]} lists {@code a} and {@code []}).
     */
    private final class Unsafe extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        if (node instanceof ScalarNode s) {
          return TaggedText.unsafe(s.getValue());
        }
        if (node instanceof SequenceNode q) {
          List<Object> items = new ArrayList<>();
          q.getValue().forEach(item -> items.add(shallow(item)));
          return items;
        }
        MappingNode m = (MappingNode) node;
        flattenMapping(m);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
          map.put(shallow(t.getKeyNode()), shallow(t.getValueNode()));
        }
        return map;
      }

      private Object shallow(Node item) {
        if (tagged(item)) {
          return constructObject(item);
        }
        if (item instanceof SequenceNode) {
          return new ArrayList<>();
        }
        if (item instanceof MappingNode) {
          return new LinkedHashMap<>();
        }
        Object value = constructObject(item);
        return item.getTag().equals(Tag.STR) ? TaggedText.unsafe((String) value) : value;
      }
    }

    Object construct(Node node) {
      return constructObject(node);
    }

    void flatten(MappingNode node) {
      flattenMapping(node);
    }

    /**
     * Turns a YAML timestamp into the text Python's {@code isoformat()} gives, which Ansible
     * prints.
     */
    private final class IsoTimestamp extends AbstractConstruct {
      private static final Pattern DATE_ONLY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

      @Override
      public Object construct(Node node) {
        String text = constructScalar((ScalarNode) node);
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches() || (m.group(4) == null && !DATE_ONLY.matcher(text).matches())) {
          throw new YAMLException("not a timestamp: " + text);
        }
        try {
          LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
          if (m.group(4) == null) {
            return date.toString();
          }
          StringBuilder iso =
              new StringBuilder(date.toString())
                  .append('T')
                  .append(String.format("%02d:%02d:%02d", num(m, 4), num(m, 5), num(m, 6)));
          String fraction = m.group(7) == null ? "" : m.group(7);
          fraction =
              fraction.length() > 6
                  ? fraction.substring(0, 6)
                  : fraction + "0".repeat(6 - fraction.length());
          if (Integer.parseInt(fraction) != 0) {
            iso.append('.').append(fraction);
          }
          if (m.group(9) != null) {
            int minutes = num(m, 10) * 60 + (m.group(11) == null ? 0 : num(m, 11));
            iso.append(
                String.format(
                    "%s%02d:%02d", minutes == 0 ? "+" : m.group(9), minutes / 60, minutes % 60));
          } else if (m.group(8) != null) {
            iso.append("+00:00");
          }
          return iso.toString();
        } catch (DateTimeException e) {
          throw new YAMLException("invalid date " + text + ": " + e.getMessage());
        }
      }

      private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
      }
    }
  }
}
