package org.spatialcatalog.index;

import java.util.List;
import java.util.Objects;

/**
 * A structured filter over the indexed fields, for protocols whose queries are trees (OGC Filter,
 * CQL) rather than one text box. It restricts a {@link SearchQuery} in addition to its text,
 * keyword, bbox and viewer filters and never changes scores.
 *
 * <p>Field names are the {@link Field} values, or a configured extra field by its name. Text
 * matching ({@link Like}) is per word of the analyzed text and so case-insensitive; exact matching
 * ({@link Equal}) compares the whole value.
 */
public sealed interface Constraint {

  /** The built-in fields a constraint can name. */
  enum Field {
    /** Title, abstract, keywords and the searchable extra fields. */
    ANY_TEXT,
    TITLE,
    ABSTRACT,
    KEYWORD,
    /** The metadata uuid. */
    IDENTIFIER,
    /** {@code iso19139} or {@code dublin-core}. */
    SCHEMA,
    /** When the record last changed in the catalog, epoch milliseconds. */
    CHANGE_DATE,
    /** The geographic extent, only for {@link Exists}. */
    BBOX
  }

  /**
   * A field reference: a built-in field, a configured extra field or a built-in {@link Property}
   * (exactly one is set).
   */
  record Ref(Field field, String extra, Property property) {
    public Ref {
      int set = (field == null ? 0 : 1) + (extra == null ? 0 : 1) + (property == null ? 0 : 1);
      if (set != 1) {
        throw new IllegalArgumentException(
            "a field reference names a built-in field, an extra field or a property");
      }
    }

    public static Ref of(Field field) {
      return new Ref(field, null, null);
    }

    public static Ref extra(String name) {
      return new Ref(null, name, null);
    }

    public static Ref of(Property property) {
      return new Ref(null, null, property);
    }

    /** Whether the field holds dates that take ranges ({@link DateRange}). */
    public boolean isDate() {
      return field == Field.CHANGE_DATE || (property != null && property.isDate());
    }
  }

  /** Every record. */
  record All() implements Constraint {}

  /** Every one of {@code parts} holds. */
  record And(List<Constraint> parts) implements Constraint {
    public And {
      parts = List.copyOf(parts);
    }
  }

  /** At least one of {@code parts} holds. */
  record Or(List<Constraint> parts) implements Constraint {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  /** {@code negated} does not hold. */
  record Not(Constraint negated) implements Constraint {
    public Not {
      Objects.requireNonNull(negated, "negated");
    }
  }

  /**
   * Every word of {@code words} matches a word of the field's text; a word may contain the
   * wildcards {@code *} (any characters) and {@code ?} (one character), and {@code \} escapes the
   * next character. An empty list matches records whose field has any text.
   *
   * <p>With {@code matchCase} false words compare ignoring case. With {@code matchCase} true they
   * compare with their case, against words split at every character that is neither a letter nor a
   * digit; only Title and the {@link Property properties} keep such words, any other field is an
   * {@link IllegalArgumentException}.
   */
  record Like(Ref field, List<String> words, boolean matchCase) implements Constraint {
    public Like {
      Objects.requireNonNull(field, "field");
      words = List.copyOf(words);
    }

    /** Words compared ignoring case. */
    public Like(Ref field, List<String> words) {
      this(field, words, false);
    }
  }

  /** The whole value of the field equals {@code value}; {@code matchCase} false ignores case. */
  record Equal(Ref field, String value, boolean matchCase) implements Constraint {
    public Equal {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A date field ({@link Field#CHANGE_DATE} or a date {@link Property}) between the bounds (epoch
   * ms, inclusive; null is open). A property value is compared by the first millisecond it denotes.
   */
  record DateRange(Ref field, Long from, Long to) implements Constraint {
    public DateRange {
      Objects.requireNonNull(field, "field");
      if (!field.isDate()) {
        throw new IllegalArgumentException("date range on a field without dates: " + field);
      }
    }

    /** A range on {@link Field#CHANGE_DATE}. */
    public DateRange(Long from, Long to) {
      this(Ref.of(Field.CHANGE_DATE), from, to);
    }
  }

  /** The field has a value. */
  record Exists(Ref field) implements Constraint {}

  /** The record's extent intersects {@code box}; records without extent never match. */
  record Intersects(Bbox box) implements Constraint {}

  /** The record's extent lies inside {@code box}; records without extent never match. */
  record Within(Bbox box) implements Constraint {}
}
