package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spatialcatalog.index.TestRecords.all;
import static org.spatialcatalog.index.TestRecords.ids;
import static org.spatialcatalog.index.TestRecords.record;
import static org.spatialcatalog.index.TestRecords.withVersion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIndexTest {

  @TempDir Path dir;
  RecordIndex index;

  @BeforeEach
  void open() throws IOException {
    index = RecordIndex.open(dir.resolve("index"));
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  @Test
  void newIndexIsEmptyWithCheckpointZero() {
    assertThat(index.count()).isZero();
    assertThat(index.checkpoint()).isZero();
    assertThat(index.committedCheckpoint()).isZero();
    assertThat(index.search(all()).total()).isZero();
  }

  @Test
  void aReadSeesWhatWasAppliedAndTheReadsAfterItShareItsRefresh() {
    long before = index.refreshCount();
    index.apply(List.of(record("a", "Alpha"), record("b", "Beta")), List.of(), 1);
    assertThat(index.visibleGeneration()).isLessThan(index.generation());

    assertThat(ids(index.search(all()))).containsExactlyInAnyOrder("a", "b");
    assertThat(index.count()).isEqualTo(2);
    assertThat(index.versions()).containsOnlyKeys("a", "b");
    assertThat(index.refreshCount()).isEqualTo(before + 1);

    index.apply(List.of(), List.of("b"), 2);
    assertThat(ids(index.search(all()))).containsExactly("a");
    assertThat(index.refreshCount()).isEqualTo(before + 2);
  }

  @Test
  void aSearchDuringARebuildAnswersFromTheViewBeforeItWithoutWaiting() throws Exception {
    index.apply(List.of(record("old", "Old")), List.of(), 1);
    CountDownLatch rebuildHalfway = new CountDownLatch(1);
    CountDownLatch searched = new CountDownLatch(1);
    Iterator<IndexedRecord> rebuilt =
        new Iterator<>() {
          int next;

          @Override
          public boolean hasNext() {
            return next < 2;
          }

          @Override
          public IndexedRecord next() {
            if (next == 1) {
              rebuildHalfway.countDown();
              try {
                searched.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            next++;
            return record("new" + next, "New");
          }
        };
    ExecutorService rebuild = Executors.newSingleThreadExecutor();
    try {
      Future<?> done = rebuild.submit(() -> index.replaceAll(rebuilt, 2));
      assertThat(rebuildHalfway.await(30, TimeUnit.SECONDS)).isTrue();

      // Answers while the rebuild holds the index: no refresh that would show half of it.
      assertThat(ids(index.search(all()))).containsExactly("old");
      searched.countDown();
      done.get(30, TimeUnit.SECONDS);
      assertThat(ids(index.search(all()))).containsExactlyInAnyOrder("new1", "new2");
    } finally {
      searched.countDown();
      rebuild.shutdownNow();
    }
  }

  @Test
  void upsertOfExistingIdReplacesTheDocument() {
    index.apply(List.of(record("a", "Alpha")), List.of(), 1);
    index.apply(List.of(withVersion(record("a", "Alpha revised"), 2)), List.of(), 2);
    index.refresh();

    SearchResult result = index.search(all());
    assertThat(result.total()).isOne();
    assertThat(result.hits().get(0).title()).isEqualTo("Alpha revised");
    assertThat(result.hits().get(0).version()).isEqualTo(2);
  }

  @Test
  void deletedIdsDisappearAfterRefresh() {
    index.apply(List.of(record("a", "Alpha"), record("b", "Beta")), List.of(), 1);
    index.refresh();
    index.apply(List.of(), List.of("a", "unknown"), 2);
    index.refresh();

    assertThat(ids(index.search(all()))).containsExactly("b");
  }

  @Test
  void deleteWinsOverUpsertInTheSameBatch() {
    index.apply(List.of(record("a", "Alpha")), List.of("a"), 1);
    index.refresh();

    assertThat(index.count()).isZero();
  }

  @Test
  void checkpointOnlyMovesForward() {
    index.apply(List.of(), List.of(), 10);
    index.apply(List.of(), List.of(), 5);

    assertThat(index.checkpoint()).isEqualTo(10);
  }

  @Test
  void hitCarriesStoredFieldsAndBbox() {
    Bbox box = new Bbox(5.9, 45.8, 10.5, 47.8);
    index.apply(List.of(record("a", "Alpha", "An abstract.", List.of("k"), box)), List.of(), 1);
    index.refresh();

    SearchHit hit = index.search(all()).hits().get(0);
    assertThat(hit.id()).isEqualTo("a");
    assertThat(hit.uuid()).isEqualTo("uuid-a");
    assertThat(hit.abstractExcerpt()).isEqualTo("An abstract.");
    assertThat(hit.bbox()).isEqualTo(box);
    assertThat(hit.version()).isEqualTo(1);
  }

  @Test
  void aBatchSkipsOnlyTheRecordsOlderThanTheirIndexedVersionAcrossSegments() {
    index.apply(
        List.of(
            withVersion(record("a", "A5"), 5),
            withVersion(record("b", "B5"), 5),
            withVersion(record("c", "C5"), 5)),
        List.of(),
        1);
    index.refresh();
    index.apply(
        List.of(withVersion(record("d", "D5"), 5), withVersion(record("e", "E5"), 5)),
        List.of(),
        2);
    index.refresh();
    // a's version 5 in the first segment is deleted, its version 6 lives in the third.
    index.apply(List.of(withVersion(record("a", "A6"), 6)), List.of(), 3);
    index.refresh();

    index.apply(
        List.of(
            withVersion(record("a", "A5 again"), 5),
            withVersion(record("b", "B4"), 4),
            withVersion(record("d", "D7"), 7),
            withVersion(record("e", "E5 again"), 5),
            withVersion(record("z", "Z1"), 1)),
        List.of(),
        4);
    index.refresh();

    assertThat(index.versions())
        .isEqualTo(Map.of("a", 6L, "b", 5L, "c", 5L, "d", 7L, "e", 5L, "z", 1L));
    assertThat(index.search(all()).hits().stream().map(SearchHit::title))
        .contains("A6", "B5", "D7", "E5 again", "Z1");
  }

  @Test
  void applyNewestWritesWithoutLookingUpAndAGuardedApplyAfterItSeesWhatItWrote() {
    index.apply(List.of(withVersion(record("a", "A5"), 5)), List.of(), 1);
    index.refresh();
    // The caller vouches that nothing is older than the index holds; the index takes its word.
    index.applyNewest(
        List.of(withVersion(record("a", "A4"), 4), withVersion(record("b", "B7"), 7)),
        List.of(),
        2);
    assertThat(index.checkpoint()).isEqualTo(2);
    // Not refreshed yet: the guarded apply must know b's version 7 from the write itself.
    index.apply(
        List.of(withVersion(record("b", "B6"), 6), withVersion(record("a", "A4 again"), 4)),
        List.of(),
        3);
    index.refresh();
    index.apply(List.of(withVersion(record("b", "B5"), 5)), List.of(), 4);
    index.refresh();

    assertThat(index.versions()).isEqualTo(Map.of("a", 4L, "b", 7L));
    assertThat(index.search(all()).hits().stream().map(SearchHit::title))
        .containsExactlyInAnyOrder("A4 again", "B7");
  }

  @Test
  void versionsMapsEveryVisibleIdToItsVersion() {
    index.apply(
        List.of(
            withVersion(record("a", "A"), 3), withVersion(record("b", "B"), 7), record("c", "C")),
        List.of(),
        1);
    index.commit();
    index.apply(List.of(withVersion(record("a", "A"), 4)), List.of("c"), 2);
    index.refresh();

    assertThat(index.versions()).isEqualTo(Map.of("a", 4L, "b", 7L));
    assertThat(index.versionOf("a")).contains(4L);
    assertThat(index.versionOf("c")).isEmpty();
    assertThat(index.versionOf("nope")).isEmpty();
  }

  @Test
  void forceMergeKeepsContentAndCommits() {
    for (int i = 0; i < 5; i++) {
      index.apply(List.of(record("r" + i, "Title " + i)), List.of(), i + 1);
      index.commit();
    }
    index.forceMerge();
    index.refresh();

    assertThat(index.count()).isEqualTo(5);
    assertThat(index.committedCheckpoint()).isEqualTo(5);
  }
}
