package org.spatialcatalog.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.index.RecordIndex;

/** The {@code index-refresh} thread against a real Lucene index. */
class IndexRefresherTest {

  @TempDir Path dir;
  RecordIndex index;
  IndexRefresher refresher;

  @BeforeEach
  void open() throws Exception {
    index = RecordIndex.open(dir.resolve("index"));
    refresher = new IndexRefresher(index, Duration.ofMillis(100));
    refresher.start();
  }

  @AfterEach
  void close() throws Exception {
    refresher.stop();
    index.close();
  }

  private void write(String id) {
    index.apply(
        List.of(
            new IndexedRecord(
                id,
                id,
                "iso19139",
                "Title " + id,
                "",
                List.of(),
                null,
                Instant.EPOCH,
                1,
                Map.of(),
                List.of(IndexedRecord.EVERYONE))),
        List.of(),
        1);
  }

  @Test
  void showsWhatWasAppliedWithinAPollIntervalWithoutAnySearch() {
    write("a");
    long written = index.generation();
    assertThat(index.visibleGeneration()).isLessThan(written);

    // Checked without searching: a search would refresh by itself.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> index.visibleGeneration() >= written && index.visibleCheckpoint() == 1);
    assertThat(index.refreshCount()).isPositive();
  }

  @Test
  void refreshesNothingWhileNothingIsApplied() {
    write("a");
    long written = index.generation();
    await().atMost(Duration.ofSeconds(30)).until(() -> index.visibleGeneration() >= written);
    long refreshes = index.refreshCount();

    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(5))
        .until(() -> index.refreshCount() == refreshes);
  }
}
