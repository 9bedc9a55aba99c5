package dev.capfleet.probe;

import dev.capfleet.core.Capability;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads capability text as libcap writes it (cap_to_text) and cap_from_text(3) defines it: clauses
 * such as {@code cap_a,cap_b=eip}, {@code = cap_a+ep}, {@code =ep cap_x-e}. {@code =} resets the
 * listed capabilities and then raises the given flags, {@code +} raises, {@code -} lowers; an empty
 * list or {@code all} means every one.
 */
final class CapText {
  /** More clauses or names than any real capability text has: the input is not getcap output. */
  private static final int MAX_TOKENS = 512;

  private CapText() {}

  /**
   * Empty when the text is not capability text (an unknown word, a missing operator, a stray
   * character).
   */
  static Optional<FileCapabilities> parse(String text) {
    Map<Capability, CapFlags> flags = new EnumMap<>(Capability.class);
    boolean numeric = false;
    String[] clauses = text.trim().split("\\s+");
    if (clauses.length > MAX_TOKENS) {
      return Optional.empty();
    }
    for (String clause : clauses) {
      if (clause.isEmpty()) {
        continue;
      }
      int op = firstOperator(clause);
      if (op < 0) {
        return Optional.empty();
      }
      Optional<List<Capability>> caps = names(clause.substring(0, op));
      if (caps.isEmpty()) {
        return Optional.empty();
      }
      numeric |= hasNumber(clause.substring(0, op));
      if (!apply(clause.substring(op), caps.get(), flags)) {
        return Optional.empty();
      }
    }
    return Optional.of(new FileCapabilities(flags, numeric));
  }

  /**
   * The capabilities a comma list names: {@code cap_bpf}, {@code 39}, {@code all}, or nothing (=
   * all).
   */
  static Optional<List<Capability>> names(String list) {
    if (list.isEmpty() || list.equalsIgnoreCase("all")) {
      return Optional.of(List.of(Capability.values()));
    }
    String[] tokens = list.split(",", -1);
    if (tokens.length > MAX_TOKENS) {
      return Optional.empty();
    }
    List<Capability> caps = new ArrayList<>();
    for (String token : tokens) {
      if (isSmallNumber(token)) {
        Capability.ofNumber(Integer.parseInt(token))
            .ifPresent(caps::add); // > 40: a newer kernel's, ignored
      } else if (isCapName(token)) {
        // A name this enum lacks is a capability newer than capfleet: no requirement refers to it.
        Capability.parse(token).ifPresent(caps::add);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(caps);
  }

  /**
   * True when the list spells a capability as a number (old libcap printing what it cannot name).
   */
  static boolean hasNumber(String list) {
    for (String token : list.split(",")) {
      if (isSmallNumber(token) && Capability.ofNumber(Integer.parseInt(token)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static int firstOperator(String clause) {
    for (int i = 0; i < clause.length(); i++) {
      char c = clause.charAt(i);
      if (c == '=' || c == '+' || c == '-') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Applies {@code =eip}, {@code +ep-i} and the like to each capability; false on a malformed
   * action list.
   */
  private static boolean apply(
      String actions, List<Capability> caps, Map<Capability, CapFlags> flags) {
    int i = 0;
    while (i < actions.length()) {
      char op = actions.charAt(i++);
      if (op != '=' && op != '+' && op != '-') {
        return false;
      }
      int start = i;
      while (i < actions.length() && "eipEIP".indexOf(actions.charAt(i)) >= 0) {
        i++;
      }
      String f = actions.substring(start, i).toLowerCase(Locale.ROOT);
      if (f.isEmpty() && op != '=') {
        return false;
      }
      CapFlags given = new CapFlags(f.indexOf('e') >= 0, f.indexOf('i') >= 0, f.indexOf('p') >= 0);
      for (Capability cap : caps) {
        CapFlags now = flags.getOrDefault(cap, CapFlags.NONE);
        flags.put(cap, op == '=' ? given : op == '+' ? now.with(given) : now.without(given));
      }
    }
    return true;
  }

  /** {@code \d{1,3}}, checked by hand: every capability list of every host passes here. */
  private static boolean isSmallNumber(String t) {
    if (t.isEmpty() || t.length() > 3) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code (?i)cap_[a-z_]{1,40}} (ASCII case only, as that regex), checked by hand. */
  private static boolean isCapName(String t) {
    if (t.length() < 5 || t.length() > 44) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      c = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      boolean ok = i < 4 ? c == "cap_".charAt(i) : (c >= 'a' && c <= 'z') || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
