package org.spatialcatalog.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.index.QuarantinedRecord;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.index.SearchQuery;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredRecord;
import org.springframework.util.unit.DataSize;

/** The synchronizer against a real H2 change log and a real Lucene index. */
class IndexSynchronizerTest {

  @TempDir Path dir;
  ChangeLogDatabase db;
  ChangeLog changeLog;
  RecordIndex index;
  IndexSynchronizer synchronizer;
  IndexVerifier verifier;
  java.time.Duration pollInterval = java.time.Duration.ofSeconds(2);
  java.time.Duration notificationGap = java.time.Duration.ofMillis(20);
  VisibilityStats stats;

  @BeforeEach
  void setUp() throws Exception {
    db = new ChangeLogDatabase(dir);
    changeLog = new ChangeLog(db.jdbc, Clock.systemUTC(), db.dataSource);
    index = RecordIndex.open(dir.resolve("index"));
    build(noExtraFields());
  }

  private static ExtraFields noExtraFields() {
    return new ExtraFields() {
      @Override
      public boolean enabled() {
        return false;
      }

      @Override
      public Map<String, List<String>> extract(String schema, String xml) {
        return Map.of();
      }
    };
  }

  private void build(ExtraFields extraFields) {
    RecordRepository records = new RecordRepository(db.jdbc, db.template);
    RecordDocuments documents = new RecordDocuments(records, extraFields);
    IndexRebuilder rebuilder = new IndexRebuilder(index, changeLog, records, documents);
    CatalogProperties properties =
        new CatalogProperties(
            dir,
            dir,
            "catalog",
            null,
            null,
            null,
            null,
            DataSize.ofMegabytes(20),
            new CatalogProperties.Sync(
                pollInterval,
                java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(3),
                java.time.Duration.ofDays(1),
                java.time.Duration.ofSeconds(2),
                java.time.Duration.ofDays(7),
                java.time.Duration.ofHours(1),
                java.time.Duration.ofMinutes(10),
                notificationGap));
    stats = new VisibilityStats();
    synchronizer =
        new IndexSynchronizer(
            index,
            changeLog,
            records,
            stats,
            rebuilder,
            documents,
            Clock.systemUTC(),
            properties,
            new SyncMetrics(new SimpleMeterRegistry()));
    verifier = new IndexVerifier(synchronizer, index, records, documents);
  }

  /** Extra fields whose extraction throws for a record stored as {@code <boom/>}. */
  private static ExtraFields failingOnBoom() {
    return throwingOnBoom(
        () -> {
          throw new IllegalStateException("xpath evaluation failed");
        });
  }

  /** Extra fields whose extraction runs {@code thrower} for a record containing "boom". */
  private static ExtraFields throwingOnBoom(Runnable thrower) {
    return new ExtraFields() {
      @Override
      public boolean enabled() {
        return true;
      }

      @Override
      public Map<String, List<String>> extract(String schema, String xml) {
        if (xml.contains("boom")) {
          thrower.run();
        }
        return Map.of("f", List.of("v"));
      }
    };
  }

  @AfterEach
  void tearDown() throws Exception {
    index.close();
  }

  @Test
  void catchUpAppliesEveryChangeAndReachesTheHead() {
    db.write("a", "Alpha", List.of("k"));
    db.write("b", "Beta", List.of());
    db.write("a", "Alpha 2", List.of());
    db.delete("b");

    assertThat(synchronizer.catchUp()).isEqualTo(4);
    assertThat(index.versions()).isEqualTo(Map.of("a", 2L));
    assertThat(synchronizer.visibleCheckpoint()).isEqualTo(4);
  }

  @Test
  void aPoisonRecordIsQuarantinedAndNeverHoldsBackTheCheckpoint() {
    db.write("a", "Alpha", List.of());
    db.write("p", "Poison", List.of("x".repeat(40_000)));
    db.write("b", "Beta", List.of());

    assertThat(synchronizer.catchUp()).isEqualTo(3);

    assertThat(index.quarantined(10)).extracting(QuarantinedRecord::id).containsExactly("p");
    IndexVerifier.Report report = verifier.verify(false);
    assertThat(List.of(report.missing(), report.stale(), report.extra())).containsOnly(0);
    assertThat(report.quarantinedCount()).isOne();

    db.write("p", "Fixed", List.of("ok"));
    assertThat(synchronizer.catchUp()).isEqualTo(4);
    assertThat(index.quarantined(10)).isEmpty();
    assertThat(index.versionOf("p")).contains(2L);
  }

