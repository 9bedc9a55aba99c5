package dev.capfleet.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses command templates whose placeholders stand where no quoting can hold a host's value:
 * inside {@code $'...'} (backslash escapes are decoded), inside {@code $(...)}, {@code ${...}} or
 * backquotes (a new quoting context starts, so a value quoted for the outer double quotes is
 * re-read as code), or right after a {@code $}. Values are quoted for plain words, single and
 * double quotes and comments; these contexts are refused when the model is loaded instead.
 */
final class CommandTemplates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");

  private enum Context {
    PLAIN,
    SINGLE,
    DOUBLE,
    ANSI,
    COMMENT
  }

  private CommandTemplates() {}

  /** Why a placeholder of {@code template} cannot be quoted safely, or null when all can. */
  static String unsafe(String template) {
    Context ctx = Context.PLAIN;
    int substitutions = 0; // open $( ${ and backquotes, a conservative count
    boolean backquote = false;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      Matcher m = PLACEHOLDER.matcher(template).region(i, template.length());
      if (c == '{' && m.lookingAt() && ctx != Context.SINGLE && ctx != Context.COMMENT) {
        String p = "placeholder {" + m.group(1) + "}";
        if (ctx == Context.ANSI) {
          return p + " stands inside $'...', where backslash escapes are decoded";
        }
        if (substitutions > 0 || backquote) {
          return p + " stands inside $(...), ${...} or backquotes, where quoting starts anew";
        }
        if (i > 0 && template.charAt(i - 1) == '$') {
          return p + " follows a '$', which would make its quoted value an expansion";
        }
        i = m.end() - 1;
        continue;
      }
      boolean escapes = ctx == Context.PLAIN || ctx == Context.DOUBLE || ctx == Context.ANSI;
      if (c == '\\' && escapes) {
        i++;
        continue;
      }
      char next = i + 1 < template.length() ? template.charAt(i + 1) : 0;
      switch (ctx) {
        case PLAIN, DOUBLE -> {
          if (c == '$' && (next == '(' || next == '{')) {
            substitutions++;
            i++;
          } else if (c == '`') {
            backquote = !backquote;
          } else if ((c == ')' || c == '}') && substitutions > 0) {
            substitutions--;
          } else if (ctx == Context.PLAIN && c == '$' && next == '\'') {
            ctx = Context.ANSI;
            i++;
          } else if (ctx == Context.PLAIN && c == '\'') {
            ctx = Context.SINGLE;
          } else if (c == '"') {
            ctx = ctx == Context.PLAIN ? Context.DOUBLE : Context.PLAIN;
          } else if (ctx == Context.PLAIN && c == '#' && wordStart(template, i)) {
            ctx = Context.COMMENT;
          }
        }
        case SINGLE, ANSI -> ctx = c == '\'' ? Context.PLAIN : ctx;
        case COMMENT -> ctx = c == '\n' ? Context.PLAIN : ctx;
      }
    }
    return null;
  }

  private static boolean wordStart(String s, int i) {
    return i == 0 || " \t;&|()".indexOf(s.charAt(i - 1)) >= 0;
  }
}
