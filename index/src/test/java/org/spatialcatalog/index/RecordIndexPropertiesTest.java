package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIndexPropertiesTest {

  @TempDir Path dir;
  RecordIndex index;

  @BeforeEach
  void open() throws IOException {
    index = RecordIndex.open(dir);
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  static IndexedRecord record(String id, Map<Property, List<String>> properties) {
    return new IndexedRecord(
        id,
        "uuid-" + id,
        "iso19139",
        "Title " + id,
        "",
        List.of(),
        null,
        Instant.parse("2024-01-01T00:00:00Z"),
        1,
        Map.of(),
        List.of(IndexedRecord.EVERYONE),
        properties);
  }

  List<String> ids(Constraint c) {
    return index
        .search(
            new SearchQuery(
                null,
                List.of(),
                null,
                0,
                100,
                SortOrder.RELEVANCE,
                List.of(),
                List.of(),
                Map.of(),
                null,
                null,
                c))
        .hits()
        .stream()
        .map(SearchHit::id)
        .sorted()
        .toList();
  }

  @Test
  void oversizedValuesAreCutLikeOtherExactFieldsAndNeverQuarantineTheRecord() {
    String huge = "Agency " + "x".repeat(100_000);
    String hugeWord = "y".repeat(40_000);
    List<QuarantinedRecord> quarantined =
        index.apply(
            List.of(
                record(
                    "a",
                    Map.of(
                        Property.ORGANISATION, List.of(huge),
                        Property.FORMAT, List.of(hugeWord),
                        Property.REVISION_DATE, List.of("not a date")))),
            List.of(),
            1);
    index.refresh();
    assertThat(quarantined).isEmpty();
    assertThat(index.quarantinedCount()).isZero();
    Constraint.Ref org = Constraint.Ref.of(Property.ORGANISATION);
    assertThat(ids(new Constraint.Like(org, List.of("agency")))).containsExactly("a");
    assertThat(ids(new Constraint.Equal(org, huge, true))).containsExactly("a");
    assertThat(ids(new Constraint.Exists(Constraint.Ref.of(Property.FORMAT)))).containsExactly("a");
    // A value that is not a date is kept as text but no range finds it.
    assertThat(ids(new Constraint.DateRange(Constraint.Ref.of(Property.REVISION_DATE), null, null)))
        .isEmpty();
  }

  @Test
  void valuesAreCountedForDomainsAndDatesOfEveryPrecisionTakeRanges() {
    index.apply(
        List.of(
            record(
                "a",
                Map.of(Property.TYPE, List.of("dataset"), Property.REVISION_DATE, List.of("2020"))),
            record(
                "b",
                Map.of(
                    Property.TYPE, List.of("dataset"),
                    Property.REVISION_DATE, List.of("2020-07-01T12:00:00+02:00"))),
            record("c", Map.of(Property.TYPE, List.of("service", " ", "service")))),
        List.of(),
        1);
    index.refresh();
    SearchResult r =
        index.search(
            new SearchQuery(
                null,
                List.of(),
                null,
                0,
                0,
                SortOrder.RELEVANCE,
                List.of(),
                List.of(Property.TYPE.facetName()),
                Map.of(),
                null,
                null,
                null));
    assertThat(r.fieldFacets().get(Property.TYPE.facetName()))
        .containsExactly(new FacetCount("dataset", 2), new FacetCount("service", 1));
    Constraint.Ref revision = Constraint.Ref.of(Property.REVISION_DATE);
    long july = Instant.parse("2020-07-01T10:00:00Z").toEpochMilli();
    assertThat(ids(new Constraint.DateRange(revision, july, july))).containsExactly("b");
    assertThat(ids(new Constraint.DateRange(revision, null, july - 1))).containsExactly("a");
  }
}
