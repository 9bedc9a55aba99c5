package dev.capfleet.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The names a model may use: facts a condition can test (with their kinds) and the extra words a
 * template can show. The assessment stage fills every one of them for each host; a model naming
 * anything else is refused when it is loaded, not when a host is scored.
 */
public final class FactVocabulary {
  /** What kind of value a fact holds, which decides the operators that make sense on it. */
  public enum Kind {
    VERSION,
    STRING,
    BOOLEAN,
    INTEGER,
    CAPABILITIES,
    STRINGS,
    MOUNTS
  }

  private static final Map<String, Kind> FACTS = new LinkedHashMap<>();

  static {
    FACTS.put("kernel.version", Kind.VERSION);
    FACTS.put("kernel.release", Kind.STRING);
    FACTS.put("kernel.source", Kind.STRING);
    FACTS.put("arch", Kind.STRING);
    FACTS.put("mode", Kind.STRING);
    FACTS.put("purpose", Kind.STRING);
    FACTS.put("binary.path", Kind.STRING);
    FACTS.put("binary.present", Kind.BOOLEAN);
    FACTS.put("binary.caps", Kind.CAPABILITIES);
    FACTS.put("binary.caps.ep", Kind.CAPABILITIES);
    FACTS.put("binary.mode", Kind.STRING);
    FACTS.put("binary.owner", Kind.STRING);
    FACTS.put("binary.group", Kind.STRING);
    FACTS.put("binary.otherExecute", Kind.BOOLEAN);
    FACTS.put("binary.writableByNonRoot", Kind.BOOLEAN);
    FACTS.put("binary.mount.point", Kind.STRING);
    FACTS.put("binary.mount.fsType", Kind.STRING);
    FACTS.put("binary.mount.options", Kind.STRINGS);
    FACTS.put("boundingSet", Kind.CAPABILITIES);
    FACTS.put("noNewPrivs", Kind.BOOLEAN);
    FACTS.put("mounts", Kind.MOUNTS);
    FACTS.put("lockdown", Kind.STRING);
    FACTS.put("btf", Kind.BOOLEAN);
    FACTS.put("sysctl.unprivileged_bpf_disabled", Kind.INTEGER);
    FACTS.put("sysctl.perf_event_paranoid", Kind.INTEGER);
    FACTS.put("memlock.hard", Kind.STRING);
    FACTS.put("container", Kind.STRING);
    FACTS.put("libcap.installed", Kind.BOOLEAN);
    FACTS.put("libcap.newNames", Kind.BOOLEAN);
    FACTS.put("required.capabilities", Kind.CAPABILITIES);
    FACTS.put("window.open", Kind.BOOLEAN);
    // verified-model facts (shared/ecapture-truth.md)
    FACTS.put("module", Kind.STRING);
    FACTS.put("kernel.uprobeRevert", Kind.STRING);
    FACTS.put("kernel.capLastCap", Kind.INTEGER);
    FACTS.put("kernel.el8", Kind.BOOLEAN);
    FACTS.put("kernel.ubuntu", Kind.BOOLEAN);
    FACTS.put("uprobePmu", Kind.BOOLEAN);
    FACTS.put("userNamespace", Kind.BOOLEAN);
    FACTS.put("lockdown.mode", Kind.STRING);
    FACTS.put("required.missing", Kind.CAPABILITIES);
    FACTS.put("capabilities.needed", Kind.CAPABILITIES);
    FACTS.put("capabilities.useful", Kind.CAPABILITIES);
  }

  /** Words only templates use: renderings of facts and of the rule being checked. */
  public static final Set<String> TEMPLATE_EXTRAS =
      Set.of(
          "binary",
          "item",
          "item.name",
          "item.short",
          "item.setcap",
          "expected",
          "required.setcap",
          "required.getcap",
          "required.names",
          "binary.caps.text",
          "boundingSet.text",
          "boundingSet.source",
          "mounts.special",
          "window.until",
          "account",
          "kernel.buildDate",
          "required.accepted",
          "required.why",
          "required.adminSetcap",
          "uidMap");

  private FactVocabulary() {}

  public static Map<String, Kind> facts() {
    return Map.copyOf(FACTS);
  }

  public static Kind kind(String fact) {
    return FACTS.get(fact);
  }

  public static boolean isTemplateWord(String word) {
    return FACTS.containsKey(word) || TEMPLATE_EXTRAS.contains(word);
  }
}
