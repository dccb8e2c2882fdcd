package org.spatialcatalog.node.record;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Previous versions of records. {@link #keep} copies a record's current row into the history in the
 * caller's transaction, so a version is kept exactly when the change that replaces it commits.
 */
@Repository
public class RecordHistory {

  private final JdbcClient jdbc;
  private final Clock clock;

  RecordHistory(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One kept version. */
  public record Version(
      long version, String uuid, String title, String operation, Instant savedAt) {}

  /** Keeps the current state of record {@code id} before {@code operation} replaces it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void keep(String id, String operation) {
    jdbc.sql(
            "INSERT INTO metadata_record_version"
                + " (record_id, version, uuid, title, operation, saved_at, xml_doc)"
                + " SELECT id, version, uuid, title, ?, ?, xml_doc FROM metadata_record WHERE id = ?")
        .params(operation, Timestamp.from(Instant.now(clock)), id)
        .update();
  }

  public List<Version> versions(String id) {
    return jdbc.sql(
            "SELECT version, uuid, title, operation, saved_at FROM metadata_record_version"
                + " WHERE record_id = ? ORDER BY version")
        .param(id)
        .query(
            (rs, i) ->
                new Version(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getTimestamp(5).toInstant()))
        .list();
  }

  public Optional<String> xml(String id, long version) {
    return jdbc.sql(
            "SELECT xml_doc FROM metadata_record_version WHERE record_id = ? AND version = ?")
        .params(id, version)
        .query(String.class)
        .optional();
  }

  /**
   * The internal id of the record with this id in the history or, failing that, of the one that
   * last had this metadata uuid (for deleted records). Two indexed look-ups, not one {@code WHERE
   * record_id = ? OR uuid = ?}, which H2 answers by reading the whole table (as in {@link
   * RecordRepository#find}).
   */
  public Optional<String> idOf(String idOrUuid) {
    return jdbc.sql("SELECT record_id FROM metadata_record_version WHERE record_id = ? LIMIT 1")
        .param(idOrUuid)
        .query(String.class)
        .optional()
        .or(
            () ->
                jdbc.sql(
                        "SELECT record_id FROM metadata_record_version WHERE uuid = ?"
                            + " ORDER BY saved_at DESC, version DESC LIMIT 1")
                    .param(idOrUuid)
                    .query(String.class)
                    .optional());
  }
}
