package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spatialcatalog.index.TestRecords.BASE_DATE;
import static org.spatialcatalog.index.TestRecords.ids;
import static org.spatialcatalog.index.TestRecords.record;
import static org.spatialcatalog.index.TestRecords.sorted;
import static org.spatialcatalog.index.TestRecords.withChangeDate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orders CSW sortBy adds: title descending and change date ascending, ties by id. */
class ReverseSortTest {

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

  @Test
  void sortsByTitleDescendingAndDateAscendingWithIdTieBreak() {
    index.apply(List.of(
        withChangeDate(record("b", "banana"), BASE_DATE.plus(Duration.ofDays(2))),
        withChangeDate(record("a", "Apple"), BASE_DATE),
        withChangeDate(record("c", "cherry"), BASE_DATE.plus(Duration.ofDays(1))),
        withChangeDate(record("d", "Apple"), BASE_DATE)), List.of(), 1);
    index.refresh();

    assertThat(ids(index.search(sorted(SortOrder.TITLE_DESCENDING, 0, 10))))
        .containsExactly("c", "b", "a", "d");
    assertThat(ids(index.search(sorted(SortOrder.DATE_ASCENDING, 0, 10))))
        .containsExactly("a", "d", "c", "b");
  }
}
