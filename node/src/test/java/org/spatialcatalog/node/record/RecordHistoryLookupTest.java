package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The history finds a deleted record by its internal id or by its metadata uuid, the latter through
 * the index of migration {@code V21_0} rather than by reading every kept version.
 */
class RecordHistoryLookupTest {

  private JdbcClient jdbc;

  @BeforeEach
  void migrate() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure()
        .dataSource(h2)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .load()
        .migrate();
    jdbc = JdbcClient.create(h2);
  }

  @Test
  void findsARecordByItsIdOrByTheLastRecordThatHadTheUuid() {
    keptVersion("rec-1", 1, "shared-uuid", "2026-01-01T00:00:00Z");
    keptVersion("rec-1", 2, "shared-uuid", "2026-01-02T00:00:00Z");
    // Deleted and written again under the same uuid: a newer record, with a lower version.
    keptVersion("rec-2", 1, "shared-uuid", "2026-02-01T00:00:00Z");
    keptVersion("rec-3", 4, "other-uuid", "2026-01-05T00:00:00Z");
    RecordHistory history = new RecordHistory(jdbc, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    assertThat(history.idOf("rec-1")).contains("rec-1");
    assertThat(history.idOf("shared-uuid")).contains("rec-2");
    assertThat(history.idOf("other-uuid")).contains("rec-3");
    assertThat(history.idOf("no-such-record")).isEmpty();
  }

  @Test
  void theUuidLookUpReadsAnIndexNotTheTable() {
    String plan =
        jdbc.sql(
                "EXPLAIN SELECT record_id FROM metadata_record_version WHERE uuid = ?"
                    + " ORDER BY saved_at DESC, version DESC LIMIT 1")
            .param("u")
            .query(String.class)
            .single();

    assertThat(plan).containsIgnoringCase("METADATA_RECORD_VERSION_UUID");
  }

  private void keptVersion(String id, long version, String uuid, String savedAt) {
    jdbc.sql(
            "INSERT INTO metadata_record_version"
                + " (record_id, version, uuid, title, operation, saved_at, xml_doc)"
                + " VALUES (?, ?, ?, 't', 'UPDATE', ?, ?)")
        .params(
            id,
            version,
            uuid,
            java.sql.Timestamp.from(Instant.parse(savedAt)),
            "<x/>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .update();
  }
}
