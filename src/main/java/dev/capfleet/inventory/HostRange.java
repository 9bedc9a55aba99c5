package dev.capfleet.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands host ranges as Ansible does: {@code web[01:50:2]}, {@code db-[a:f]}, {@code
 * x[1:3]y[a:b]}, leading zeros kept, begin defaulting to 0, letters taken from {@code a-zA-Z}.
 */
final class HostRange {
  /** Ansible would try to build any size; past this we stop and say so. */
  static final int MAX_HOSTS = 100_000;

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private HostRange() {}

  /** Throws IllegalArgumentException with Ansible's wording when a range is malformed. */
  static List<String> expand(String pattern) {
    List<String> out = new ArrayList<>();
    expandInto(pattern, out);
    return out;
  }

  private static void expandInto(String pattern, List<String> out) {
    if (pattern.indexOf('[') < 0) {
      out.add(pattern);
      return;
    }
    // Ansible swaps the first '[' and the first ']' for '|' and splits on '|'.
    String marked = replaceFirst(replaceFirst(pattern, '['), ']');
    String[] parts = marked.split("\\|", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "host range in '" + pattern + "' must be written as name[begin:end]");
    }
    String head = parts[0];
    String tail = parts[2];
    String[] bounds = parts[1].split(":", -1);
    if (bounds.length != 2 && bounds.length != 3) {
      throw new IllegalArgumentException("host range must be begin:end or begin:end:step");
    }
    String begin = bounds[0].isEmpty() ? "0" : bounds[0];
    String end = bounds[1];
    String step = bounds.length == 3 ? bounds[2] : "1";
    if (end.isEmpty()) {
      throw new IllegalArgumentException("host range must specify end value");
    }
    int width = 0;
    if (begin.charAt(0) == '0' && begin.length() > 1) {
      width = begin.length();
      if (end.length() != width) {
        throw new IllegalArgumentException(
            "host range must specify equal-length begin and end formats");
      }
    }
    for (String item : sequence(pattern, begin, end, step)) {
      String name = head + pad(item, width) + tail;
      expandInto(name, out);
      if (out.size() > MAX_HOSTS) {
        throw new IllegalArgumentException(
            "host range '" + pattern + "' makes more than " + MAX_HOSTS + " hosts");
      }
    }
  }

  private static List<String> sequence(String pattern, String begin, String end, String step) {
    int from = LETTERS.indexOf(begin);
    int to = LETTERS.indexOf(end);
    BigInteger stride = pythonInt(step);
    List<String> items = new ArrayList<>();
    if (from >= 0 && to >= 0 && stride != null && stride.signum() != 0) {
      if (from > to) {
        throw new IllegalArgumentException("host range must have begin <= end");
      }
      if (stride.signum() > 0) {
        for (int i = from;
            i <= to;
            i += stride.min(BigInteger.valueOf(LETTERS.length())).intValue()) {
          items.add(String.valueOf(LETTERS.charAt(i)));
        }
      }
      return items;
    }
    BigInteger first = pythonInt(begin);
    BigInteger last = pythonInt(end);
    if (first == null || last == null || stride == null) {
      throw new IllegalArgumentException(
          "host range '" + pattern + "' is neither numeric nor a single-letter range");
    }
    if (stride.signum() == 0) {
      throw new IllegalArgumentException("host range step must not be zero");
    }
    BigInteger stop = last.add(BigInteger.ONE); // Python's range() excludes its end
    for (BigInteger i = first;
        stride.signum() > 0 ? i.compareTo(stop) < 0 : i.compareTo(stop) > 0;
        i = i.add(stride)) {
      items.add(i.toString());
      if (items.size() > MAX_HOSTS) {
        throw new IllegalArgumentException(
            "host range '" + pattern + "' makes more than " + MAX_HOSTS + " hosts");
      }
    }
    return items;
  }

  /**
   * Python's {@code int(text)}: surrounding blanks, a sign and single underscores between digits
   * allowed.
   */
  static BigInteger pythonInt(String text) {
    String t = text.strip();
    if (!t.matches("[+-]?[0-9](?:_?[0-9])*")) {
      return null;
    }
    return new BigInteger(t.replace("_", ""));
  }

  private static String pad(String item, int width) {
    if (width == 0 || item.length() >= width) {
      return item;
    }
    boolean negative = item.startsWith("-");
    String digits = negative ? item.substring(1) : item;
    return (negative ? "-" : "") + "0".repeat(width - item.length()) + digits;
  }

  private static String replaceFirst(String s, char c) {
    int i = s.indexOf(c);
    return i < 0 ? s : s.substring(0, i) + '|' + s.substring(i + 1);
  }
}
