package org.spatialcatalog.index;

import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * The index schema: which Lucene fields a record becomes and how a stored document turns back into
 * a {@link SearchHit}.
 *
 * <p>The extent is one four-dimensional {@link DoublePoint} (west, south, east, north) so that a
 * single range query expresses box intersection. A record crossing the antimeridian is indexed as
 * two points, one on each side, which keeps every indexed box west &lt;= east.
 */
final class RecordFields {

  static final String ID = "id";
  static final String UUID = "uuid";
  static final String SCHEMA = "schema";
  static final String TITLE = "title";
  static final String TITLE_SORT = "title_sort";

  /** The whole title as given, and lower-cased, for exact comparisons (CSW PropertyIsEqualTo). */
  static final String TITLE_EXACT = "title_exact";

  static final String TITLE_LOWER = "title_lc";

  /** Keywords lower-cased, for exact comparisons that ignore case. */
  static final String KEYWORD_LOWER = "keyword_lc";

  static final String ABSTRACT = "abstract";
  static final String KEYWORD = "keyword";
  static final String KEYWORD_TEXT = "keyword_text";
  static final String BBOX = "bbox";
  static final String CHANGE_DATE = "change_date";
  static final String VERSION = "version";
  static final String VIEW = "view";

  /**
   * Marks a record not everyone may view. Documents indexed before privileges existed lack both
   * this marker and {@link #VIEW}; without the marker they count as public, which they were.
   */
  static final String RESTRICTED = "restricted";

  /** Present (value {@code true}) only on minimal documents of quarantined records. */
  static final String QUARANTINED = "quarantined";

  static final String QUARANTINE_REASON = "quarantine_reason";

  /** Prefixes of the fields made from configured extra fields: exact, text, sort. */
  static final String EXTRA_EXACT = "f.";

  static final String EXTRA_TEXT = "ft.";
  static final String EXTRA_SORT = "fs.";

  /**
   * Prefixes of the fields made from built-in {@link Property properties}: whole value, whole value
   * lower-cased, analyzed text, words with their case, date (epoch ms).
   */
  static final String PROPERTY_EXACT = "p.";

  static final String PROPERTY_LOWER = "pl.";
  static final String PROPERTY_TEXT = "pt.";
  static final String PROPERTY_WORDS = "pw.";
  static final String PROPERTY_DATE = "pd.";

  /** Title words with their case kept, for case-sensitive LIKE. */
  static final String TITLE_WORDS = "title_w";

  // The analyzer's own limit on token length; longer words are cut the same way.
  private static final int MAX_WORD_CHARS = 255;

  private static final String[] BBOX_STORED = {"bbox_w", "bbox_s", "bbox_e", "bbox_n"};

  // Doc values terms are limited to 32766 bytes; a sort key needs far less than that.
  private static final int TITLE_SORT_CHARS = 256;

  private RecordFields() {}

  static Term idTerm(String id) {
    return new Term(ID, id);
  }

