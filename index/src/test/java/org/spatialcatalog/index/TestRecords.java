package org.spatialcatalog.index;

import java.time.Instant;
import java.util.List;

/** Compact construction of records for tests. */
final class TestRecords {

  static final Instant BASE_DATE = Instant.parse("2024-01-01T00:00:00Z");

  private TestRecords() {}

  static IndexedRecord record(String id, String title) {
    return record(id, title, "", List.of(), null);
  }

  static IndexedRecord record(
      String id, String title, String abstractText, List<String> keywords, Bbox bbox) {
    return new IndexedRecord(
        id, "uuid-" + id, "iso19139", title, abstractText, keywords, bbox, BASE_DATE, 1);
  }

  static IndexedRecord withVersion(IndexedRecord r, long version) {
    return new IndexedRecord(
        r.id(),
        r.uuid(),
        r.schema(),
        r.title(),
        r.abstractText(),
        r.keywords(),
        r.bbox(),
        r.changeDate(),
        version);
  }

  static IndexedRecord withChangeDate(IndexedRecord r, Instant changeDate) {
    return new IndexedRecord(
        r.id(),
        r.uuid(),
        r.schema(),
        r.title(),
        r.abstractText(),
        r.keywords(),
        r.bbox(),
        changeDate,
        r.version());
  }

  static SearchQuery all() {
    return new SearchQuery(null, List.of(), null, 0, 100, SortOrder.RELEVANCE);
  }

  static SearchQuery text(String text) {
    return new SearchQuery(text, List.of(), null, 0, 100, SortOrder.RELEVANCE);
  }

  static SearchQuery sorted(SortOrder sort, int from, int size) {
    return new SearchQuery(null, List.of(), null, from, size, sort);
  }

  static List<String> ids(SearchResult result) {
    return result.hits().stream().map(SearchHit::id).toList();
  }
}
