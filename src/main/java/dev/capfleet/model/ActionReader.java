package dev.capfleet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the model's {@code actions}: everything a playbook or script will run is refused
 * at load time, with the file and the entry, when it could break a host (an owner change with no
 * setcap after it), run a shell (a command line instead of argv, a module outside ansible.builtin)
 * or read a variable no one sets.
 */
final class ActionReader {
  /** Modules the tasks may use: ansible-core's own, so the playbook runs without collections. */
  static final Set<String> MODULES =
      Set.of(
          "ansible.builtin.command",
          "ansible.builtin.stat",
          "ansible.builtin.assert",
          "ansible.builtin.file",
          "ansible.builtin.group",
          "ansible.builtin.debug");

  /** Task keywords the tasks may use besides the module. */
  static final Set<String> KEYWORDS =
      Set.of("name", "become", "register", "when", "changed_when", "failed_when", "check_mode");

  /**
   * Set by the playbook writer for every host: the binary's path, and the per-host values
   * themselves.
   */
  static final Set<String> WRITER_VARS = Set.of("capfleet_binary", "capfleet_targets");

  private static final Pattern VAR_NAME = Pattern.compile("capfleet_[a-z0-9_]+");
  private static final Pattern CAPFLEET_VAR = Pattern.compile("\\bcapfleet_[A-Za-z0-9_]+");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final BiFunction<String, String, ModelException> fail;
  private final BiConsumer<String, List<String>> checkTemplates;

  ActionReader(
      BiFunction<String, String, ModelException> fail,
      BiConsumer<String, List<String>> checkTemplates) {
    this.fail = fail;
    this.checkTemplates = checkTemplates;
  }

