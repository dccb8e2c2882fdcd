package org.spatialcatalog.node.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.node.config.CatalogProperties;
import org.springframework.util.unit.DataSize;

/** Retention: what is pruned, what is kept, and who prunes. */
class ChangeLogPrunerTest {

  @TempDir Path dir;
  ChangeLogDatabase db;
  ChangeLog changeLog;
  ChangeLogPruner pruner;
  String self;

  @BeforeEach
  void setUp() throws Exception {
    db = database();
    changeLog = new ChangeLog(db.jdbc, Clock.systemUTC(), db.dataSource);
    NodeIdentity identity = NodeIdentity.loadOrCreate(dir.resolve("node"));
    self = identity.nodeId();
    pruner =
        new ChangeLogPruner(
            db.jdbc,
            identity,
            Clock.systemUTC(),
            properties(Duration.ofDays(7)),
            new SimpleMeterRegistry());
  }

  /** The database each case runs on: a fresh in-memory H2 here. */
  ChangeLogDatabase database() throws Exception {
    return new ChangeLogDatabase(dir);
  }

  static CatalogProperties properties(Duration minAge) {
    return new CatalogProperties(
        Path.of("n"),
        Path.of("s"),
        "catalog",
        null,
        null,
        null,
        null,
        DataSize.ofMegabytes(20),
        new CatalogProperties.Sync(
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            Duration.ofDays(1),
            Duration.ofSeconds(2),
            minAge,
            Duration.ofHours(1),
            Duration.ofMinutes(10),
            Duration.ofMillis(20)));
  }

  @Test
  void appendedEntriesAreGaplessAndReadInOrder() {
    db.write("a", "A", List.of());
    db.write("b", "B", List.of());
    db.write("a", "A2", List.of());
    db.delete("b");

    assertThat(changeLog.head()).isEqualTo(4);
    assertThat(changeLog.after(1, 10)).extracting(Change::seq).containsExactly(2L, 3L, 4L);
    assertThat(changeLog.after(0, 2)).extracting(Change::recordId).containsExactly("a", "b");
    assertThat(changeLog.after(4, 10)).isEmpty();
  }

  @Test
  void prunesEntriesPastEveryLiveCheckpointAndOlderThanTheMinimumAgeKeepingTombstones() {
    db.write("a", "A", List.of()); // 1
    db.write("b", "B", List.of()); // 2
    db.write("a", "A2", List.of()); // 3
    db.delete("b"); // 4: tombstone of b
    db.write("c", "C", List.of()); // 5
    db.write("c", "C2", List.of()); // 6
    db.ageEntries(Duration.ofDays(8));
    db.heartbeat(self, 5, Instant.now());
    db.heartbeat("~other-node", 6, Instant.now());

    assertThat(pruner.pruneOnce()).isEqualTo(4);

    // 1, 2, 3, 5 go; 4 (latest DELETE of b) stays; 6 is beyond this node's checkpoint 5.
    assertThat(db.seqs()).containsExactly(4L, 6L);
    assertThat(changeLog.head()).isEqualTo(6);
  }

  @Test
  void keepsEntriesYoungerThanTheMinimumAge() {
    db.write("a", "A", List.of());
    db.write("a", "A2", List.of());
    db.heartbeat(self, 2, Instant.now());

    assertThat(pruner.pruneOnce()).isZero();
    assertThat(db.seqs()).containsExactly(1L, 2L);
  }

  @Test
  void aNodeThatStoppedLongAgoDoesNotHoldBackPruning() {
    db.write("a", "A", List.of());
    db.write("a", "A2", List.of());
    db.write("a", "A3", List.of());
    db.ageEntries(Duration.ofDays(8));
    db.heartbeat(self, 3, Instant.now());
    db.heartbeat("~gone", 0, Instant.now().minus(Duration.ofHours(1)));

    assertThat(pruner.pruneOnce()).isEqualTo(3);
    assertThat(db.seqs()).isEmpty();
    assertThat(changeLog.head()).isEqualTo(3);
  }

  @Test
  void onlyTheLiveNodeWithTheSmallestIdPrunes() {
    db.write("a", "A", List.of());
    db.write("a", "A2", List.of());
    db.ageEntries(Duration.ofDays(8));
    db.heartbeat(self, 2, Instant.now());
    db.heartbeat("0-first", 2, Instant.now());

    assertThat(pruner.pruneOnce()).isZero();
    assertThat(db.seqs()).hasSize(2);
  }

  @Test
  void prunesInBatchesUntilDone() {
    for (int i = 0; i < ChangeLogPruner.BATCH + 300; i++) {
      db.write("r" + (i % 50), "T" + i, List.of());
    }
    db.ageEntries(Duration.ofDays(8));
    long head = changeLog.head();
    db.heartbeat(self, head, Instant.now());

    assertThat(pruner.pruneOnce()).isEqualTo(head);
    assertThat(db.seqs()).isEmpty();
    assertThat(changeLog.head()).isEqualTo(head);
  }
}
