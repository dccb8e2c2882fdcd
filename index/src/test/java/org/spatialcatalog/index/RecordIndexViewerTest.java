package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Viewer tokens restrict hits, totals and facets alike; no tokens means no restriction. */
class RecordIndexViewerTest {

  @TempDir Path dir;
  RecordIndex index;

  @BeforeEach
  void open() throws IOException {
    index = RecordIndex.open(dir);
    index.apply(
        List.of(
            record("public", List.of("all")),
            record("groupA", List.of("g:1")),
            record("ownerOnly", List.of("u:7")),
            // What an index written before privileges existed holds: no viewers, no marker.
            new IndexedRecord(
                "legacy",
                "legacy",
                "iso19139",
                "Legacy",
                "",
                List.of("secret"),
                null,
                Instant.EPOCH,
                1)),
        List.of(),
        1);
    index.refresh();
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  private static IndexedRecord record(String id, List<String> viewers) {
    return new IndexedRecord(
        id,
        id,
        "iso19139",
        "Title " + id,
        "",
        List.of("secret"),
        null,
        Instant.EPOCH,
        1,
        Map.of(),
        viewers);
  }

  private SearchResult search(Set<String> tokens) {
    return index.search(
        new SearchQuery(
            null,
            List.of(),
            null,
            0,
            10,
            SortOrder.TITLE,
            List.of(),
            List.of(),
            Map.of(),
            null,
            tokens));
  }

  private static long secretCount(SearchResult result) {
    return result.keywords().stream()
        .filter(f -> f.value().equals("secret"))
        .mapToLong(FacetCount::count)
        .sum();
  }

  @Test
  void guestsSeeOnlyPublicRecordsInHitsTotalsAndFacets() {
    SearchResult guest = search(Set.of("all"));
    assertThat(guest.hits())
        .extracting(SearchHit::id)
        .containsExactlyInAnyOrder("public", "legacy");
    assertThat(guest.total()).isEqualTo(2);
    assertThat(secretCount(guest)).isEqualTo(2);
  }

  @Test
  void groupMembersAndOwnersSeeTheirRecordsToo() {
    assertThat(search(Set.of("all", "g:1")).total()).isEqualTo(3);
    assertThat(search(Set.of("all", "g:2", "u:7")).hits())
        .extracting(SearchHit::id)
        .containsExactlyInAnyOrder("public", "legacy", "ownerOnly");
  }

  @Test
  void withoutTokensEverythingIsFound() {
    SearchResult admin = search(null);
    assertThat(admin.total()).isEqualTo(4);
    assertThat(secretCount(admin)).isEqualTo(4);
  }
}
