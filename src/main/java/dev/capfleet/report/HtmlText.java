package dev.capfleet.report;

/** Escapes any host or inventory string for HTML text and quoted attribute values. */
final class HtmlText {
  private HtmlText() {}

  /**
   * The text with {@code & < > " '} as character references and characters HTML cannot carry
   * replaced (as in the workbook), so a value can never end an element, an attribute or the page's
   * script.
   */
  static String escape(String s) {
    String clean = CellText.xmlSafe(s);
    StringBuilder b = new StringBuilder(clean.length() + 16);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
