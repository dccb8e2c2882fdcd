package org.spatialcatalog.index;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metadata record as the index sees it: the searchable text, the keywords, the extent and the
 * bookkeeping needed to verify the index against the database.
 *
 * <p>{@code id}, {@code uuid} and {@code changeDate} are required. A null schema, title or abstract
 * becomes the empty string, null keywords become an empty list and null or blank keyword entries
 * are dropped, so the index never has to special-case missing text. {@code bbox} may be null for
 * records without a geographic extent.
 *
 * @param id the internal record id, unique within the catalog (for example {@code h3f2a9c1_...})
 * @param uuid the metadata uuid
 * @param schema the metadata schema, for example {@code iso19139} or {@code dublin-core}
 * @param title the record title
 * @param abstractText the record abstract
 * @param keywords the keywords, exact values as they should be filtered and faceted
 * @param bbox the geographic extent, or null
 * @param changeDate when the record last changed
 * @param version the database version of the record
 * @param fields values of the configured extra fields (see the index configuration), by field name;
 *     empty when none are configured
 * @param viewers who may see the record: {@code all} or principal tokens such as {@code g:3} and
 *     {@code u:7}; a {@link SearchQuery} with viewer tokens only finds records sharing one. Null
 *     means {@code [all]}
 * @param properties values of the built-in {@link Property properties} the record carries; a
 *     property the record lacks is absent. Null means none; blank values are dropped and at most
 *     {@link Property#MAX_VALUES} values of each are kept
 * @param quarantineReason null normally; otherwise why this record cannot be indexed in full
 *     although Lucene would take it (for example its extra fields could not be extracted). Such a
 *     record is quarantined ({@link QuarantinedRecord}) exactly like one Lucene refuses
 */
public record IndexedRecord(
    String id,
    String uuid,
    String schema,
    String title,
    String abstractText,
    List<String> keywords,
    Bbox bbox,
    Instant changeDate,
    long version,
    Map<String, List<String>> fields,
    List<String> viewers,
    Map<Property, List<String>> properties,
    String quarantineReason) {

  /** The token of a record everyone may view. */
  public static final String EVERYONE = "all";

  /** A record that can be indexed in full, with its built-in properties. */
  public IndexedRecord(
      String id,
      String uuid,
      String schema,
      String title,
      String abstractText,
      List<String> keywords,
      Bbox bbox,
      Instant changeDate,
      long version,
      Map<String, List<String>> fields,
      List<String> viewers,
      Map<Property, List<String>> properties) {
    this(
        id,
        uuid,
        schema,
        title,
        abstractText,
        keywords,
        bbox,
        changeDate,
        version,
        fields,
        viewers,
        properties,
        null);
  }

  /** A record without built-in properties that can be indexed in full. */
  public IndexedRecord(
      String id,
      String uuid,
      String schema,
      String title,
      String abstractText,
      List<String> keywords,
      Bbox bbox,
      Instant changeDate,
      long version,
      Map<String, List<String>> fields,
      List<String> viewers) {
    this(
        id,
        uuid,
        schema,
        title,
        abstractText,
        keywords,
        bbox,
        changeDate,
        version,
        fields,
        viewers,
        Map.of(),
        null);
  }

  /** A record everyone may view. */
  public IndexedRecord(
      String id,
      String uuid,
      String schema,
      String title,
      String abstractText,
      List<String> keywords,
      Bbox bbox,
      Instant changeDate,
      long version,
      Map<String, List<String>> fields) {
    this(
        id,
        uuid,
        schema,
        title,
        abstractText,
        keywords,
        bbox,
        changeDate,
        version,
        fields,
        List.of(EVERYONE));
  }

  /** A record without configured extra fields. */
  public IndexedRecord(
      String id,
      String uuid,
      String schema,
      String title,
      String abstractText,
      List<String> keywords,
      Bbox bbox,
      Instant changeDate,
      long version) {
    this(id, uuid, schema, title, abstractText, keywords, bbox, changeDate, version, Map.of());
  }

  public IndexedRecord {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(changeDate, "changeDate");
    schema = schema == null ? "" : schema;
    title = title == null ? "" : title;
    abstractText = abstractText == null ? "" : abstractText;
    keywords =
        keywords == null
            ? List.of()
            : keywords.stream().filter(k -> k != null && !k.isBlank()).toList();
    fields = fields == null ? Map.of() : Map.copyOf(fields);
    viewers = viewers == null ? List.of(EVERYONE) : List.copyOf(viewers);
    properties = properties == null ? Map.of() : cleaned(properties);
  }

  private static Map<Property, List<String>> cleaned(Map<Property, List<String>> properties) {
    Map<Property, List<String>> kept = new EnumMap<>(Property.class);
    properties.forEach(
        (property, values) -> {
          List<String> nonBlank =
              values == null
                  ? List.of()
                  : values.stream()
                      .filter(v -> v != null && !v.isBlank())
                      .map(String::strip)
                      .distinct()
                      .limit(Property.MAX_VALUES)
                      .toList();
          if (!nonBlank.isEmpty()) {
            kept.put(property, nonBlank);
          }
        });
    return Collections.unmodifiableMap(kept);
  }

  /** This record, to be quarantined (indexed minimally, listed) for {@code reason}. */
  public IndexedRecord quarantined(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new IndexedRecord(
        id,
        uuid,
        schema,
        title,
        abstractText,
        keywords,
        bbox,
        changeDate,
        version,
        fields,
        viewers,
        properties,
        reason);
  }
}
