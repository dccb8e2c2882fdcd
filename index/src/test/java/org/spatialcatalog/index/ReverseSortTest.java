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

/**
 * The reverse orders (CSW sortBy, {@code sort=-title} and {@code sort=-date}): title descending and
 * change date ascending, each the exact reverse of its forward order, so ties go by id descending.
 */
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
  void sortsByTitleDescendingAndDateAscendingWithTiesByIdDescending() {
    index.apply(
        List.of(
            withChangeDate(record("b", "banana"), BASE_DATE.plus(Duration.ofDays(2))),
            withChangeDate(record("a", "Apple"), BASE_DATE),
            withChangeDate(record("c", "cherry"), BASE_DATE.plus(Duration.ofDays(1))),
            withChangeDate(record("d", "Apple"), BASE_DATE)),
        List.of(),
        1);
    index.refresh();

    assertThat(ids(index.search(sorted(SortOrder.TITLE_DESCENDING, 0, 10))))
        .containsExactly("c", "b", "d", "a");
    assertThat(ids(index.search(sorted(SortOrder.DATE_ASCENDING, 0, 10))))
        .containsExactly("d", "a", "c", "b");
  }
}
