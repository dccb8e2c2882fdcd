package org.spatialcatalog.node.record;

import java.time.Instant;
import java.util.List;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.IndexedRecord;

/** A record as stored in the shared database, without its XML, with its owner and privileges. */
public record StoredRecord(
    String id,
    String uuid,
    String schema,
    String title,
    String abstractText,
    List<String> keywords,
    Bbox bbox,
    Instant dateStamp,
    long version,
    Instant createdAt,
    Instant changeDate,
    RecordAccess access) {

  public StoredRecord {
    access = access == null ? RecordAccess.ownedBy(null, null) : access;
  }

  /** What the index keeps of this record. */
  public IndexedRecord toIndexed() {
    return toIndexed(java.util.Map.of());
  }

  /**
   * What the index keeps of this record, with the values of configured extra fields. Keywords are
   * indexed in their {@link KeywordForm}, so filters and facets ignore case and spacing.
   */
  public IndexedRecord toIndexed(java.util.Map<String, List<String>> fields) {
    return toIndexed(fields, java.util.Map.of());
  }

  /**
   * What the index keeps of this record, with the values of configured extra fields and of the
   * built-in properties ({@link RecordProperties}).
   */
  public IndexedRecord toIndexed(
      java.util.Map<String, List<String>> fields,
      java.util.Map<org.spatialcatalog.index.Property, List<String>> properties) {
    return new IndexedRecord(
        id,
        uuid,
        schema,
        title,
        abstractText,
        keywords == null ? List.of() : KeywordForm.of(keywords),
        bbox,
        changeDate,
        version,
        fields,
        access.viewers(),
        properties);
  }
}
