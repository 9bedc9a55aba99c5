package dev.capfleet.assess;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {name}} placeholders of model templates from a host's words. */
final class Templates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");

  private Templates() {}

  static String render(String template, Map<String, String> words) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = words.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "unknown" : v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