  static Document toDocument(IndexedRecord record) {
    if (record.quarantineReason() != null) {
      // Both write paths (apply and rebuild) quarantine a document they cannot build or Lucene
      // refuses; a record already known to be unindexable takes that same path, before the
      // writer saw anything of it.
      throw new IllegalArgumentException(record.quarantineReason());
    }
    Document doc = new Document();
    doc.add(new StringField(ID, record.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(ID, new BytesRef(record.id())));
    doc.add(new StringField(UUID, record.uuid(), Field.Store.YES));
    doc.add(new StringField(SCHEMA, record.schema(), Field.Store.YES));
    doc.add(new TextField(TITLE, record.title(), Field.Store.YES));
    doc.add(new SortedDocValuesField(TITLE_SORT, new BytesRef(sortKey(record.title()))));
    doc.add(new StringField(TITLE_EXACT, exact(record.title()), Field.Store.NO));
    doc.add(
        new StringField(
            TITLE_LOWER, exact(record.title()).toLowerCase(Locale.ROOT), Field.Store.NO));
    addWords(doc, TITLE_WORDS, record.title());
    doc.add(new TextField(ABSTRACT, record.abstractText(), Field.Store.YES));
    for (String keyword : record.keywords()) {
      doc.add(new StringField(KEYWORD, keyword, Field.Store.NO));
      doc.add(new SortedSetDocValuesField(KEYWORD, new BytesRef(keyword)));
      doc.add(new TextField(KEYWORD_TEXT, keyword, Field.Store.NO));
      doc.add(new StringField(KEYWORD_LOWER, keyword.toLowerCase(Locale.ROOT), Field.Store.NO));
    }
    Bbox bbox = record.bbox();
    if (bbox != null) {
      addExtent(doc, bbox);
    }
    record.fields().forEach((name, values) -> addExtra(doc, name, values));
    record.properties().forEach((property, values) -> addProperty(doc, property, values));
    for (String viewer : record.viewers()) {
      doc.add(new StringField(VIEW, viewer, Field.Store.NO));
    }
    if (!record.viewers().contains(IndexedRecord.EVERYONE)) {
      doc.add(new StringField(RESTRICTED, "true", Field.Store.NO));
    }
    doc.add(new NumericDocValuesField(CHANGE_DATE, record.changeDate().toEpochMilli()));
    doc.add(new NumericDocValuesField(VERSION, record.version()));
    doc.add(new StoredField(VERSION, record.version()));
    return doc;
  }

  /**
   * The document of a record that cannot be indexed in full: only what identifies it, who may view
   * it and a shortened title, so it stays findable by id and the version check against the database
   * still holds. Every value here is far below Lucene's limits.
   */
  static Document minimalDocument(IndexedRecord record, String reason) {
    Document doc = new Document();
    doc.add(new StringField(ID, record.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(ID, new BytesRef(record.id())));
    doc.add(new StringField(UUID, shorten(record.uuid(), TITLE_SORT_CHARS), Field.Store.YES));
    doc.add(new StringField(SCHEMA, shorten(record.schema(), TITLE_SORT_CHARS), Field.Store.YES));
    String title = shorten(record.title(), TITLE_SORT_CHARS * 4);
    doc.add(new TextField(TITLE, title, Field.Store.YES));
    doc.add(new SortedDocValuesField(TITLE_SORT, new BytesRef(sortKey(title))));
    doc.add(new TextField(ABSTRACT, "", Field.Store.YES));
    for (String viewer : record.viewers()) {
      doc.add(new StringField(VIEW, shorten(viewer, TITLE_SORT_CHARS), Field.Store.NO));
    }
    if (!record.viewers().contains(IndexedRecord.EVERYONE)) {
      doc.add(new StringField(RESTRICTED, "true", Field.Store.NO));
    }
    doc.add(new NumericDocValuesField(CHANGE_DATE, record.changeDate().toEpochMilli()));
    doc.add(new NumericDocValuesField(VERSION, record.version()));
    doc.add(new StoredField(VERSION, record.version()));
    doc.add(new StringField(QUARANTINED, "true", Field.Store.NO));
    doc.add(new StoredField(QUARANTINE_REASON, shorten(reason, 500)));
    return doc;
  }

  static String shorten(String value, int chars) {
    if (value == null) {
      return "";
    }
    return value.length() <= chars ? value : value.substring(0, chars);
  }

  static SearchHit toHit(Document doc, float score) {
    return new SearchHit(
        doc.get(ID),
        doc.get(UUID),
        doc.get(TITLE),
        Excerpt.of(doc.get(ABSTRACT)),
        storedBbox(doc),
        score,
        doc.getField(VERSION).numericValue().longValue());
  }

  /**
   * A configured field is always indexed in all three forms; the index configuration decides which
   * of them searches use, so changing only the use needs no re-extraction.
   */
  private static void addExtra(Document doc, String name, List<String> values) {
    boolean first = true;
    for (String value : values) {
      if (value == null || value.isBlank()) {
        continue;
      }
      String exact = exact(value);
      doc.add(new StringField(EXTRA_EXACT + name, exact, Field.Store.NO));
      doc.add(new SortedSetDocValuesField(EXTRA_EXACT + name, new BytesRef(exact)));
      doc.add(new TextField(EXTRA_TEXT + name, value, Field.Store.NO));
      if (first) {
        doc.add(new SortedDocValuesField(EXTRA_SORT + name, new BytesRef(sortKey(value))));
        first = false;
      }
    }
  }

  private static void addProperty(Document doc, Property property, List<String> values) {
    String name = property.fieldName();
    for (String value : values) {
      String exact = exact(value);
      doc.add(new StringField(PROPERTY_EXACT + name, exact, Field.Store.NO));
      doc.add(new SortedSetDocValuesField(PROPERTY_EXACT + name, new BytesRef(exact)));
      doc.add(
          new StringField(PROPERTY_LOWER + name, exact.toLowerCase(Locale.ROOT), Field.Store.NO));
      doc.add(new TextField(PROPERTY_TEXT + name, value, Field.Store.NO));
      addWords(doc, PROPERTY_WORDS + name, value);
      if (property.isDate()) {
        Long start = PropertyDates.startMillis(value);
        if (start != null) {
          doc.add(new LongPoint(PROPERTY_DATE + name, start));
        }
      }
    }
  }

  /** Each word of {@code text} as a term with its case kept (see {@link #words}). */
  private static void addWords(Document doc, String field, String text) {
    for (String word : words(text)) {
      doc.add(new StringField(field, word, Field.Store.NO));
    }
  }

  /**
   * The words of a text with their case kept: split at every character that is neither a letter nor
   * a digit, each cut to the analyzer's token limit. Case-sensitive LIKE compares these.
   */
  static List<String> words(String text) {
    List<String> words = new java.util.ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean wordChar = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(shorten(text.substring(start, i), MAX_WORD_CHARS));
        start = -1;
      }
    }
    return words;
  }

  private static void addExtent(Document doc, Bbox bbox) {
    double[] wsen = bbox.toArray();
    for (int i = 0; i < 4; i++) {
      doc.add(new StoredField(BBOX_STORED[i], wsen[i]));
    }
    if (bbox.west() <= bbox.east()) {
      doc.add(new DoublePoint(BBOX, wsen));
    } else {
      doc.add(new DoublePoint(BBOX, bbox.west(), bbox.south(), 180, bbox.north()));
      doc.add(new DoublePoint(BBOX, -180, bbox.south(), bbox.east(), bbox.north()));
    }
  }

  private static Bbox storedBbox(Document doc) {
    double[] wsen = new double[4];
    for (int i = 0; i < 4; i++) {
      IndexableField field = doc.getField(BBOX_STORED[i]);
      if (field == null) {
        return null;
      }
      wsen[i] = field.numericValue().doubleValue();
    }
    return new Bbox(wsen[0], wsen[1], wsen[2], wsen[3]);
  }

  /** A value cut to what an exact (keyword) field can hold; comparisons use the same cut. */
  static String exact(String value) {
    return value.length() > TITLE_SORT_CHARS * 16
        ? value.substring(0, TITLE_SORT_CHARS * 16)
        : value;
  }

  private static String sortKey(String title) {
    String key = title.strip().toLowerCase(Locale.ROOT);
    return key.length() <= TITLE_SORT_CHARS ? key : key.substring(0, TITLE_SORT_CHARS);
  }
}
