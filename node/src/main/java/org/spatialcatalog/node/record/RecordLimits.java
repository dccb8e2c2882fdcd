package org.spatialcatalog.node.record;

/**
 * The largest values a record may carry in its searchable fields. Records beyond them are refused
 * on write (API and harvest alike) with a message naming the limit, because each of these values
 * goes into every node's index: a keyword is one Lucene term (at most 32766 bytes of UTF-8, so
 * 1,000 characters leave room for any script), and a huge title or abstract makes every search
 * result heavy. Documented in docs/api.md.
 */
public final class RecordLimits {

  /** Longest keyword, in characters. */
  public static final int KEYWORD_CHARS = 1_000;

  /** Most distinct keywords per record. */
  public static final int KEYWORDS = 1_000;

  /** Longest title, in characters. */
  public static final int TITLE_CHARS = 4_000;

  /** Longest abstract, in characters. */
  public static final int ABSTRACT_CHARS = 100_000;

  private RecordLimits() {}

  /** Throws {@link InvalidRecordException} naming the first limit {@code record} exceeds. */
  static void check(ParsedRecord record) {
    if (record.title().length() > TITLE_CHARS) {
      throw new InvalidRecordException(
          "title has " + record.title().length() + " characters; the limit is " + TITLE_CHARS);
    }
    if (record.abstractText().length() > ABSTRACT_CHARS) {
      throw new InvalidRecordException(
          "abstract has "
              + record.abstractText().length()
              + " characters; the limit is "
              + ABSTRACT_CHARS);
    }
    if (record.keywords().size() > KEYWORDS) {
      throw new InvalidRecordException(
          "record has " + record.keywords().size() + " keywords; the limit is " + KEYWORDS);
    }
    for (int i = 0; i < record.keywords().size(); i++) {
      String keyword = record.keywords().get(i);
      if (keyword.length() > KEYWORD_CHARS) {
        throw new InvalidRecordException(
            "keyword "
                + (i + 1)
                + " has "
                + keyword.length()
                + " characters (starts with '"
                + keyword.substring(0, 40)
                + "'); the limit is "
                + KEYWORD_CHARS);
      }
    }
  }
}
