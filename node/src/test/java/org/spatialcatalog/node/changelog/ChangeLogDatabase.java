package org.spatialcatalog.node.changelog;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A migrated H2 database in a temp directory with helpers that write records and change-log entries
 * the way the record service does (one transaction each), for sync and change-log tests.
 */
public final class ChangeLogDatabase {

  public final DataSource dataSource;
  public final JdbcClient jdbc;
  public final JdbcTemplate template;

  /** A fresh in-memory H2 database. */
  public ChangeLogDatabase(Path dir) {
    this(h2InMemory(), "h2");
  }

  /**
   * An empty database reached through {@code dataSource}, migrated with the common and the {@code
   * vendor} ({@code h2} or {@code postgresql}) migrations, as a node would.
   */
  public ChangeLogDatabase(DataSource dataSource, String vendor) {
    this.dataSource = dataSource;
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .load()
        .migrate();
    jdbc = JdbcClient.create(dataSource);
    template = new JdbcTemplate(dataSource);
  }

  private static DataSource h2InMemory() {
    // In memory, kept open between connections: a file database closed after every statement
    // would make each statement cost a store close.
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  /** Inserts or replaces record {@code id} with the given keywords and logs the change. */
  public long write(String id, String title, List<String> keywords) {
    Long version =
        jdbc.sql("SELECT version FROM metadata_record WHERE id = ?")
            .param(id)
            .query(Long.class)
            .optional()
            .orElse(null);
    Timestamp now = Timestamp.from(Instant.now());
    String kw = String.join("\n", keywords);
    if (version == null) {
      jdbc.sql(
              "INSERT INTO metadata_record (id, uuid, schema_id, title, abstract_text, keywords,"
                  + " version, created_at, change_date, xml_doc) VALUES (?,?,?,?,?,?,?,?,?,?)")
          .params(id, "uuid-" + id, "iso19139", title, "", kw, 1L, now, now, "<x/>")
          .update();
      return log(id, "CREATE", 1);
    }
    jdbc.sql(
            "UPDATE metadata_record SET title = ?, keywords = ?, version = ?, change_date = ?"
                + " WHERE id = ?")
        .params(title, kw, version + 1, now, id)
        .update();
    return log(id, "UPDATE", version + 1);
  }

  public long delete(String id) {
    long version =
        jdbc.sql("SELECT version FROM metadata_record WHERE id = ?")
            .param(id)
            .query(Long.class)
            .single();
    jdbc.sql("DELETE FROM metadata_record WHERE id = ?").param(id).update();
    return log(id, "DELETE", version + 1);
  }

  /**
   * Logs a change of record {@code id} to {@code version}, whose row the caller changed, and
   * returns its sequence number.
   */
  public long log(String id, String operation, long version) {
    jdbc.sql("UPDATE change_log_counter SET last_seq = last_seq + 1 WHERE id = 1").update();
    long seq =
        jdbc.sql("SELECT last_seq FROM change_log_counter WHERE id = 1").query(Long.class).single();
    jdbc.sql(
            "INSERT INTO change_log (seq, record_id, operation, record_version, committed_at)"
                + " VALUES (?,?,?,?,?)")
        .params(seq, id, operation, version, Timestamp.from(Instant.now()))
        .update();
    return seq;
  }

  /** Makes every entry look {@code age} old. */
  public void ageEntries(java.time.Duration age) {
    jdbc.sql("UPDATE change_log SET committed_at = ?")
        .param(Timestamp.from(Instant.now().minus(age)))
        .update();
  }

  public void heartbeat(String nodeId, long checkpoint, Instant at) {
    jdbc.sql("DELETE FROM cluster_node WHERE node_id = ?").param(nodeId).update();
    jdbc.sql(
            "INSERT INTO cluster_node (node_id, host, http_port, pid, version, started_at,"
                + " heartbeat_at, index_checkpoint, indexed_records) VALUES (?,?,?,?,?,?,?,?,?)")
        .params(nodeId, "h", 1, 1L, "dev", Timestamp.from(at), Timestamp.from(at), checkpoint, 0L)
        .update();
  }

  public List<Long> seqs() {
    return jdbc.sql("SELECT seq FROM change_log ORDER BY seq").query(Long.class).list();
  }
}
