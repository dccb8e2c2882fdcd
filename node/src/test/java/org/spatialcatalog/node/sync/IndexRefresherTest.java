package org.spatialcatalog.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** How many records were searchable after each refresh. */
  final List<Long> visibleCounts = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void open() throws Exception {
    index = RecordIndex.open(dir.resolve("index"));
  }

  @AfterEach
  void close() throws Exception {
    refresher.stop();
    index.close();
  }

  /** Writes of this node still on their way, as {@code IndexSynchronizer} would count them. */
  final AtomicBoolean writesComing = new AtomicBoolean();

  private void start(Duration batchWait) {
    refresher =
        new IndexRefresher(
            index,
            new VisibilityStats(),
            new SyncMetrics(registry),
            Clock.systemUTC(),
            Duration.ofSeconds(2),
            batchWait,
            writesComing::get,
            () -> visibleCounts.add(index.count()));
    refresher.start();
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
        0);
    refresher.request();
  }

  private double refreshes() {
    return registry.counter("catalog.index.refreshes").count();
  }

  @Test
  void aLoneWriteIsRefreshedAtOnceWhateverTheBatchWait() {
    // A batch wait far longer than the awaits below: waiting for it would fail them.
    start(Duration.ofSeconds(60));
    write("a");
    await().atMost(Duration.ofSeconds(20)).until(() -> allVisible(1));
    write("b");
    await().atMost(Duration.ofSeconds(20)).until(() -> allVisible(2));

    assertThat(refreshes()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aRefreshWaitsForWritesStillComingAndThenServesThemTogether() {
    start(Duration.ofSeconds(60));
    writesComing.set(true);
    write("a");
    // Nothing searchable for 300 ms: the refresh is waiting for the write still coming.
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(20))
        .until(() -> index.count() == 0);

    write("b");
    writesComing.set(false);
    refresher.request();
    await().atMost(Duration.ofSeconds(20)).until(() -> allVisible(2));
    assertThat(visibleCounts).as("records searchable after each refresh").doesNotContain(1L);
  }

  @Test
  void writesThatKeepComingWaitNoLongerThanTheBatchWait() {
    start(Duration.ofMillis(200));
    writesComing.set(true);
    write("a");

    await().atMost(Duration.ofSeconds(20)).until(() -> allVisible(1));
  }

  /** {@code count} records searchable, and every write the refresher knows of. */
  private boolean allVisible(long count) {
    return index.count() == count && index.visibleGeneration() == index.generation();
  }
}
