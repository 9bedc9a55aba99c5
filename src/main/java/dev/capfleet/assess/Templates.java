package dev.capfleet.assess;

import dev.capfleet.core.HostText;
import dev.capfleet.core.ShellQuote;
import dev.capfleet.core.ShellQuote.Context;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} placeholders of model templates from a host's words.
 *
 * <p>Words carry host-supplied text (a kernel release, a mount point, a container name), so no word
 * is trusted: control characters never pass, and in commands each word is quoted for the shell
 * context its placeholder stands in (unquoted, inside single or double quotes, or in a {@code #}
 * comment), so a copied command runs exactly the model's words with the host's values as data,
 * whatever the model's author wrote around them.
 */
final class Templates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");

  private Templates() {}

  /**
   * Prose (details, titles, evidence): the words as they are, control characters shown as {@code
   * ?}.
   */
  static String render(String template, Map<String, String> words) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(word(words, m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A command line: each word quoted for where it stands, so that no value can end a quote or a
   * comment.
   */
  static String renderCommand(String template, Map<String, String> words) {
    StringBuilder out = new StringBuilder();
    Context ctx = Context.PLAIN;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      Matcher m = c == '{' ? PLACEHOLDER.matcher(template).region(i, template.length()) : null;
      if (m != null && m.lookingAt()) {
        out.append(ShellQuote.inContext(word(words, m.group(1)), ctx));
        i = m.end();
        continue;
      }
      out.append(c);
      boolean escapes = ctx == Context.PLAIN || ctx == Context.DOUBLE;
      if (c == '\\' && escapes && i + 1 < template.length()) {
        out.append(template.charAt(++i));
      } else if (ctx == Context.PLAIN) {
        ctx =
            c == '\''
                ? Context.SINGLE
                : c == '"'
                    ? Context.DOUBLE
                    : c == '#' && wordStart(template, i) ? Context.COMMENT : ctx;
      } else if ((ctx == Context.SINGLE && c == '\'')
          || (ctx == Context.DOUBLE && c == '"')
          || (ctx == Context.COMMENT && c == '\n')) {
        ctx = Context.PLAIN;
      }
      i++;
    }
    return out.toString();
  }

  /** The word's value with every control character (newline, escape, NUL) shown as {@code ?}. */
  private static String word(Map<String, String> words, String name) {
    String v = words.get(name);
    if (v == null) {
      return "unknown";
    }
    return HostText.masked(v);
  }

  /** A {@code #} starts a comment only where a word starts. */
  private static boolean wordStart(String s, int i) {
    return i == 0 || " \t;&|()".indexOf(s.charAt(i - 1)) >= 0;
  }
}
