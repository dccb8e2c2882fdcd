package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spatialcatalog.index.TestRecords.all;
import static org.spatialcatalog.index.TestRecords.ids;
import static org.spatialcatalog.index.TestRecords.record;
import static org.spatialcatalog.index.TestRecords.withVersion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Poison records are quarantined instead of holding back the checkpoint; older never wins. */
class RecordIndexQuarantineTest {

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

  static IndexedRecord poison(String id, long version) {
    return withVersion(
        record(id, "Poison " + id, "abstract", List.of("x".repeat(40_000), "ok"), null), version);
  }

  @Test
  void immenseKeywordIsQuarantinedAndTheRestOfTheBatchIsIndexed() {
    List<QuarantinedRecord> q =
        index.apply(
            List.of(record("a", "Alpha"), poison("p", 3), record("b", "Beta")), List.of(), 7);
    index.refresh();

    assertThat(q).extracting(QuarantinedRecord::id).containsExactly("p");
    assertThat(q.get(0).reason()).contains("immense term");
    assertThat(index.checkpoint()).isEqualTo(7);
    assertThat(ids(index.search(all()))).containsExactlyInAnyOrder("a", "b", "p");
    assertThat(index.versionOf("p")).contains(3L);
    assertThat(index.quarantined(10)).extracting(QuarantinedRecord::id).containsExactly("p");
    assertThat(index.quarantinedCount()).isOne();
  }

  @Test
  void fixedVersionLeavesQuarantine() {
    index.apply(List.of(poison("p", 1)), List.of(), 1);
    index.refresh();
    assertThat(index.quarantinedCount()).isOne();

    List<QuarantinedRecord> q =
        index.apply(
            List.of(withVersion(record("p", "Fixed", "", List.of("ok"), null), 2)), List.of(), 2);
    index.refresh();

    assertThat(q).isEmpty();
    assertThat(index.quarantinedCount()).isZero();
    assertThat(index.versionOf("p")).contains(2L);
  }

  @Test
  void deletingAQuarantinedRecordRemovesItFromTheList() {
    index.apply(List.of(poison("p", 1)), List.of(), 1);
    index.apply(List.of(), List.of("p"), 2);
    index.refresh();

    assertThat(index.quarantined(10)).isEmpty();
  }

  @Test
  void quarantineSurvivesReopening() throws IOException {
    index.apply(List.of(poison("p", 1)), List.of(), 1);
    index.commit();
    index.close();
    index = RecordIndex.open(dir.resolve("index"));

    assertThat(index.quarantined(10)).extracting(QuarantinedRecord::id).containsExactly("p");
  }

  @Test
  void rebuildQuarantinesInsteadOfFailing() throws IOException {
    List<QuarantinedRecord> q =
        index.replaceAll(List.of(record("a", "Alpha"), poison("p", 1)).iterator(), 9);

    assertThat(q).extracting(QuarantinedRecord::id).containsExactly("p");
    assertThat(ids(index.search(all()))).containsExactlyInAnyOrder("a", "p");
    assertThat(index.checkpoint()).isEqualTo(9);
    assertThat(index.quarantinedCount()).isOne();
  }

  @Test
  void olderVersionNeverReplacesNewerOne() {
    index.apply(List.of(withVersion(record("a", "Newer"), 5)), List.of(), 1);
    index.refresh();
    index.apply(List.of(withVersion(record("a", "Older"), 4)), List.of(), 2);
    index.refresh();

    assertThat(index.search(all()).hits().get(0).title()).isEqualTo("Newer");
    assertThat(index.versionOf("a")).contains(5L);
    assertThat(index.checkpoint()).isEqualTo(2);
  }

  @Test
  void olderVersionNeverReplacesNewerOneBeforeRefresh() {
    index.apply(List.of(withVersion(record("a", "Newer"), 5)), List.of(), 1);
    index.apply(List.of(withVersion(record("a", "Older"), 4)), List.of(), 2);
    index.refresh();

    assertThat(index.search(all()).hits().get(0).title()).isEqualTo("Newer");
  }

  @Test
  void sameVersionIsReplaced() {
    index.apply(List.of(withVersion(record("a", "First"), 5)), List.of(), 1);
    index.refresh();
    index.apply(List.of(withVersion(record("a", "Reindexed"), 5)), List.of(), 2);
    index.refresh();

    assertThat(index.search(all()).hits().get(0).title()).isEqualTo("Reindexed");
  }
}
