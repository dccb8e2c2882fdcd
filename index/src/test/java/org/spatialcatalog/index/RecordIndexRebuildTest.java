package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spatialcatalog.index.TestRecords.all;
import static org.spatialcatalog.index.TestRecords.ids;
import static org.spatialcatalog.index.TestRecords.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIndexRebuildTest {

  @TempDir Path dir;
  RecordIndex index;

  @BeforeEach
  void open() throws IOException {
    index = RecordIndex.open(dir);
    index.apply(List.of(record("old1", "Old one"), record("old2", "Old two")), List.of(), 50);
    index.commit();
    index.refresh();
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  @Test
  void replaceAllReplacesContentAndCheckpoint() throws IOException {
    index.replaceAll(List.of(record("new1", "New one")).iterator(), 40);

    assertThat(ids(index.search(all()))).containsExactly("new1");
    assertThat(index.checkpoint()).isEqualTo(40);
    assertThat(index.committedCheckpoint()).isEqualTo(40);
  }

  @Test
  void searchesSeeOldContentUntilReplaceAllFinishes() throws IOException {
    List<Long> countsDuringRebuild = new ArrayList<>();
    Iterator<IndexedRecord> records =
        IntStream.range(0, 500)
            .mapToObj(
                i -> {
                  if (i % 100 == 0) {
                    countsDuringRebuild.add(index.count());
                  }
                  return record("new" + i, "New " + i);
                })
            .iterator();

    index.replaceAll(records, 60);

    assertThat(countsDuringRebuild).hasSize(5).containsOnly(2L);
    assertThat(index.count()).isEqualTo(500);
  }

  @Test
  void replaceAllIndexesEveryRecordOfALongStreamOnceOnTwoThreads() throws IOException {
    Set<String> takers = ConcurrentHashMap.newKeySet();
    Iterator<IndexedRecord> records =
        IntStream.range(0, 5000)
            .mapToObj(
                i -> {
                  takers.add(Thread.currentThread().getName());
                  return record("new" + i, "New " + i);
                })
            .iterator();

    index.replaceAll(records, 80);

    assertThat(index.count()).isEqualTo(5000);
    assertThat(index.versions().keySet())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 5000).mapToObj(i -> "new" + i).toList());
    assertThat(takers).hasSize(Rebuild.INDEXERS);
  }

  @Test
  void replaceAllIsDurable() throws IOException {
    index.replaceAll(List.of(record("new1", "New one")).iterator(), 70);
    index.close();

    index = RecordIndex.open(dir);
    assertThat(ids(index.search(all()))).containsExactly("new1");
    assertThat(index.checkpoint()).isEqualTo(70);
  }

  @Test
  void failedReplaceAllLeavesContentAndCheckpointUntouched() {
    index.apply(List.of(record("pending", "Applied but not committed")), List.of(), 55);
    Iterator<IndexedRecord> failing =
        IntStream.range(0, 10)
            .mapToObj(
                i -> {
                  if (i == 5) {
                    throw new IllegalStateException("database went away");
                  }
                  return record("new" + i, "New " + i);
                })
            .iterator();

    assertThatThrownBy(() -> index.replaceAll(failing, 99))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database went away");

    index.refresh();
    assertThat(index.isFailed()).isFalse();
    assertThat(ids(index.search(all()))).containsExactlyInAnyOrder("old1", "old2", "pending");
    assertThat(index.checkpoint()).isEqualTo(55);
    index.apply(List.of(record("after", "Still writable")), List.of(), 56);
    index.refresh();
    assertThat(index.count()).isEqualTo(4);
  }
}
