package org.spatialcatalog.node.record;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The form keywords are filtered and faceted in: Unicode NFC, runs of white space as one space,
 * trimmed, lower case (locale-independent). "Hydrography", "hydrography " and "HYDROGRAPHY" are one
 * keyword to search; the record itself keeps the spelling it was given.
 */
public final class KeywordForm {

  private KeywordForm() {}

  public static String of(String keyword) {
    String nfc = Normalizer.normalize(keyword, Normalizer.Form.NFC);
    return Text.collapseWhitespace(nfc).toLowerCase(Locale.ROOT);
  }

  /** Each keyword in its search form, without duplicates, in first-seen order. */
  public static List<String> of(List<String> keywords) {
    return keywords.stream()
        .filter(k -> k != null && !k.isBlank())
        .map(KeywordForm::of)
        .distinct()
        .toList();
  }
}
