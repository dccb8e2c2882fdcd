package org.spatialcatalog.node.record;

import java.util.LinkedHashSet;
import java.util.List;

/** Normalization of text values extracted from records. */
final class Text {

  private Text() {}

  /**
   * Trims and replaces every run of whitespace with one space: titles and keywords are often
   * wrapped and indented by pretty-printers, which must not change how they display or match.
   */
  static String collapseWhitespace(String text) {
    // By hand rather than with the regex "\s+": every keyword, title and abstract of every write
    // passes here, and a text without a run to collapse comes back from strip() as it is.
    String stripped = text.strip();
    int n = stripped.length();
    int i = 0;
    while (i < n) {
      char c = stripped.charAt(i);
      if (isSpace(c) && (c != ' ' || (i + 1 < n && isSpace(stripped.charAt(i + 1))))) {
        break;
      }
      i++;
    }
    if (i == n) {
      return stripped;
    }
    StringBuilder collapsed = new StringBuilder(n).append(stripped, 0, i);
    boolean inRun = false;
    for (; i < n; i++) {
      char c = stripped.charAt(i);
      if (!isSpace(c)) {
        collapsed.append(c);
        inRun = false;
      } else if (!inRun) {
        collapsed.append(' ');
        inRun = true;
      }
    }
    return collapsed.toString();
  }

  /** What the regex {@code \s} matches: ASCII white space only. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** Whitespace-collapsed, non-empty, exact-duplicate-free keywords in first-seen order. */
  static List<String> distinctKeywords(List<String> raw) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (String keyword : raw) {
      String normalized = collapseWhitespace(keyword);
      if (!normalized.isEmpty()) {
        distinct.add(normalized);
      }
    }
    return List.copyOf(distinct);
  }
}
