package dev.capfleet.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.capfleet.core.Capability;
import dev.capfleet.core.Fact;
import dev.capfleet.core.KernelVersion;
import dev.capfleet.core.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks a requirement model file (JSON, or YAML by extension); errors name the file and
 * entry.
 */
public final class ModelLoader {
  /**
   * The default bundled model: what the kernel and eCapture's code require
   * (shared/ecapture-truth.md).
   */
  public static final String VERIFIED = "/dev/capfleet/model/ecapture-verified.json";

  /** The bundled model of eCapture's documentation as written, kept to show where it drifts. */
  public static final String DOCUMENTED = "/dev/capfleet/model/ecapture-documented.json";

  /** Bundled models by the name {@code --model} accepts. */
  public static final Map<String, String> NAMED =
      Map.of("verified", VERIFIED, "documented", DOCUMENTED);

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectMapper YAML = new YAMLMapper();

  private final String origin;

  private ModelLoader(String origin) {
    this.origin = origin;
  }

  /** The default model shipped with capfleet: the verified one. */
  public static RequirementModel bundled() {
    return verified();
  }

  public static RequirementModel verified() {
    return resource(VERIFIED);
  }

  public static RequirementModel documented() {
    return resource(DOCUMENTED);
  }

  /** {@code verified}, {@code documented}, or else a file path. */
  public static RequirementModel named(String nameOrFile) {
    String resource = NAMED.get(nameOrFile);
    return resource != null ? resource(resource) : load(Path.of(nameOrFile));
  }

  /**
   * Bundled models are immutable values: parsed once per JVM (every scan also loads the documented
   * one).
   */
  private static final Map<String, RequirementModel> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static RequirementModel resource(String path) {
    return PARSED.computeIfAbsent(path, ModelLoader::parseResource);
  }

