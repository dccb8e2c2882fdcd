package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spatialcatalog.index.TestRecords.all;
import static org.spatialcatalog.index.TestRecords.ids;
import static org.spatialcatalog.index.TestRecords.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIndexCheckpointTest {

  @TempDir Path dir;

  @Test
  void committedCheckpointAndContentSurviveReopen() throws IOException {
    try (RecordIndex index = RecordIndex.open(dir)) {
      index.apply(List.of(record("a", "Alpha")), List.of(), 42);
      index.commit();
      assertThat(index.committedCheckpoint()).isEqualTo(42);
    }
    try (RecordIndex index = RecordIndex.open(dir)) {
      assertThat(index.checkpoint()).isEqualTo(42);
      assertThat(index.committedCheckpoint()).isEqualTo(42);
      assertThat(ids(index.search(all()))).containsExactly("a");
    }
  }

  @Test
  void uncommittedChangesAreLostTogetherWithTheirCheckpoint() throws IOException {
    Path live = dir.resolve("live");
    Path crashed = dir.resolve("crashed");
    try (RecordIndex index = RecordIndex.open(live)) {
      index.apply(List.of(record("a", "Alpha")), List.of(), 1);
      index.commit();
      index.apply(List.of(record("b", "Beta")), List.of("a"), 2);
      index.refresh();
      assertThat(ids(index.search(all()))).containsExactly("b");
      assertThat(index.checkpoint()).isEqualTo(2);
      assertThat(index.committedCheckpoint()).isEqualTo(1);
      // What a crash leaves behind: the files as they are now, before close() commits.
      copyFiles(live, crashed);
    }

    try (RecordIndex reopened = RecordIndex.open(crashed)) {
      assertThat(reopened.checkpoint()).isEqualTo(1);
      assertThat(ids(reopened.search(all()))).containsExactly("a");
    }
  }

  @Test
  void commitStoresAnAdvancedCheckpointEvenWithoutDocumentChanges() throws IOException {
    try (RecordIndex index = RecordIndex.open(dir)) {
      index.apply(List.of(), List.of(), 9);
      index.commit();
      assertThat(index.committedCheckpoint()).isEqualTo(9);
    }
    try (RecordIndex index = RecordIndex.open(dir)) {
      assertThat(index.checkpoint()).isEqualTo(9);
    }
  }

  @Test
  void closeCommitsAppliedChanges() throws IOException {
    try (RecordIndex index = RecordIndex.open(dir)) {
      index.apply(List.of(record("a", "Alpha")), List.of(), 3);
    }
    try (RecordIndex index = RecordIndex.open(dir)) {
      assertThat(index.checkpoint()).isEqualTo(3);
      assertThat(index.count()).isOne();
    }
  }

  @Test
  void theSearchAfterAWriteRefreshesUpToItsGeneration() throws IOException {
    try (RecordIndex index = RecordIndex.open(dir)) {
      index.refresh();
      index.apply(List.of(record("a", "Alpha")), List.of(), 5);
      long generation = index.generation();

      assertThat(index.visibleGeneration()).isLessThan(generation);
      assertThat(index.visibleCheckpoint()).isZero();

      assertThat(ids(index.search(all()))).containsExactly("a");
      assertThat(index.visibleGeneration()).isGreaterThanOrEqualTo(generation);
      assertThat(index.visibleCheckpoint()).isEqualTo(5);
      assertThat(index.refresh()).isEqualTo(5);
    }
  }

  @Test
  void aWriteThatDoesNotMoveTheCheckpointStillGetsAGenerationToWaitFor() throws IOException {
    try (RecordIndex index = RecordIndex.open(dir)) {
      index.apply(List.of(record("a", "Alpha")), List.of(), 3);
      index.refresh();
      // An own write applied ahead of the log: the checkpoint stays at 3.
      index.apply(List.of(record("b", "Beta")), List.of(), 3);
      long generation = index.generation();
      assertThat(index.visibleGeneration()).isLessThan(generation);

      index.refresh();

      assertThat(index.visibleGeneration()).isGreaterThanOrEqualTo(generation);
      assertThat(index.visibleCheckpoint()).isEqualTo(3);
      assertThat(ids(index.search(all()))).containsExactlyInAnyOrder("a", "b");
    }
  }

  @Test
  void aCommitFromAnotherThreadStoresTheCheckpointWithTheContent() throws Exception {
    try (RecordIndex index = RecordIndex.open(dir)) {
      index.apply(List.of(record("a", "Alpha")), List.of(), 7);
      Thread committer = new Thread(index::commit, "test-commit");
      committer.start();
      committer.join();
      assertThat(index.committedCheckpoint()).isEqualTo(7);
      Thread refresher = new Thread(index::refresh, "test-refresh");
      refresher.start();
      refresher.join();
      assertThat(ids(index.search(all()))).containsExactly("a");
    }
    try (RecordIndex index = RecordIndex.open(dir)) {
      assertThat(index.checkpoint()).isEqualTo(7);
      assertThat(index.visibleCheckpoint()).isEqualTo(7);
      assertThat(ids(index.search(all()))).containsExactly("a");
    }
  }

  private static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }
}
