package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.spatialcatalog.index.TestRecords.BASE_DATE;
import static org.spatialcatalog.index.TestRecords.all;
import static org.spatialcatalog.index.TestRecords.ids;
import static org.spatialcatalog.index.TestRecords.record;
import static org.spatialcatalog.index.TestRecords.sorted;
import static org.spatialcatalog.index.TestRecords.text;
import static org.spatialcatalog.index.TestRecords.withChangeDate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordIndexSearchTest {

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

  private void index(IndexedRecord... records) {
    index.apply(List.of(records), List.of(), 1);
    index.refresh();
  }

  @Test
  void titleMatchesRankAboveKeywordAndAbstractMatches() {
    index(
        record("abstract", "Land cover", "Groundwater in the basin", List.of("basin"), null),
        record("keyword", "Land cover", "Measurements", List.of("groundwater"), null),
        record("title", "Groundwater survey", "Measurements", List.of("survey"), null));

    assertThat(ids(index.search(text("groundwater"))))
        .containsExactly("title", "keyword", "abstract");
  }

  @Test
  void allTermsMustMatchByDefault() {
    index(record("both", "River water quality"), record("one", "River levels"));

    assertThat(ids(index.search(text("river quality")))).containsExactly("both");
  }

  @Test
  void exactUuidOrIdFindsTheRecord() {
    index(record("h3f2a9c1_0001", "Something"), record("other", "Something else"));

    assertThat(ids(index.search(text("uuid-h3f2a9c1_0001")))).containsExactly("h3f2a9c1_0001");
    assertThat(ids(index.search(text("h3f2a9c1_0001")))).containsExactly("h3f2a9c1_0001");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"unbalanced AND (", ")(", "+-|~*", "\"", "((((", "~5", "-", "a~~~"})
  void malformedTextNeverThrows(String text) {
    index(record("a", "Unbalanced quotes"));

    assertThatCode(() -> index.search(text(text))).doesNotThrowAnyException();
  }

  @Test
  void queriesExpandingPastTheClauseLimitFallBackToLiteralTerms() {
    StringBuilder words = new StringBuilder();
    StringBuilder fuzzy = new StringBuilder();
    for (char a = 'a'; a <= 'z'; a++) {
      for (char b = 'a'; b <= 'z'; b++) {
        words.append("w").append(a).append(b).append(' ');
      }
      fuzzy.append("w").append(a).append("a~ ");
    }
    index(record("a", "Many words", words.toString(), List.of(), null));

    assertThat(index.search(text(fuzzy.toString())).total()).isOne();
    assertThat(index.search(text("x".repeat(5000))).total()).isZero();
  }

  @Test
  void blankTextMatchesEverything() {
    index(record("a", "Alpha"), record("b", "Beta"));

    assertThat(index.search(text("   ")).total()).isEqualTo(2);
  }

  @Test
  void keywordFiltersAreExactAndAllMustMatch() {
    index(
        record("ab", "One", "", List.of("Hydrology", "Europe"), null),
        record("a", "Two", "", List.of("Hydrology"), null),
        record("lower", "Three", "", List.of("hydrology", "Europe"), null));

    assertThat(ids(index.search(keywords("Hydrology")))).containsExactlyInAnyOrder("ab", "a");
    assertThat(ids(index.search(keywords("Hydrology", "Europe")))).containsExactly("ab");
    assertThat(index.search(keywords("Hydro")).total()).isZero();
  }

  @Test
  void bboxFilterKeepsIntersectingRecordsOnly() {
    index(
        record("inside", "A", "", List.of(), new Bbox(6, 46, 7, 47)),
        record("overlapping", "B", "", List.of(), new Bbox(9, 47, 12, 49)),
        record("containing", "C", "", List.of(), new Bbox(-10, 35, 30, 60)),
        record("touching", "D", "", List.of(), new Bbox(10, 48, 11, 49)),
        record("disjoint", "E", "", List.of(), new Bbox(100, -10, 120, 10)),
        record("nobox", "F", "", List.of(), null));

    assertThat(ids(index.search(bbox(new Bbox(5, 45, 10, 48)))))
        .containsExactlyInAnyOrder("inside", "overlapping", "containing", "touching");
  }

  @Test
  void bboxFilterHandlesBoxesCrossingTheAntimeridian() {
    index(
        record("fiji", "A", "", List.of(), new Bbox(177, -21, -178, -12)),
        record("samoa", "B", "", List.of(), new Bbox(-173, -15, -171, -13)),
        record("europe", "C", "", List.of(), new Bbox(5, 45, 10, 48)));

    assertThat(ids(index.search(bbox(new Bbox(-179, -20, -177, -15))))).containsExactly("fiji");
    assertThat(ids(index.search(bbox(new Bbox(170, -30, -170, 0)))))
        .containsExactlyInAnyOrder("fiji", "samoa");
  }

  @Test
  void sortsByTitleIgnoringCase() {
    index(record("1", "banana"), record("2", "Apple"), record("3", "cherry"), record("4", "Date"));

    assertThat(titles(index.search(sorted(SortOrder.TITLE, 0, 10))))
        .containsExactly("Apple", "banana", "cherry", "Date");
    assertThat(titles(index.search(sorted(SortOrder.TITLE_DESCENDING, 0, 10))))
        .containsExactly("Date", "cherry", "banana", "Apple");
  }

  @Test
  void sortsByDateNewestFirst() {
    index(
        withChangeDate(record("old", "A"), BASE_DATE),
        withChangeDate(record("new", "B"), BASE_DATE.plus(Duration.ofDays(2))),
        withChangeDate(record("mid", "C"), BASE_DATE.plus(Duration.ofDays(1))));

    assertThat(ids(index.search(sorted(SortOrder.DATE, 0, 10))))
        .containsExactly("new", "mid", "old");
    assertThat(ids(index.search(sorted(SortOrder.DATE_ASCENDING, 0, 10))))
        .containsExactly("old", "mid", "new");
  }

  @Test
  void pagesAreDisjointAndCoverAllHits() {
    List<IndexedRecord> records = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      records.add(record(String.format("r%02d", i), String.format("Title %02d", i)));
    }
    index(records.toArray(IndexedRecord[]::new));

    List<String> seen = new ArrayList<>();
    for (int from = 0; from < 30; from += 10) {
      SearchResult page = index.search(sorted(SortOrder.TITLE, from, 10));
      assertThat(page.total()).isEqualTo(25);
      seen.addAll(ids(page));
    }
    assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
    assertThat(index.search(sorted(SortOrder.TITLE, 1000, 10)).hits()).isEmpty();
  }

  @Test
  void zeroSizeReturnsTotalAndFacetsWithoutHits() {
    index(record("a", "A", "", List.of("k"), null));

    SearchResult result = index.search(sorted(SortOrder.RELEVANCE, 0, 0));
    assertThat(result.total()).isOne();
    assertThat(result.hits()).isEmpty();
    assertThat(result.keywords()).containsExactly(new FacetCount("k", 1));
  }

  @Test
  void keywordFacetsCountAllMatchesNotJustThePage() {
    List<IndexedRecord> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      List<String> keywords = i % 3 == 0 ? List.of("water", "soil") : List.of("water");
      records.add(record("r" + i, "Water " + i, "", keywords, null));
    }
    records.add(record("other", "Forest", "", List.of("trees"), null));
    index(records.toArray(IndexedRecord[]::new));

    SearchResult result =
        index.search(new SearchQuery("water", List.of(), null, 0, 5, SortOrder.RELEVANCE));
    assertThat(result.hits()).hasSize(5);
    assertThat(result.total()).isEqualTo(30);
    assertThat(result.keywords())
        .containsExactly(new FacetCount("water", 30), new FacetCount("soil", 10));
  }

  @Test
  void keywordFacetsAreLimitedToTheTwentyMostFrequent() {
    List<IndexedRecord> records = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      List<String> keywords = new ArrayList<>();
      for (int k = 0; k <= i; k++) {
        keywords.add("k" + k);
      }
      records.add(record("r" + i, "T", "", keywords, null));
    }
    index(records.toArray(IndexedRecord[]::new));

    List<FacetCount> facets = index.search(all()).keywords();
    assertThat(facets).hasSize(SearchResult.MAX_FACETS);
    assertThat(facets.get(0)).isEqualTo(new FacetCount("k0", 25));
    assertThat(facets.get(19)).isEqualTo(new FacetCount("k19", 6));
  }

  private static SearchQuery keywords(String... keywords) {
    return new SearchQuery(null, List.of(keywords), null, 0, 100, SortOrder.RELEVANCE);
  }

  private static SearchQuery bbox(Bbox bbox) {
    return new SearchQuery(null, List.of(), bbox, 0, 100, SortOrder.RELEVANCE);
  }

  private static List<String> titles(SearchResult result) {
    return result.hits().stream().map(SearchHit::title).toList();
  }
}