  List<RemediationAction> read(JsonNode array, List<Rule> rules) {
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw fail.apply("actions", "must be a list of actions");
    }
    Map<String, Rule> byId = new LinkedHashMap<>();
    rules.forEach(r -> byId.put(r.id(), r));
    List<RemediationAction> actions = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      String where =
          "actions[" + i + "]" + (n.hasNonNull("id") ? " (id '" + n.get("id").asText() + "')" : "");
      if (!n.isObject()) {
        throw fail.apply(where, "an action must be an object");
      }
      String id = text(n, "id", where);
      if (!ids.add(id)) {
        throw fail.apply(where, "duplicate action id");
      }
      List<String> triggers = strings(n.path("triggeredBy"), where + ".triggeredBy");
      if (triggers.isEmpty()) {
        throw fail.apply(
            where + ".triggeredBy", "name at least one rule whose failure calls for this action");
      }
      for (String t : triggers) {
        Rule rule = byId.get(t);
        if (rule == null) {
          throw fail.apply(where + ".triggeredBy", "no rule with id '" + t + "'");
        }
        if (rule.remediation().stream().anyMatch(l -> !l.stripLeading().startsWith("#"))) {
          throw fail.apply(
              where + ".triggeredBy",
              "rule '"
                  + t
                  + "' has commands in its remediation; keep only # "
                  + "advice there, since this action is its fix (two fixes for one finding drift apart)");
        }
      }
      RemediationAction.Effect effect = effect(n, where);
      List<String> shell = strings(n.path("shell"), where + ".shell");
      if (shell.isEmpty()) {
        throw fail.apply(where + ".shell", "give at least one command or # guidance line");
      }
      checkTemplates.accept(where + ".shell", shell);
      Map<String, String> vars = vars(n.path("vars"), where + ".vars");
      List<Map<String, Object>> tasks = tasks(n.path("ansible"), where + ".ansible", vars.keySet());
      actions.add(
          new RemediationAction(
              id,
              text(n, "title", where),
              triggers,
              effect,
              bool(n, "clearsCapabilities", where),
              bool(n, "needsBinary", where),
              shell,
              vars,
              tasks));
    }
    checkOrder(actions);
    return actions;
  }

  /**
   * One SET and one REMOVE at most (so "add or remove" resolves one way), and a SET after every
   * owner change.
   */
  private void checkOrder(List<RemediationAction> actions) {
    int sets = 0;
    int removes = 0;
    for (RemediationAction a : actions) {
      sets += a.effect() == RemediationAction.Effect.SET ? 1 : 0;
      removes += a.effect() == RemediationAction.Effect.REMOVE ? 1 : 0;
    }
    if (sets > 1 || removes > 1) {
      throw fail.apply(
          "actions", "at most one action with effect 'set' and one with effect 'remove'");
    }
    for (int i = 0; i < actions.size(); i++) {
      RemediationAction a = actions.get(i);
      if (a.clearsCapabilities() && a.effect() != RemediationAction.Effect.NONE) {
        throw fail.apply(
            where(i, a) + ".clearsCapabilities",
            "an action that sets or removes capabilities" + " cannot also clear them");
      }
      if (a.clearsCapabilities()
          && actions.subList(i + 1, actions.size()).stream()
              .noneMatch(b -> b.effect() == RemediationAction.Effect.SET)) {
        throw fail.apply(
            where(i, a) + ".clearsCapabilities",
            "no action with effect 'set' follows it: chown and"
                + " chgrp clear file capabilities, so the full set must be re-applied after this action");
      }
    }
  }

  private static String where(int i, RemediationAction a) {
    return "actions[" + i + "] (id '" + a.id() + "')";
  }

  private RemediationAction.Effect effect(JsonNode n, String where) {
    JsonNode e = n.get("effect");
    if (e == null || e.isNull()) {
      return RemediationAction.Effect.NONE;
    }
    return switch (e.asText().toLowerCase(Locale.ROOT)) {
      case "set" -> RemediationAction.Effect.SET;
      case "remove" -> RemediationAction.Effect.REMOVE;
      case "none" -> RemediationAction.Effect.NONE;
      default -> throw fail.apply(where + ".effect", "must be set, remove or none");
    };
  }

  private Map<String, String> vars(JsonNode n, String where) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (n.isMissingNode() || n.isNull()) {
      return vars;
    }
    if (!n.isObject()) {
      throw fail.apply(where, "must map variable names to templates");
    }
    for (var it = n.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!VAR_NAME.matcher(e.getKey()).matches() || WRITER_VARS.contains(e.getKey())) {
        throw fail.apply(
            where + "." + e.getKey(),
            "a variable name must match capfleet_[a-z0-9_]+ and not be " + WRITER_VARS);
      }
      if (!e.getValue().isTextual()) {
        throw fail.apply(where + "." + e.getKey(), "must be a template string");
      }
      checkTemplates.accept(where + "." + e.getKey(), List.of(e.getValue().asText()));
      vars.put(e.getKey(), e.getValue().asText());
    }
    return vars;
  }

  private List<Map<String, Object>> tasks(JsonNode n, String where, Set<String> vars) {
    if (!n.isArray() || n.isEmpty()) {
      throw fail.apply(where, "must be a non-empty list of Ansible tasks");
    }
    Set<String> known = new HashSet<>(WRITER_VARS);
    known.addAll(vars);
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode t = n.get(i);
      String at = where + "[" + i + "]";
      if (!t.isObject()) {
        throw fail.apply(at, "a task must be an object");
      }
      text(t, "name", at);
      String module = null;
      for (var it = t.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (MODULES.contains(key)) {
          if (module != null) {
            throw fail.apply(at, "one module per task, not " + module + " and " + key);
          }
          module = key;
        } else if (!KEYWORDS.contains(key)) {
          throw fail.apply(
              at + "." + key,
              "not an allowed module or keyword; modules: " + MODULES + ", keywords: " + KEYWORDS);
        }
      }
      if (module == null) {
        throw fail.apply(at, "no module; use one of " + MODULES);
      }
      if (module.equals("ansible.builtin.command")) {
        JsonNode args = t.get(module);
        if (!args.isObject() || !args.path("argv").isArray() || args.size() != 1) {
          throw fail.apply(
              at + "." + module,
              "give the command as argv only, never a command line a shell reads");
        }
      }
      if (t.has("become") && !t.get("become").isBoolean()) {
        throw fail.apply(at + ".become", "must be true or false");
      }
      JsonNode reads = t.deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) reads).remove("register");
      Matcher m = CAPFLEET_VAR.matcher(reads.toString());
      while (m.find()) {
        if (!known.contains(m.group())) {
          throw fail.apply(
              at,
              "reads '"
                  + m.group()
                  + "', which neither the writer, the action's vars nor an"
                  + " earlier task's register sets");
        }
      }
      if (t.hasNonNull("register")) {
        known.add(t.get("register").asText());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> task = JSON.convertValue(t, LinkedHashMap.class);
      tasks.add(task);
    }
    return tasks;
  }

  private boolean bool(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw fail.apply(where + "." + field, "must be true or false");
    }
    return v.asBoolean();
  }

  private String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw fail.apply(where, "missing or empty '" + field + "'");
    }
    return v.asText();
  }

  private List<String> strings(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw fail.apply(where, "must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw fail.apply(where, "must be a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }
}
