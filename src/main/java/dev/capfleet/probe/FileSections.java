package dev.capfleet.probe;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits the probe's section {@code files} back into one section per file, as the probe's read_file
 * would have printed each one.
 *
 * <p>The probe reads its /proc and /sys files with one {@code grep -a -H ''} (read_files in
 * probe.sh): the section starts with a line {@code paths NAME=PATH...} the script wrote itself,
 * then grep's output, every line prefixed with the path of its file, and grep's {@code grep: PATH:
 * why} for a file it could not open or read (GNU grep and busybox flush their output before such a
 * message, so it stands on a line of its own). A file's lines become section NAME with exit 0; a
 * file grep could not read is "not readable" (exit 126, read_file's word) with grep's reason; a
 * file without either is empty, unless grep failed as a whole (exit 2 with lines of no file, such
 * as a refused option), which makes it "not readable" with those lines. When the section was cut
 * off, the file being printed and every later one are cut off too.
 *
 * <p>Differences from read_file, pinned by ReadFilesGoldenTest: a last line without newline gets
 * one (grep adds it; no probed file lacks it), NUL bytes are kept (as cat kept them), and a read
 * error (EIO) is "not readable" with grep's reason where read_file printed cat's message.
 */
final class FileSections {
  /** The section that holds grep's output. */
  static final String NAME = "files";

  /**
   * The lines of /proc/self/status the model reads: the report keeps these alone, as the probe's
   * own filter did before grep read the file (the other lines describe grep's process).
   */
  static final List<String> STATUS_KEYS =
      List.of("CapInh:", "CapPrm:", "CapEff:", "CapBnd:", "CapAmb:", "NoNewPrivs:", "Seccomp:");

  private static final String GREP = "grep: ";

  private static final Pattern ENTRY = Pattern.compile("([a-z_]{1,32})=(/[^:=\\s]{1,256})");

  private FileSections() {}

  /**
   * {@code sections} with {@code files} replaced, where it stood, by the sections it holds; the
   * sections as they are when there is no {@code files} section or its first line is not a path
   * list. A name that is already a section keeps that section.
   */
  static Map<String, Section> expand(Map<String, Section> sections, int sectionCap, int max) {
    Section files = sections.get(NAME);
    if (files == null) {
      return sections;
    }
    Map<String, Section> split = split(files, sectionCap, max);
    if (split == null) {
      return sections;
    }
    Map<String, Section> out = new LinkedHashMap<>();
    for (Map.Entry<String, Section> e : sections.entrySet()) {
      if (!e.getKey().equals(NAME)) {
        out.put(e.getKey(), e.getValue());
        continue;
      }
      for (Section s : split.values()) {
        if (!sections.containsKey(s.name()) && out.size() < max) {
          out.putIfAbsent(s.name(), s);
        }
      }
    }
    return out;
  }

  /**
   * The files' sections in the path list's order, or null without a path list; entries past the
   * {@code max}-th are not read (a host cannot make the list cost more than the sections it may
   * have).
   */
  private static Map<String, Section> split(Section files, int sectionCap, int max) {
    String text = files.output();
    int firstEnd = text.indexOf('\n');
    String header = firstEnd < 0 ? text : text.substring(0, firstEnd);
    if (!header.startsWith("paths ")) {
      return null;
    }
    Map<String, String> pathOf = new LinkedHashMap<>(); // by name, in the list's order
    Map<String, Integer> byPath = new HashMap<>(); // each path's place in that order
    for (String word : header.substring("paths ".length()).split(" ", max + 1)) {
      if (pathOf.size() >= max) {
        break;
      }
      var m = ENTRY.matcher(word);
      if (!m.matches()) {
        return null;
      }
      if (!pathOf.containsKey(m.group(1)) && !byPath.containsKey(m.group(2))) {
        byPath.put(m.group(2), pathOf.size());
        pathOf.put(m.group(1), m.group(2));
      }
    }
    List<String> names = List.copyOf(pathOf.keySet());
    List<String> paths = List.copyOf(pathOf.values());
    boolean whole = !files.truncated() && files.exit() != null;
    int n = names.size();
    StringBuilder[] bodies = new StringBuilder[n];
    String[] errors = new String[n];
    boolean[] cut = new boolean[n];
    int last = -1;
    StringBuilder unknown = new StringBuilder();
    int pos = firstEnd < 0 ? text.length() : firstEnd + 1;
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl;
      int colon = text.indexOf(':', pos);
      Integer file = colon < 0 || colon > end ? null : byPath.get(text.substring(pos, colon));
      Integer failed = file == null ? failedFile(text, pos, end, byPath) : null;
      if (file != null) {
        last = Math.max(last, file);
        StringBuilder body =
            bodies[file] == null ? bodies[file] = new StringBuilder() : bodies[file];
        if (keep(names.get(file), text, colon + 1)) {
          if (body.length() + (end - colon) <= sectionCap) {
            body.append(text, colon + 1, end);
            if (nl >= 0 || whole) { // the last line of a cut-off section is as far as it came
              body.append('\n');
            }
          } else {
            cut[file] = true;
          }
        }
      } else if (failed != null) {
        last = Math.max(last, failed);
        int why = pos + GREP.length() + paths.get(failed).length() + 2;
        errors[failed] = GetcapParser.cut(text.substring(Math.min(why, end), end));
      } else if (unknown.length() < 1024) {
        unknown.append(text, pos, Math.min(end, pos + 1024 - unknown.length())).append('\n');
      }
      pos = end + 1;
    }
    boolean grepFailed = whole && files.exit() >= 2 && unknown.length() > 0;
    Map<String, Section> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = names.get(i);
      String notReadable = "capfleet: " + paths.get(i) + " not readable";
      Section s;
      if (!whole && i >= last) {
        s = new Section(name, null, bodies[i] == null ? "" : bodies[i].toString(), true);
      } else if (errors[i] != null) {
        s = new Section(name, 126, notReadable + ": " + errors[i] + "\n", false);
      } else if (bodies[i] != null) {
        s = new Section(name, 0, bodies[i].toString(), cut[i]);
      } else if (grepFailed) {
        s = new Section(name, 126, notReadable + "\n" + unknown, false);
      } else {
        s = new Section(name, 0, "", false);
      }
      out.put(name, s);
    }
    return out;
  }

  /** The file a line {@code grep: PATH: why} names, or null. */
  private static Integer failedFile(String text, int pos, int end, Map<String, Integer> byPath) {
    if (!text.startsWith(GREP, pos)) {
      return null;
    }
    int colon = text.indexOf(": ", pos + GREP.length());
    return colon < 0 || colon > end ? null : byPath.get(text.substring(pos + GREP.length(), colon));
  }

  /** Every line of every file, except the status lines the model does not read. */
  private static boolean keep(String name, String text, int from) {
    if (!name.equals("status")) {
      return true;
    }
    for (String key : STATUS_KEYS) {
      if (text.startsWith(key, from)) {
        return true;
      }
    }
    return false;
  }
}
