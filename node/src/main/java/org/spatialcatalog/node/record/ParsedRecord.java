package org.spatialcatalog.node.record;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.Property;

/**
 * The searchable fields extracted from one metadata record, together with the XML it came from.
 *
 * <p>Guarantees (enforced on construction): {@code schema}, {@code title}, {@code abstractText},
 * {@code keywords} and {@code xml} are never null; {@code title} is never blank; {@code
 * abstractText} is empty, not null, when the record has none; {@code keywords} is unmodifiable.
 * {@code uuid}, {@code bbox} and {@code dateStamp} are null when the record does not carry them.
 * Records made by {@link RecordXmlParser} also have a whitespace-collapsed title and distinct,
 * whitespace-collapsed, non-empty keywords in document order.
 *
 * @param uuid the record's own identifier (ISO fileIdentifier, DC identifier), or null
 * @param schema the schema the record was recognised as
 * @param title the title, whitespace-normalized
 * @param abstractText the abstract, trimmed; empty when absent
 * @param keywords the distinct keywords in document order
 * @param bbox the union of the record's geographic bounding boxes, or null
 * @param dateStamp when the metadata was last changed, or null
 * @param xml the original XML text exactly as given to the parser
 * @param properties the built-in properties ({@link RecordProperties}): read from the tree the
 *     parser built, or from {@code xml}'s text by the shorter constructor; unmodifiable
 */
public record ParsedRecord(
    String uuid,
    RecordSchema schema,
    String title,
    String abstractText,
    List<String> keywords,
    Bbox bbox,
    Instant dateStamp,
    String xml,
    Map<Property, List<String>> properties) {

  public ParsedRecord {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(title, "title");
    if (title.isBlank()) {
      throw new IllegalArgumentException("title is blank");
    }
    abstractText = abstractText == null ? "" : abstractText;
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    Objects.requireNonNull(xml, "xml");
    Map<Property, List<String>> copy = new EnumMap<>(Property.class);
    Objects.requireNonNull(properties, "properties")
        .forEach((property, values) -> copy.put(property, List.copyOf(values)));
    properties = Collections.unmodifiableMap(copy);
  }

  /** A record whose properties are read from {@code xml}'s text. */
  public ParsedRecord(
      String uuid,
      RecordSchema schema,
      String title,
      String abstractText,
      List<String> keywords,
      Bbox bbox,
      Instant dateStamp,
      String xml) {
    this(
        uuid,
        schema,
        title,
        abstractText,
        keywords,
        bbox,
        dateStamp,
        xml,
        RecordProperties.of(schema == null ? null : schema.id(), xml));
  }
}
