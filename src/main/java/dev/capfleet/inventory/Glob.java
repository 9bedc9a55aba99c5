package dev.capfleet.inventory;

/** Translates a shell glob to a Java regex the way Python's {@code fnmatch.translate} does. */
final class Glob {
  private Glob() {}

  static String toRegex(String glob) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i++);
      if (c == '*') {
        out.append(".*");
      } else if (c == '?') {
        out.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && glob.charAt(j) == '!') {
          j++;
        }
        if (j < n && glob.charAt(j) == ']') {
          j++;
        }
        while (j < n && glob.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          out.append("\\[");
        } else {
          out.append(charClass(glob.substring(i, j)));
          i = j + 1;
        }
      } else {
        out.append(quote(c));
      }
    }
    return out.toString();
  }

  private static String charClass(String stuff) {
    if (stuff.isEmpty()) {
      return "(?!)";
    }
    if (stuff.equals("!")) {
      return ".";
    }
    StringBuilder cls = new StringBuilder("[");
    int start = 0;
    if (stuff.charAt(0) == '!') {
      cls.append('^');
      start = 1;
    }
    for (int k = start; k < stuff.length(); k++) {
      char c = stuff.charAt(k);
      boolean range = c == '-' && k > start && k < stuff.length() - 1;
      cls.append(range ? "-" : quoteInClass(c));
    }
    return cls.append(']').toString();
  }

  private static String quoteInClass(char c) {
    return quote(c);
  }

  /**
   * ASCII punctuation is escaped; letters, digits and non-ASCII characters stand for themselves.
   */
  private static String quote(char c) {
    return c >= 128 || Character.isLetterOrDigit(c) || c == '_' ? String.valueOf(c) : "\\" + c;
  }
}
