package dev.capfleet.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The probe script's output split into its sections; the files the probe read with one grep are
 * split back into a section each ({@link FileSections}).
 *
 * @param sections by name, in the order the script printed them
 * @param complete true when the script's closing marker arrived (it ran to the end)
 */
public record ProbeOutput(Map<String, Section> sections, boolean complete) {
  /**
   * Output kept per section; the rest is dropped and the section marked truncated. The section that
   * holds the files grep read ({@link FileSections}) may hold twice this: the mount table, the one
   * large file, comes last in it, after files of a few lines each.
   */
  public static final int DEFAULT_SECTION_CAP = 256 * 1024;

  /**
   * More sections than the script has, many times over: the rest of a host's markers are read as
   * text.
   */
  static final int MAX_SECTIONS = 64;

  private static final java.util.regex.Pattern SECTION_NAME =
      java.util.regex.Pattern.compile("[a-z_]{1,32}");

  public ProbeOutput {
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
  }

  public Optional<Section> section(String name) {
    return Optional.ofNullable(sections.get(name));
  }

  /**
   * Splits raw output on markers that carry {@code nonce}; anything outside a section is ignored.
   */
  public static ProbeOutput parse(String raw, String nonce) {
    return parse(raw, nonce, DEFAULT_SECTION_CAP);
  }

  public static ProbeOutput parse(String raw, String nonce, int sectionCap) {
    String prefix = "@@CAPFLEET " + nonce + " ";
    Map<String, Section> sections = new LinkedHashMap<>();
    boolean complete = false;
    String open = null;
    StringBuilder body = new StringBuilder();
    boolean cut = false;
    int pos = 0;
    int n = raw.length();
    while (pos < n) {
      int nl = raw.indexOf('\n', pos);
      int lineEnd = nl < 0 ? n : nl;
      int next = nl < 0 ? n : nl + 1;
      if (raw.startsWith(prefix, pos)) {
        String[] words = raw.substring(pos + prefix.length(), lineEnd).trim().split(" ");
        if (words.length >= 2
            && words[0].equals("begin")
            && SECTION_NAME.matcher(words[1]).matches()
            && (sections.size() < MAX_SECTIONS || sections.containsKey(words[1]))) {
          if (open != null) {
            sections.put(open, new Section(open, null, body.toString(), true));
          }
          open = words[1];
          body.setLength(0);
          cut = false;
          complete = false;
        } else if (words.length >= 3 && words[0].equals("end") && words[1].equals(open)) {
          String text = body.toString();
          if (text.endsWith("\n")) {
            text =
                text.substring(
                    0, text.length() - 1); // the newline the script adds before the end marker
          }
          sections.put(open, new Section(open, parseExit(words[2]), text, cut));
          open = null;
          body.setLength(0);
        } else if (words.length >= 1 && words[0].equals("done")) {
          complete = open == null;
        }
      } else if (open != null) {
        int room = (open.equals(FileSections.NAME) ? 2 * sectionCap : sectionCap) - body.length();
        int len = next - pos;
        if (len <= room) {
          body.append(raw, pos, next);
        } else {
          if (room > 0) {
            int end = pos + room;
            // never keep half of a surrogate pair: the report must stay valid UTF-16 (and so valid
            // JSON text)
            body.append(raw, pos, Character.isHighSurrogate(raw.charAt(end - 1)) ? end - 1 : end);
          }
          cut = true;
        }
      }
      pos = next;
    }
    if (open != null) {
      sections.put(open, new Section(open, null, body.toString(), true));
    }
    return new ProbeOutput(FileSections.expand(sections, sectionCap, MAX_SECTIONS), complete);
  }

  private static Integer parseExit(String word) {
    try {
      return Integer.parseInt(word);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