  private static RequirementModel parseResource(String path) {
    try (InputStream in = ModelLoader.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new ModelException("bundled model missing: " + path);
      }
      return new ModelLoader("bundled model " + path).read(JSON.readTree(in));
    } catch (IOException e) {
      throw new ModelException("bundled model unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * Far more than any model: a larger file (or /dev/zero) is a mistake, refused before it fills the
   * heap.
   */
  static final int MAX_MODEL_BYTES = 16 * 1024 * 1024;

  private static byte[] readBounded(Path file) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_MODEL_BYTES + 1);
      if (bytes.length > MAX_MODEL_BYTES) {
        throw new ModelException(
            file + ": larger than " + MAX_MODEL_BYTES / (1024 * 1024) + " MiB; not a model file");
      }
      return bytes;
    }
  }

  /** A team's own model file, which replaces the bundled one ({@code --model FILE}). */
  public static RequirementModel load(Path file) {
    ModelLoader loader = new ModelLoader(file.toString());
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
    JsonNode root;
    try {
      root = mapper.readTree(readBounded(file));
    } catch (NoSuchFileException e) {
      throw new ModelException(file + ": model file not found");
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new ModelException(
          file
              + where
              + ": not valid "
              + (mapper == YAML ? "YAML" : "JSON")
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ModelException(file + ": cannot read model file: " + e.getMessage(), e);
    }
    return loader.read(root);
  }

  private RequirementModel read(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw fail("(top level)", "the model must be an object");
    }
    String id = text(root, "id", "(top level)");
    String version = text(root, "version", "(top level)");
    String title = root.path("title").asText(id);
    Map<String, String> sources = new LinkedHashMap<>();
    root.path("sources")
        .fields()
        .forEachRemaining(e -> sources.put(e.getKey(), e.getValue().asText()));
    JsonNode defaults = root.path("defaults");
    String defaultBinary = text(defaults, "binary", "defaults");
    String defaultMode = text(defaults, "mode", "defaults");
    Map<String, String> modes = new LinkedHashMap<>();
    root.path("modes").fields().forEachRemaining(e -> modes.put(e.getKey(), e.getValue().asText()));
    if (!modes.containsKey(defaultMode)) {
      throw fail(
          "defaults.mode", "'" + defaultMode + "' is not one of the modes " + modes.keySet());
    }
    List<CapabilitySet> sets = capabilitySets(array(root, "capabilitySets", "(top level)"), modes);
    RequirementModel.Scoring scoring = scoring(root.path("scoring"));
    List<Rule> rules = rules(array(root, "rules", "(top level)"), sources);
    JsonNode cleanup = root.path("cleanup");
    List<String> cleanupCommands = strings(cleanup.path("commands"), "cleanup.commands");
    String reminder = cleanup.path("reminder").asText("");
    checkTemplates("cleanup", cleanupCommands);
    checkCommands("cleanup.commands", cleanupCommands);
    checkTemplates("cleanup.reminder", List.of(reminder));
    List<String> practices = strings(root.path("bestPractices"), "bestPractices");
    Map<String, String> modules = new LinkedHashMap<>();
    root.path("modules")
        .fields()
        .forEachRemaining(e -> modules.put(e.getKey(), e.getValue().asText()));
    String defaultModule = defaults.path("module").asText("tls");
    if (!modules.isEmpty() && !modules.containsKey(defaultModule)) {
      throw fail(
          "defaults.module",
          "'" + defaultModule + "' is not one of the modules " + modules.keySet());
    }
    for (int i = 0; i < sets.size(); i++) {
      for (String m : sets.get(i).modules()) {
        if (!modules.containsValue(m)) {
          throw fail("capabilitySets[" + i + "].modules", "unknown module '" + m + "'");
        }
      }
    }
    List<Capability> optional =
        capabilities(root.path("optionalCapabilities"), "optionalCapabilities");
    // action commands are pasted into a shell like rule commands: the same placeholder and context
    // checks
    List<RemediationAction> actions =
        new ActionReader(
                this::fail,
                (where, commands) -> {
                  checkTemplates(where, commands);
                  checkCommands(where, commands);
                })
            .read(root.path("actions"), rules);
    return new RequirementModel(
        id,
        version,
        title,
        sources,
        defaultBinary,
        defaultMode,
        modes,
        sets,
        scoring,
        rules,
        cleanupCommands,
        reminder,
        practices,
        deployment(root.path("deployment")),
        modules,
        defaultModule,
        optional,
        uprobeRevert(root.path("uprobeRevert"), sources),
        actions);
  }

  private RequirementModel.UprobeRevertRule uprobeRevert(JsonNode n, Map<String, String> sources) {
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    List<KernelVersion> fixed = new ArrayList<>();
    JsonNode list = array(n, "fixedIn", "uprobeRevert");
    for (int i = 0; i < list.size(); i++) {
      fixed.add(version(list.get(i), "uprobeRevert.fixedIn[" + i + "]"));
    }
    if (fixed.isEmpty()) {
      throw fail("uprobeRevert.fixedIn", "must name at least one version");
    }
    java.time.LocalDate before;
    try {
      before = java.time.LocalDate.parse(text(n, "builtBefore", "uprobeRevert"));
    } catch (java.time.format.DateTimeParseException e) {
      throw fail("uprobeRevert.builtBefore", "not a date (yyyy-mm-dd)");
    }
    String reference = n.path("reference").asText("");
    if (!reference.isEmpty() && !sources.containsKey(reference)) {
      throw fail("uprobeRevert.reference", "'" + reference + "' is not a key of 'sources'");
    }
    return new RequirementModel.UprobeRevertRule(fixed, before, reference);
  }

  private List<Capability> capabilities(JsonNode n, String where) {
    List<Capability> caps = new ArrayList<>();
    for (String c : strings(n, where)) {
      caps.add(
          Capability.parse(c).orElseThrow(() -> fail(where, "unknown capability '" + c + "'")));
    }
    return caps;
  }

  private static Boolean optionalBoolean(JsonNode n) {
    return n.isBoolean() ? n.booleanValue() : null;
  }

  private List<CapabilitySet> capabilitySets(JsonNode array, Map<String, String> modes) {
    List<CapabilitySet> sets = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String where = "capabilitySets[" + i + "]";
      JsonNode n = array.get(i);
      KernelVersion atLeast = version(n.path("kernelAtLeast"), where + ".kernelAtLeast");
      KernelVersion below = version(n.path("kernelBelow"), where + ".kernelBelow");
      Set<String> setModes = new HashSet<>(strings(n.path("modes"), where + ".modes"));
      for (String m : setModes) {
        if (!modes.containsValue(m)) {
          throw fail(where + ".modes", "unknown mode '" + m + "'");
        }
      }
      List<Capability> caps = capabilities(n.path("capabilities"), where + ".capabilities");
      List<List<Capability>> alternatives = new ArrayList<>();
      JsonNode alts = n.path("alternatives");
      for (int a = 0; a < alts.size(); a++) {
        alternatives.add(capabilities(alts.get(a), where + ".alternatives[" + a + "]"));
      }
      Capability memlock = null;
      if (n.hasNonNull("memlock")) {
        String c = n.get("memlock").asText();
        memlock =
            Capability.parse(c)
                .orElseThrow(() -> fail(where + ".memlock", "unknown capability '" + c + "'"));
      }
      for (String field : List.of("capBpf", "uprobeRevert")) {
        if (n.has(field) && !n.get(field).isBoolean()) {
          throw fail(where + "." + field, "must be true or false");
        }
      }
      sets.add(
          new CapabilitySet(
              atLeast,
              below,
              setModes,
              new HashSet<>(strings(n.path("modules"), where + ".modules")),
              optionalBoolean(n.path("capBpf")),
              optionalBoolean(n.path("uprobeRevert")),
              caps,
              alternatives,
              memlock,
              n.path("evidence").asText("")));
    }
    return sets;
  }

  private RequirementModel.Scoring scoring(JsonNode n) {
    return new RequirementModel.Scoring(
        n.path("blocker").asInt(25),
        n.path("unknown").asInt(10),
        n.path("warning").asInt(5),
        n.path("info").asInt(0));
  }

  private List<Rule> rules(JsonNode array, Map<String, String> sources) {
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      String where =
          "rules[" + i + "]" + (n.hasNonNull("id") ? " (id '" + n.get("id").asText() + "')" : "");
      String id = text(n, "id", where);
      if (!ids.add(id)) {
        throw fail(where, "duplicate rule id");
      }
      Severity severity;
      try {
        severity = Severity.valueOf(text(n, "severity", where).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail(where + ".severity", "must be blocker, warning or info");
      }
      if (n.path("failureMeansUnknown").asBoolean(false) && severity != Severity.BLOCKER) {
        throw fail(
            where + ".failureMeansUnknown", "only a blocker rule can make a host INCONCLUSIVE");
      }
      String forEach = n.hasNonNull("forEach") ? n.get("forEach").asText() : null;
      if (forEach != null && FactVocabulary.kind(forEach) != Fact.Kind.CAPABILITIES) {
        throw fail(where + ".forEach", "'" + forEach + "' is not a capability-set fact");
      }
      Condition when = n.hasNonNull("when") ? condition(n.get("when"), where + ".when") : null;
      if (!n.hasNonNull("require")) {
        throw fail(where, "missing 'require'");
      }
      Condition require = condition(n.get("require"), where + ".require");
      String detail = text(n, "detail", where);
      List<String> evidence = strings(n.path("evidence"), where + ".evidence");
      for (String e : evidence) {
        if (!FactVocabulary.isTemplateWord(e)) {
          throw fail(where + ".evidence", "unknown fact '" + e + "'");
        }
      }
      List<String> remediation = strings(n.path("remediation"), where + ".remediation");
      checkTemplates(where + ".detail", List.of(detail));
      checkTemplates(where + ".remediation", remediation);
      checkCommands(where + ".remediation", remediation);
      String reference = n.path("reference").asText("");
      if (!reference.isEmpty() && !sources.containsKey(reference)) {
        throw fail(where + ".reference", "'" + reference + "' is not a key of 'sources'");
      }
      rules.add(
          new Rule(
              id,
              severity,
              text(n, "title", where),
              when,
              forEach,
              require,
              detail,
              evidence,
              remediation,
              n.path("grantsCapabilities").asBoolean(false),
              n.path("failureMeansUnknown").asBoolean(false),
              reference));
    }
    return rules;
  }

  private Condition condition(JsonNode n, String where) {
    if (!n.isObject()) {
      throw fail(where, "a condition must be an object");
    }
    if (n.has("all") || n.has("any")) {
      String key = n.has("all") ? "all" : "any";
      JsonNode parts = n.get(key);
      if (!parts.isArray() || parts.isEmpty()) {
        throw fail(where + "." + key, "must be a non-empty list of conditions");
      }
      List<Condition> list = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        list.add(condition(parts.get(i), where + "." + key + "[" + i + "]"));
      }
      return key.equals("all") ? new Condition.All(list) : new Condition.Any(list);
    }
    if (n.has("not")) {
      return new Condition.Not(condition(n.get("not"), where + ".not"));
    }
    String fact = text(n, "fact", where);
    if (FactVocabulary.kind(fact) == null) {
      throw fail(
          where + ".fact",
          "unknown fact '" + fact + "'; known: " + FactVocabulary.facts().keySet());
    }
    String opName = text(n, "op", where);
    Operator op =
        Operator.byId(opName)
            .orElseThrow(() -> fail(where + ".op", "unknown operator '" + opName + "'"));
    Object value = n.has("value") ? JSON.convertValue(n.get("value"), Object.class) : null;
    Map<String, Object> byArch = null;
    if (n.has("valueByArch")) {
      byArch = new LinkedHashMap<>();
      for (var it = n.get("valueByArch").fields(); it.hasNext(); ) {
        var e = it.next();
        byArch.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
      }
    }
    if (op.takesValue() && value == null && byArch == null) {
      throw fail(where, "operator '" + opName + "' needs a 'value'");
    }
    if (op == Operator.AT_LEAST || op == Operator.BELOW) {
      if (FactVocabulary.kind(fact) == Fact.Kind.VERSION) {
        if (value != null) {
          version(n.get("value"), where + ".value");
        }
        if (byArch != null) {
          n.get("valueByArch")
              .fields()
              .forEachRemaining(e -> version(e.getValue(), where + ".valueByArch." + e.getKey()));
        }
      }
    }
    return new Condition.Test(fact, op, value, byArch);
  }

  private RequirementModel.Deployment deployment(JsonNode n) {
    JsonNode docker = n.path("docker");
    JsonNode k8s = n.path("kubernetes");
    List<RequirementModel.Volume> volumes = new ArrayList<>();
    for (JsonNode v : k8s.path("volumes")) {
      volumes.add(
          new RequirementModel.Volume(
              v.path("name").asText(),
              v.path("hostPath").asText(),
              v.path("readOnly").asBoolean(true)));
    }
    return new RequirementModel.Deployment(
        strings(docker.path("base"), "deployment.docker.base"),
        strings(docker.path("pcapng"), "deployment.docker.pcapng"),
        docker.path("note").asText(""),
        k8s.path("hostPID").asBoolean(true),
        k8s.path("pcapngHostNetwork").asBoolean(true),
        volumes,
        strings(docker.path("memlock"), "deployment.docker.memlock"),
        k8s.path("memlockCapability").asBoolean(false));
  }

  private void checkTemplates(String where, List<String> templates) {
    for (String t : templates) {
      Matcher m = PLACEHOLDER.matcher(t);
      while (m.find()) {
        if (!FactVocabulary.isTemplateWord(m.group(1))) {
          throw fail(where, "unknown placeholder {" + m.group(1) + "} in \"" + t + "\"");
        }
      }
    }
  }

  /** Commands are pasted into a shell: refuse placeholders no quoting can protect. */
  private void checkCommands(String where, List<String> commands) {
    for (int i = 0; i < commands.size(); i++) {
      String why = CommandTemplates.unsafe(commands.get(i));
      if (why != null) {
        throw fail(where + "[" + i + "]", why + " in \"" + commands.get(i) + "\"");
      }
    }
  }

  private KernelVersion version(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    try {
      return KernelVersion.of(n.asText());
    } catch (IllegalArgumentException e) {
      throw fail(where, e.getMessage());
    }
  }

  private String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw fail(where, "missing or empty '" + field + "'");
    }
    return v.asText();
  }

  private JsonNode array(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw fail(where, "'" + field + "' must be a list");
    }
    return v;
  }

  private List<String> strings(JsonNode n, String where) {
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw fail(where, "must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isValueNode()) {
        throw fail(where, "must be a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  private ModelException fail(String entry, String message) {
    return new ModelException(origin + ": " + entry + ": " + message);
  }
}