  @Test
  void aRecordWhoseExtraFieldsCannotBeExtractedIsQuarantinedAndLeavesWhenFixed() {
    build(failingOnBoom());
    db.write("a", "Alpha", List.of());
    db.write("p", "Poison", List.of());
    db.jdbc.sql("UPDATE metadata_record SET xml_doc = '<boom/>' WHERE id = 'p'").update();
    db.write("b", "Beta", List.of());

    assertThat(synchronizer.catchUp()).isEqualTo(3);

    assertThat(index.quarantined(10))
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.id()).isEqualTo("p");
              assertThat(q.reason()).contains("extra fields not extracted", "xpath evaluation");
            });
    assertThat(index.versions()).containsKeys("a", "b", "p");
    IndexVerifier.Report report = verifier.verify(false);
    assertThat(List.of(report.missing(), report.stale(), report.extra())).containsOnly(0);
    assertThat(report.quarantinedCount()).isOne();

    IndexRebuilder.Result rebuilt = synchronizer.rebuild();
    assertThat(rebuilt.records()).isEqualTo(3);
    assertThat(rebuilt.quarantined()).extracting(QuarantinedRecord::id).containsExactly("p");

    db.jdbc.sql("UPDATE metadata_record SET xml_doc = '<x/>' WHERE id = 'p'").update();
    db.write("p", "Fixed", List.of());
    assertThat(synchronizer.catchUp()).isEqualTo(4);
    assertThat(index.quarantined(10)).isEmpty();
    assertThat(index.versionOf("p")).contains(2L);
  }

  @Test
  void aRebuildQuarantinesInsteadOfFailing() {
    db.write("a", "Alpha", List.of());
    db.write("p", "Poison", List.of("x".repeat(40_000)));

    IndexRebuilder.Result result = synchronizer.rebuild();

    assertThat(result.records()).isEqualTo(2);
    assertThat(result.quarantined()).extracting(QuarantinedRecord::id).containsExactly("p");
    assertThat(index.checkpoint()).isEqualTo(2);
  }

  @Test
  void aRebuildIndexesEveryRecordOnceWhenTheBuildersFallBehind() {
    // More records than wait for the builders and for the index together, so the reader has to
    // build some itself and everyone waits for room at times.
    int count = 3 * 1024 + 7;
    for (int i = 0; i < count; i++) {
      db.write("r" + i, "Record " + i, List.of("k" + i % 10));
    }
    db.write("r5", "Record 5 again", List.of());

    IndexRebuilder.Result result = synchronizer.rebuild();

    assertThat(result.records()).isEqualTo(count);
    Map<String, Long> versions = index.versions();
    assertThat(versions).hasSize(count).containsEntry("r5", 2L).containsEntry("r0", 1L);
    IndexVerifier.Report report = verifier.verify(false);
    assertThat(List.of(report.missing(), report.stale(), report.extra())).containsOnly(0);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(rebuildThreads()).isEmpty());
  }

  @Test
  void aRecordThatCannotBeBuiltFailsTheRebuildAndKeepsTheIndex() {
    db.write("a", "Alpha", List.of());
    db.write("b", "Beta", List.of());
    synchronizer.catchUp();
    build(
        throwingOnBoom(
            () -> {
              throw new AssertionError("not a RuntimeException");
            }));
    for (int i = 0; i < 500; i++) {
      db.write("r" + i, "Record " + i, List.of());
    }
    db.jdbc.sql("UPDATE metadata_record SET xml_doc = '<boom/>' WHERE id = 'r250'").update();

    assertThatThrownBy(synchronizer::rebuild)
        .hasStackTraceContaining("building failed")
        .hasStackTraceContaining("not a RuntimeException");

    // Rolled back: the index holds what it held before the rebuild.
    assertThat(index.versions()).isEqualTo(Map.of("a", 1L, "b", 1L));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(rebuildThreads()).isEmpty());
  }

  /** The reader and builder threads of a rebuild still alive. */
  private static List<String> rebuildThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("index-rebuild-"))
        .toList();
  }

  @Test
  void rebuildsWhenTheLogWasPrunedPastTheCheckpoint() {
    db.write("a", "Alpha", List.of());
    synchronizer.catchUp();
    db.write("b", "Beta", List.of());
    db.write("c", "Gamma", List.of());
    db.write("c", "Gamma 2", List.of());
    db.jdbc.sql("DELETE FROM change_log WHERE seq <= 3").update();

    assertThat(synchronizer.catchUp()).isEqualTo(4);
    assertThat(index.versions()).isEqualTo(Map.of("a", 1L, "b", 1L, "c", 2L));
  }

  @Test
  void comparesWithTheHeadWhenTheLogWasPrunedToNothing() {
    db.write("a", "Alpha", List.of());
    db.write("b", "Beta", List.of());
    db.jdbc.sql("DELETE FROM change_log").update();

    assertThat(synchronizer.catchUp()).isEqualTo(2);
    assertThat(index.versions()).isEqualTo(Map.of("a", 1L, "b", 1L));
  }

  @Test
  void notReadyUntilCaughtUpWithTheHeadSeenAtStart() {
    for (int i = 0; i < 50; i++) {
      db.write("r" + i, "Record " + i, List.of());
    }
    IndexReadiness readiness = new IndexReadiness(synchronizer);
    assertThat(synchronizer.ready()).isFalse();
    assertThat(readiness.health().getStatus().getCode()).isEqualTo("OUT_OF_SERVICE");

    synchronizer.start();
    try {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(synchronizer::ready);
      assertThat(synchronizer.headAtStart()).isEqualTo(50);
      assertThat(synchronizer.visibleCheckpoint()).isGreaterThanOrEqualTo(50);
      assertThat(readiness.health().getStatus().getCode()).isEqualTo("UP");
    } finally {
      synchronizer.stop();
    }
  }

  /** What this node committed, as the request holds it: its title differs from the stored row. */
  private static StoredRecord asCommitted(String id, String title, long version) {
    java.time.Instant now = java.time.Instant.now();
    return new StoredRecord(
        id, "uuid-" + id, "iso19139", title, "", List.of(), null, null, version, now, now, null);
  }

  private long hits(String text) {
    return index.search(SearchQuery.of(text)).total();
  }

  @Test
  void anOwnWriteIsIndexedFromTheDataItCommittedWithoutReadingItBack() {
    long seq = db.write("a", "Stored", List.of());
    // The handed-over data differs from the row only so that the test can tell which was indexed.
    synchronizer.upserted(seq, asCommitted("a", "Handed", 1), "<x/>", Map.of());

    assertThat(synchronizer.catchUp()).isEqualTo(seq);

    assertThat(hits("handed")).isOne();
    assertThat(hits("stored")).isZero();
    assertThat(index.versions()).isEqualTo(Map.of("a", 1L));
    IndexVerifier.Report report = verifier.verify(false);
    assertThat(List.of(report.missing(), report.stale(), report.extra())).containsOnly(0);
  }

  @Test
  void theChangeLogStaysTheTruthAfterAnOwnWrite() {
    long own = db.write("a", "Stored", List.of());
    synchronizer.upserted(own, asCommitted("a", "Handed", 1), "<x/>", Map.of());
    // Another node changes the record again before this node applied anything.
    db.write("a", "Newer", List.of());
    long deleted = db.write("b", "Beta", List.of());
    synchronizer.deleted(deleted + 1, "b", 2);
    db.delete("b");

    assertThat(synchronizer.catchUp()).isEqualTo(4);

    assertThat(hits("newer")).isOne();
    assertThat(hits("handed")).isZero();
    assertThat(index.versions()).isEqualTo(Map.of("a", 2L));
  }

  @Test
  void anOwnWriteTheLogAlreadyPassedIsNotAppliedAgain() {
    long seq = db.write("a", "Stored", List.of());
    assertThat(synchronizer.catchUp()).isEqualTo(seq);
    db.write("a", "Newer", List.of());
    assertThat(synchronizer.catchUp()).isEqualTo(2);

    // Handed over late (the request thread was slow): the index keeps the newer state.
    synchronizer.upserted(seq, asCommitted("a", "Handed", 1), "<x/>", Map.of());
    synchronizer.catchUp();

    assertThat(hits("newer")).isOne();
    assertThat(index.versions()).isEqualTo(Map.of("a", 2L));
  }

  @Test
  void awaitAppliedSeesAnOwnWriteOnceItIsVisible() throws Exception {
    long seq = db.write("a", "Stored", List.of());
    synchronizer.upserted(seq, asCommitted("a", "Handed", 1), "<x/>", Map.of());
    synchronizer.start();
    try {
      assertThat(synchronizer.awaitApplied(seq, java.time.Duration.ofSeconds(60))).isTrue();
      assertThat(hits("handed")).isOne();
    } finally {
      synchronizer.stop();
    }
  }

  @Test
  void ownWritesAreSearchableOnceAppliedAndShareTheOneRefreshTheNextSearchMakes() throws Exception {
    // No periodic refresh during the test: only a search can show the writes.
    pollInterval = java.time.Duration.ofMinutes(10);
    build(noExtraFields());
    synchronizer.start();
    try {
      long refreshesBefore = index.refreshCount();
      for (int i = 0; i < 20; i++) {
        String id = "r" + i;
        // The same title either way: the log path may apply the change before the hand-over.
        long seq = db.write(id, "Own " + i, List.of());
        synchronizer.upserted(seq, asCommitted(id, "Own " + i, 1), "<x/>", Map.of());
        assertThat(synchronizer.awaitApplied(seq, java.time.Duration.ofSeconds(60))).isTrue();
      }
      assertThat(index.refreshCount()).isEqualTo(refreshesBefore);

      assertThat(hits("own")).isEqualTo(20);
      assertThat(index.refreshCount()).isEqualTo(refreshesBefore + 1);
      assertThat(hits("own")).isEqualTo(20);
      assertThat(index.refreshCount()).isEqualTo(refreshesBefore + 1);
    } finally {
      synchronizer.stop();
    }
  }

  @Test
  void ownWritesAloneLeaveTheLogUnreadForAGapYetCountAsVisibleAtOnce() throws Exception {
    // No poll within the test; the log is due for own writes 1 s (the longest gap) after it was
    // last read, which the start did just before the node became ready.
    pollInterval = java.time.Duration.ofMinutes(10);
    notificationGap = java.time.Duration.ofSeconds(1);
    build(noExtraFields());
    synchronizer.start();
    try {
      org.awaitility.Awaitility.await()
          .pollInterval(java.time.Duration.ofMillis(5))
          .until(synchronizer::ready);
      long readyAt = System.nanoTime();
      long last = 0;
      for (int i = 0; i < 5; i++) {
        String id = "r" + i;
        last = db.write(id, "Own " + i, List.of());
        synchronizer.upserted(last, asCommitted(id, "Own " + i, 1), "<x/>", Map.of());
        assertThat(synchronizer.awaitApplied(last, java.time.Duration.ofSeconds(60))).isTrue();
      }
      // Each write is searchable and counted as visible, but no hand-over made the log be read:
      // the checkpoint has not moved over any of them.
      long checkpoint = synchronizer.visibleCheckpoint();
      org.junit.jupiter.api.Assumptions.assumeTrue(
          System.nanoTime() - readyAt < 800_000_000L,
          "the writes took most of the gap: too slow a machine to tell");
      assertThat(checkpoint).isZero();
      assertThat(hits("own")).isEqualTo(5);
      assertThat(stats.snapshot().get("count")).isEqualTo(5L);

      // Once the gap has passed, the log is read with no notification, and counts nothing twice.
      long expected = last;
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> synchronizer.visibleCheckpoint() == expected);
      assertThat(stats.snapshot().get("count")).isEqualTo(5L);

      // A change this node did not hand over is read at once when announced.
      long other = db.write("x", "Other", List.of());
      synchronizer.changeCommitted(other);
      assertThat(synchronizer.awaitApplied(other, java.time.Duration.ofMillis(900))).isTrue();
      assertThat(hits("other")).isOne();
    } finally {
      synchronizer.stop();
    }
  }

  @Test
  void aTombstoneLeftByPruningStillMeansRebuild() {
    db.write("a", "Alpha", List.of());
    db.write("b", "Beta", List.of());
    db.delete("b");
    db.write("a", "Alpha 2", List.of());
    // Pruned up to 4 except the tombstone of b (seq 3).
    db.jdbc.sql("DELETE FROM change_log WHERE seq IN (1, 2, 4)").update();

    assertThat(synchronizer.catchUp()).isEqualTo(4);
    assertThat(index.versions()).isEqualTo(Map.of("a", 2L));
  }
}
