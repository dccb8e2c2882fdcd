package org.spatialcatalog.node.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;
import org.spatialcatalog.node.changelog.PostgresDatabases;

/**
 * A harvest into fresh tables looks its batches' keys up by index once the planner knows how large
 * the tables have grown, on a real PostgreSQL (embedded binaries) migrated as a node migrates it.
 */
class PlannerStatisticsPostgresIT {

  @RegisterExtension static final PostgresDatabases postgres = new PostgresDatabases("planner");

  private static final String HARVESTER = "5f0c8d7e-3b7a-4f43-9d55-0d3c2b7e6a10";

  @Test
  void aTableThatGrewIsAnalyzedSoItsLinksAreProbedNotReadWhole() throws Exception {
    ChangeLogDatabase db = fresh();
    PlannerStatistics statistics = new PlannerStatistics(db.template, db.dataSource);
    // Large enough that 200 index probes cost less than one pass over the table: with 6,000 rows
    // the pass is still the cheaper plan, even when PostgreSQL knows the table.
    link(db, 0, 30_000);

    // What a harvest met before: statistics that know of no rows, and a batch's look-up that
    // reads the whole table.
    assertThat(plan(db, 25_000)).contains("Seq Scan on harvested_record");

    counted(db, 30_000);
    assertThat(statistics.refreshIfGrown(List.of("harvested_record")))
        .containsExactly("harvested_record");
    counted(db, 0);

    assertThat(lastAnalyzedRows(db)).isEqualTo(30_000);
    assertThat(plan(db, 25_000)).contains("ix_harvested_record_remote").doesNotContain("Seq Scan");
    // Analyzed and not grown since: nothing to do.
    assertThat(statistics.refreshIfGrown(List.of("harvested_record"))).isEmpty();
  }

  @Test
  void aTableIsAnalyzedAgainOnlyOnceItHasDoubled() throws Exception {
    ChangeLogDatabase db = fresh();
    PlannerStatistics statistics = new PlannerStatistics(db.template, db.dataSource);
    link(db, 0, 2_000);
    counted(db, 2_000);
    assertThat(statistics.refreshIfGrown(PlannerStatistics.HARVEST_TABLES))
        .containsExactly("harvested_record");
    counted(db, 0);

    // 1,500 more rows on 2,000 known: the estimate is off by less than half, left as it is.
    link(db, 2_000, 1_500);
    counted(db, 1_500);
    assertThat(statistics.refreshIfGrown(PlannerStatistics.HARVEST_TABLES)).isEmpty();
    assertThat(lastAnalyzedRows(db)).isEqualTo(2_000);

    link(db, 3_500, 1_000);
    counted(db, 2_500);
    assertThat(statistics.refreshIfGrown(PlannerStatistics.HARVEST_TABLES))
        .containsExactly("harvested_record");
    assertThat(lastAnalyzedRows(db)).isEqualTo(4_500);
  }

  @Test
  void onH2ItDoesNothing(@TempDir Path dir) {
    ChangeLogDatabase db = new ChangeLogDatabase(dir);
    PlannerStatistics statistics = new PlannerStatistics(db.template, db.dataSource);
    assertThat(statistics.refreshIfGrown(PlannerStatistics.HARVEST_TABLES)).isEmpty();
  }

  /**
   * A database migrated as a node migrates it, whose {@code harvested_record} autovacuum leaves
   * alone: its own ANALYZE, due after 50 rows and a tenth of the table, could run between two steps
   * of a test and reset the count that these tests expect {@link PlannerStatistics} alone to reset.
   */
  private static ChangeLogDatabase fresh() throws java.sql.SQLException {
    ChangeLogDatabase db = postgres.fresh();
    db.jdbc.sql("ALTER TABLE harvested_record SET (autovacuum_enabled = false)").update();
    return db;
  }

  /**
   * Waits until PostgreSQL shows exactly {@code rows} rows of {@code harvested_record} changed
   * since its last analysis. PostgreSQL 14 (the embedded binaries) counts through its statistics
   * collector: a connection sends its counts every half second or so after they commit, an ANALYZE
   * sends its reset the same way, and a reader sees a snapshot up to half a second old. A check
   * made before the counts settle sees rows an analysis already covered (so the table looks grown
   * again), or misses rows that arrive after it; CI once failed that way.
   */
  private static void counted(ChangeLogDatabase db, long rows) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> modifiedSinceAnalyzed(db) == rows);
  }

  /** Links {@code count} remote ids, numbered from {@code from}, to the harvester. */
  private static void link(ChangeLogDatabase db, int from, int count) {
    for (int start = from; start < from + count; start += 500) {
      List<Object> params = new ArrayList<>();
      int n = Math.min(500, from + count - start);
      for (int i = start; i < start + n; i++) {
        params.add(HARVESTER);
        params.add("oai:source.example:record-" + i);
        params.add(java.util.UUID.randomUUID().toString());
        params.add("2026-12-0" + (1 + i % 5));
        params.add(String.format("%064x", i));
      }
      db.jdbc
          .sql(
              "INSERT INTO harvested_record (harvester_id, remote_id, record_id, change_marker,"
                  + " content_hash) VALUES "
                  + Placeholders.rows(n, 5))
          .params(params)
          .update();
    }
  }

  /** The plan of a batch's look-up of 200 links, written as {@code HarvestedRecordWriter} does. */
  private static String plan(ChangeLogDatabase db, int from) {
    String keys =
        IntStream.range(from, from + 200)
            .mapToObj(i -> "'oai:source.example:record-" + i + "'")
            .collect(Collectors.joining(", "));
    return String.join(
        "\n",
        db.template.queryForList(
            "EXPLAIN SELECT remote_id, record_id, change_marker, content_hash FROM"
                + " harvested_record WHERE "
                + Placeholders.unindexedEquals("harvester_id").replace("?", "'" + HARVESTER + "'")
                + " AND remote_id IN ("
                + keys
                + ")",
            String.class));
  }

  private static long modifiedSinceAnalyzed(ChangeLogDatabase db) {
    return db.template.queryForObject(
        "SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'harvested_record'",
        Long.class);
  }

  private static long lastAnalyzedRows(ChangeLogDatabase db) {
    return db.template
        .queryForObject(
            "SELECT reltuples FROM pg_class WHERE relname = 'harvested_record'", Double.class)
        .longValue();
  }
}
