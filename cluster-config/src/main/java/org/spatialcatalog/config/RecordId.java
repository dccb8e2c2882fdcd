package org.spatialcatalog.config;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Internal record ids: a random UUID written with underscores instead of hyphens and, when it
 * starts with a digit, that digit replaced by a letter (0→g … 9→p).
 *
 * <p>Why: ids are used as directory names, XML ids and Lucene terms, where a leading digit or a
 * hyphen is awkward. The mapping is reversible ({@link #toUuid}) and the first character still has
 * 16 possible values, so the first characters of an id shard a data directory evenly.
 */
public final class RecordId {

  /** Every id this class produces matches this pattern. */
  public static final Pattern PATTERN =
      Pattern.compile("^[a-p][0-9a-f]{7}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$");

  private RecordId() {}

  /** A new random id. */
  public static String newId() {
    return fromUuid(UUID.randomUUID());
  }

  /** The id for a given UUID. */
  public static String fromUuid(UUID uuid) {
    char[] chars = uuid.toString().toLowerCase(Locale.ROOT).replace('-', '_').toCharArray();
    if (Character.isDigit(chars[0])) {
      chars[0] = (char) ('g' + (chars[0] - '0'));
    }
    return new String(chars);
  }

  /** The UUID an id was made from; throws {@link IllegalArgumentException} for anything else. */
  public static UUID toUuid(String id) {
    if (!isRecordId(id)) {
      throw new IllegalArgumentException("'" + id + "' is not a record id");
    }
    char[] chars = id.replace('_', '-').toCharArray();
    if (chars[0] >= 'g') {
      chars[0] = (char) ('0' + (chars[0] - 'g'));
    }
    return UUID.fromString(new String(chars));
  }

  /** Whether the text has the shape of an id made by this class. */
  public static boolean isRecordId(String text) {
    return text != null && PATTERN.matcher(text).matches();
  }
}
