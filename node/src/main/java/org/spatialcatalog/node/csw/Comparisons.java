package org.spatialcatalog.node.csw;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.Constraint;
import org.spatialcatalog.index.Constraint.Field;

/**
 * The meaning of each comparison on each queryable, shared by the OGC Filter and the CQL readers so
 * both encodings answer alike. Text queryables (AnyText, Title, Abstract, Subject and the text
 * properties such as Format or OrganisationName) compare by word for LIKE; Title, Subject,
 * Identifier and the properties compare whole values for equality, with or without case as {@code
 * matchCase} says; Modified and the date properties (RevisionDate, CreationDate, PublicationDate)
 * compare dates (a day without time means the whole day, UTC); BoundingBox takes only spatial
 * operators. LIKE ignores case unless {@code matchCase} is true, which Title and the properties
 * support; Subject always ignores case, as keywords are kept in one search form. Any other
 * combination is an InvalidParameterValue naming it.
 */
final class Comparisons {

  enum Op {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE
  }

  private static final String LOCATOR = "constraint";

  private Comparisons() {}

  static Constraint compare(
      Constraint.Ref ref, String name, Op op, String value, boolean matchCase) {
    if (ref.isDate()) {
      return dates(ref, op, value);
    }
    if (ref.field() == Field.BBOX) {
      throw CswException.invalid(LOCATOR, "'" + name + "' takes only BBOX, Intersects or Within");
    }
    if (op != Op.EQ && op != Op.NE) {
      throw CswException.invalid(
          LOCATOR,
          "ordering comparisons are supported on Modified, RevisionDate, CreationDate and"
              + " PublicationDate only, not on '"
              + name
              + "'");
    }
    Constraint equal;
    if (ref.field() == Field.ANY_TEXT || ref.field() == Field.ABSTRACT) {
      // No whole-value form of these is indexed: equality means "contains these words".
      equal = new Constraint.Like(ref, words(value, '*', '?', '\\'));
    } else {
      // Keywords are indexed in their search form (lower case), so Subject always ignores case.
      equal = new Constraint.Equal(ref, value, matchCase && ref.field() != Field.KEYWORD);
    }
    return op == Op.EQ ? equal : new Constraint.Not(equal);
  }

  static Constraint between(Constraint.Ref ref, String name, String lower, String upper) {
    if (!ref.isDate()) {
      throw CswException.invalid(
          LOCATOR,
          "Between is supported on Modified, RevisionDate, CreationDate and PublicationDate only,"
              + " not on '"
              + name
              + "'");
    }
    return new Constraint.DateRange(ref, range(lower)[0], range(upper)[1]);
  }

  /**
   * A LIKE pattern ignoring case, with its own wildcard, single-character and escape characters.
   */
  static Constraint like(
      Constraint.Ref ref,
      String name,
      String pattern,
      char wildCard,
      char singleChar,
      char escapeChar) {
    return like(ref, name, pattern, wildCard, singleChar, escapeChar, false);
  }

  /**
   * A LIKE pattern; with {@code matchCase} words compare with their case, which only Title and the
   * properties support (the other text is indexed lower-cased only, keywords in their {@code
   * KeywordForm}).
   */
  static Constraint like(
      Constraint.Ref ref,
      String name,
      String pattern,
      char wildCard,
      char singleChar,
      char escapeChar,
      boolean matchCase) {
    if (ref.field() == Field.BBOX || ref.isDate()) {
      throw CswException.invalid(LOCATOR, "LIKE is not supported on '" + name + "'");
    }
    List<String> words = words(pattern, wildCard, singleChar, escapeChar);
    if (ref.field() == Field.IDENTIFIER || ref.field() == Field.SCHEMA) {
      if (words.size() == 1 && !hasWildcard(words.get(0))) {
        return new Constraint.Equal(ref, unescape(words.get(0)), true);
      }
      throw CswException.invalid(LOCATOR, "LIKE with wildcards is not supported on '" + name + "'");
    }
    if (matchCase && ref.property() == null && ref.field() != Field.TITLE) {
      throw CswException.invalid(
          LOCATOR,
          "matchCase=\"true\" on PropertyIsLike is not supported on '"
              + name
              + "' (its text is indexed without case); it is on Title and the ISO properties"
              + " such as OrganisationName");
    }
    return new Constraint.Like(ref, words, matchCase);
  }

  static Constraint isNull(Constraint.Ref ref) {
    return new Constraint.Not(new Constraint.Exists(ref));
  }

  static Constraint spatial(Constraint.Ref ref, String name, Bbox box, boolean within) {
    if (ref != null && ref.field() != Field.BBOX) {
      throw CswException.invalid(LOCATOR, "spatial operators need BoundingBox, not '" + name + "'");
    }
    return within ? new Constraint.Within(box) : new Constraint.Intersects(box);
  }

  /**
   * Splits a pattern into words in the index's wildcard syntax ({@code *}, {@code ?}, {@code \}
   * escapes); words that are only wildcards are dropped, since "anything" adds no condition.
   */
  static List<String> words(String pattern, char wildCard, char singleChar, char escapeChar) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean literal = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == escapeChar && i + 1 < pattern.length()) {
        char next = pattern.charAt(++i);
        appendLiteral(word, next);
        literal = true;
      } else if (Character.isWhitespace(c)) {
        flush(words, word, literal);
        literal = false;
      } else if (c == wildCard) {
        word.append('*');
      } else if (c == singleChar) {
        word.append('?');
        literal = true;
      } else {
        appendLiteral(word, c);
        literal = true;
      }
    }
    flush(words, word, literal);
    return words;
  }

  private static void appendLiteral(StringBuilder word, char c) {
    if (c == '*' || c == '?' || c == '\\') {
      word.append('\\');
    }
    word.append(c);
  }

  private static void flush(List<String> words, StringBuilder word, boolean literal) {
    if (word.length() > 0 && literal) {
      words.add(word.toString());
    }
    word.setLength(0);
  }

  private static boolean hasWildcard(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (word.charAt(i) == '\\') {
        i++;
      } else if (word.charAt(i) == '*' || word.charAt(i) == '?') {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String word) {
    return word.replaceAll("\\\\(.)", "$1");
  }

  private static Constraint dates(Constraint.Ref ref, Op op, String value) {
    long[] r = range(value);
    return switch (op) {
      case EQ -> new Constraint.DateRange(ref, r[0], r[1]);
      case NE -> new Constraint.Not(new Constraint.DateRange(ref, r[0], r[1]));
      case LT -> new Constraint.DateRange(ref, null, r[0] - 1);
      case LE -> new Constraint.DateRange(ref, null, r[1]);
      case GT -> new Constraint.DateRange(ref, r[1] + 1, null);
      case GE -> new Constraint.DateRange(ref, r[0], null);
    };
  }

  /** The first and last millisecond a date or date-time denotes. */
  static long[] range(String text) {
    String t = text == null ? "" : text.strip();
    try {
      if (t.length() == 10) {
        long start = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return new long[] {start, start + 86_400_000L - 1};
      }
      Instant at;
      try {
        at = OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException noZone) {
        at = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
      return new long[] {at.toEpochMilli(), at.toEpochMilli()};
    } catch (DateTimeParseException e) {
      throw CswException.invalid(
          LOCATOR, "'" + text + "' is not a date (YYYY-MM-DD or" + " YYYY-MM-DDThh:mm:ssZ)");
    }
  }
}
