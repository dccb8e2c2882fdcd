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
  final List<Long> visibleAt = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void open() throws Exception {
    index = RecordIndex.open(dir.resolve("index"));
  }

  @AfterEach
  void close() throws Exception {
    refresher.stop();
    index.close();
  }

  private void start(Duration refreshInterval) {
    refresher =
        new IndexRefresher(
            index,
            new VisibilityStats(),
            new SyncMetrics(registry),
            Clock.systemUTC(),
            Duration.ofSeconds(2),
            refreshInterval,
            () -> visibleAt.add(System.nanoTime()));
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
  void writesAskedForWithinTheIntervalShareTheNextRefresh() throws Exception {
    Duration interval = Duration.ofMillis(150);
    start(interval);
    // A write every 10 ms for a second: with no interval nearly every one could get a refresh.
    for (int i = 0; i < 100; i++) {
      write("r" + i);
      Thread.sleep(10);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> allVisible(100));

    List<Long> times = new ArrayList<>(visibleAt);
    assertThat(times).hasSizeGreaterThan(1);
    // Each refresh starts at least the interval after the previous one ended, so refreshes end at
    // least that far apart, however loaded the machine is.
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(interval.toNanos());
    }
    assertThat(refreshes()).isEqualTo(times.size()).isLessThan(100);
  }

  @Test
  void withoutAnIntervalEveryRequestIsServedAtOnce() {
    start(Duration.ZERO);
    write("a");
    await().atMost(Duration.ofSeconds(30)).until(() -> allVisible(1));
    write("b");
    await().atMost(Duration.ofSeconds(30)).until(() -> allVisible(2));

    assertThat(refreshes()).isGreaterThanOrEqualTo(2);
  }

  /** {@code count} records searchable, and every write the refresher knows of. */
  private boolean allVisible(long count) {
    return index.count() == count && index.visibleGeneration() == index.generation();
  }
}
