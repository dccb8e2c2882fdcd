package org.spatialcatalog.index;

/**
 * Shortens an abstract for display in a result list.
 *
 * <p>Whitespace runs are collapsed to single spaces. Text longer than {@value #MAX_LENGTH}
 * characters is cut at the last word boundary within the limit and ends in "…"; a single word
 * longer than the limit is cut hard, never inside a surrogate pair.
 */
final class Excerpt {

  static final int MAX_LENGTH = 200;

  private static final String ELLIPSIS = "…";

  private Excerpt() {}

  static String of(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.length() <= MAX_LENGTH) {
      return flat;
    }
    int cut = flat.lastIndexOf(' ', MAX_LENGTH);
    if (cut <= 0) {
      cut = Character.isHighSurrogate(flat.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    }
    return flat.substring(0, cut).stripTrailing() + ELLIPSIS;
  }
}
