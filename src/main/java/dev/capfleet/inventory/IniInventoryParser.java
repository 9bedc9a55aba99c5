package dev.capfleet.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an INI inventory as Ansible's ini plugin does: {@code [group]}, {@code [group:children]}
 * and {@code [group:vars]} sections, host lines with inline {@code key=value} variables (values
 * read as Python literals, in {@code :vars} sections too), {@code #} and {@code ;} comment lines,
 * and groups that may be named before they are declared.
 */
final class IniInventoryParser {
  private static final Pattern SECTION =
      Pattern.compile(
          "\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern GROUP_NAME =
      Pattern.compile("([^:\\]\\s]+)\\s*(?:#.*)?", Pattern.UNICODE_CHARACTER_CLASS);

  /** A group named in a {@code :vars} or {@code :children} section before its own section. */
  private static final class Pending {
    final int line;
    final String state;
    final List<String> parents = new ArrayList<>();

    Pending(int line, String state) {
      this.line = line;
      this.state = state;
    }
  }

  private final InventoryBuilder builder;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private int lineNo;

  private IniInventoryParser(InventoryBuilder builder) {
    this.builder = builder;
  }

  static Inventory parse(Path file, List<String> lines) {
    InventoryBuilder builder = new InventoryBuilder(file);
    parseInto(builder, lines);
    return builder.build();
  }

  /** Adds one INI source to an inventory being built from several (the builder names the file). */
  static void parseInto(InventoryBuilder builder, List<String> lines) {
    new IniInventoryParser(builder).parseLines(lines);
  }

  private void parseLines(List<String> lines) {
    String group = InventoryBuilder.UNGROUPED;
    String state = "hosts";
    for (String raw : lines) {
      lineNo++;
      String line = PythonStrings.strip(raw); // Python's strip: no-break spaces too
      if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
        continue;
      }
      Matcher section = SECTION.matcher(line);
      if (section.matches()) {
        group = section.group(1);
        state = section.group(2) == null ? "hosts" : section.group(2);
        startSection(group, state);
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        throw error(
            "Invalid section entry: '"
                + line
                + "'. Please make sure that there are no spaces in the "
                + "section entry, and that there are no other invalid characters");
      }
      switch (state) {
        case "hosts" -> hostLine(group, line);
        case "vars" -> varLine(group, line);
        default -> childLine(group, line);
      }
    }
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      Pending p = e.getValue();
      if (p.state.equals("vars")) {
        throw builder.error(
            p.line,
            "Section [" + e.getKey() + ":vars] not valid for undefined group: " + e.getKey());
      }
      String parent = p.parents.get(p.parents.size() - 1);
      throw builder.error(
          p.line, "Section [" + parent + ":children] includes undefined group: " + e.getKey());
    }
  }

  private void startSection(String group, String state) {
    if (!state.equals("hosts") && !state.equals("children") && !state.equals("vars")) {
      throw error("Section [" + group + ":" + state + "] has unknown type: " + state);
    }
    if (!builder.hasGroup(group)) {
      // [g:vars] alone does not declare g; [g] or [g:children] must come somewhere.
      if (state.equals("vars") && !pending.containsKey(group)) {
        pending.put(group, new Pending(lineNo, state));
      }
      builder.addGroup(lineNo, group);
    }
    Pending waiting = pending.get(group);
    if (waiting != null && !state.equals("vars")) {
      if (waiting.state.equals("children")) {
        addPendingChildren(group);
      } else {
        pending.remove(group);
      }
    }
  }

  private void addPendingChildren(String group) {
    for (String parent : pending.get(group).parents) {
      builder.addChild(lineNo, parent, group);
      Pending parentWaiting = pending.get(parent);
      if (parentWaiting != null && parentWaiting.state.equals("children")) {
        addPendingChildren(parent);
      }
    }
    pending.remove(group);
  }

  private void hostLine(String group, String line) {
    List<String> tokens;
    try {
      tokens = ShellWords.split(line);
    } catch (IllegalArgumentException e) {
      String what =
          e.getMessage().startsWith("No closing") ? "unbalanced quotes" : "a backslash at the end";
      throw error(what + " in host line '" + line + "'");
    }
    if (tokens.isEmpty()) {
      return;
    }
    String entry = tokens.get(0);
    HostAddress address = HostAddress.parse(entry);
    List<String> hosts;
    try {
      hosts =
          address.host().indexOf('[') >= 0
              ? HostRange.expand(address.host())
              : List.of(address.host());
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage() + " in host line '" + line + "'");
    }
    if (PythonStrings.strip(entry).endsWith(":") && address.port() == null) {
      throw error(
          "Invalid host pattern '"
              + entry
              + "' supplied, ending in ':' is not allowed, this character is "
              + "reserved to provide a port.");
    }
    if (hosts.stream().anyMatch(h -> PythonStrings.strip(h).equals("---"))) {
      throw error(
          "Invalid host pattern '"
              + entry
              + "' supplied, '---' is normally a sign this is a YAML file.");
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    for (String token : tokens.subList(1, tokens.size())) {
      int eq = token.indexOf('=');
      if (eq < 0) {
        throw error("Expected key=value host variable assignment, got: " + token);
      }
      vars.put(token.substring(0, eq), PythonLiteral.valueOrText(token.substring(eq + 1)));
    }
    for (String host : hosts) {
      builder.addHost(lineNo, host, group, address.port());
      vars.forEach((k, v) -> builder.setVariable(lineNo, host, k, Values.normalize(v)));
    }
  }

  private void varLine(String group, String line) {
    int eq = line.indexOf('=');
    if (eq < 0) {
      throw error("Expected key=value, got: " + line);
    }
    String key = PythonStrings.strip(line.substring(0, eq));
    Object value = PythonLiteral.valueOrText(PythonStrings.strip(line.substring(eq + 1)));
    builder.setVariable(lineNo, group, key, Values.normalize(value));
  }

  private void childLine(String group, String line) {
    Matcher m = GROUP_NAME.matcher(line);
    if (!m.matches()) {
      throw error("Expected group name, got: " + line);
    }
    String child = m.group(1);
    if (builder.hasGroup(child)) {
      builder.addChild(lineNo, group, child);
    } else {
      pending.computeIfAbsent(child, c -> new Pending(lineNo, "children")).parents.add(group);
    }
  }

  private InventoryException error(String message) {
    return builder.error(lineNo, message);
  }
}
