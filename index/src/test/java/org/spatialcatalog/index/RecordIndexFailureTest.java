package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spatialcatalog.index.TestRecords.all;
import static org.spatialcatalog.index.TestRecords.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIndexFailureTest {

  @TempDir Path dir;

  @Test
  void tragicWriterFailureFailsEveryLaterCallUntilReopened() throws IOException {
    FailingDirectory directory = new FailingDirectory(FSDirectory.open(dir));
    RecordIndex index = RecordIndex.open(directory);
    index.apply(List.of(record("a", "Alpha")), List.of(), 1);
    index.commit();
    index.refresh();
    directory.arm();

    // The first document of a new segment opens its files: failing there aborts the writer.
    assertThatThrownBy(() -> index.apply(List.of(record("b", "Beta")), List.of(), 2))
        .isInstanceOf(IndexFailedException.class)
        .hasRootCauseInstanceOf(IOException.class);

    assertThat(index.isFailed()).isTrue();
    assertThatThrownBy(() -> index.search(all())).isInstanceOf(IndexFailedException.class);
    assertThatThrownBy(index::count).isInstanceOf(IndexFailedException.class);
    assertThatThrownBy(index::commit).isInstanceOf(IndexFailedException.class);
    assertThatThrownBy(index::checkpoint).isInstanceOf(IndexFailedException.class);
    index.close();

    try (RecordIndex reopened = RecordIndex.open(dir)) {
      assertThat(reopened.isFailed()).isFalse();
      assertThat(reopened.checkpoint()).isEqualTo(1);
      assertThat(reopened.count()).isOne();
    }
  }

  @Test
  void closedIndexRejectsCalls() throws IOException {
    RecordIndex index = RecordIndex.open(dir);
    index.close();

    assertThatThrownBy(index::count).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.apply(List.of(), List.of(), 1))
        .isInstanceOf(IllegalStateException.class);
  }
}
