package org.spatialcatalog.node.record;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Normalization of text values extracted from records. */
final class Text {

  private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

  private Text() {}

  /**
   * Trims and replaces every run of whitespace with one space: titles and keywords are often
   * wrapped and indented by pretty-printers, which must not change how they display or match.
   */
  static String collapseWhitespace(String text) {
    return WHITESPACE_RUN.matcher(text.strip()).replaceAll(" ");
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
