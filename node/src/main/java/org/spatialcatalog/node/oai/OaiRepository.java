package org.spatialcatalog.node.oai;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Read-only queries of the listing order over {@code metadata_record}, {@code change_log} and
 * {@code harvested_record}; it never writes.
 *
 * <p>The order: records without any change-log entry (their entries were pruned, or they predate
 * the log) by id, then every record's newest change-log entry by sequence number. Because the log
 * commits in sequence order without gaps, a reader that sees entry {@code n} has seen every entry
 * before it, so no entry can appear later below a position already handed out. A deleted record is
 * its newest entry, a DELETE, which retention keeps as a tombstone.
 *
 * <p>Set of a record: {@code harvester:<id>} when {@code harvested_record} names the harvester that
 * brought it, otherwise {@code local}. A deleted record keeps its set while that row is still there
 * (a record deleted through the API, or removed by its harvester, which keeps the row marked
 * removed); once the row is gone (its harvester was deleted), its origin is unknown, and its
 * tombstone is reported in every set.
 */
@Repository
class OaiRepository {

  static final String LOCAL_SET = "local";
  static final String HARVESTER_SET = "harvester:";

  private final JdbcClient jdbc;

  OaiRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One item of the listing order, before privileges are applied. */
  record Row(long seq, String recordId, boolean deleted, Instant datestamp, String harvesterId) {
    Position position() {
      return seq == 0 ? new Position(0, recordId) : new Position(seq, "");
    }

    /** The setSpec, or null for a tombstone of unknown origin. */
    String setSpec() {
      if (harvesterId != null) {
        return HARVESTER_SET + harvesterId;
      }
      return deleted ? null : LOCAL_SET;
    }
  }

  /** At most {@code limit} rows after {@code after}, in listing order. */
  List<Row> after(Position after, ListQuery q, int limit) {
    SetFilter set = SetFilter.of(q.set());
    if (set == null) {
      return List.of();
    }
    List<Row> rows = new ArrayList<>();
    long seq = after.seq();
    if (seq == 0) {
      rows.addAll(unlogged(after.id(), q, set, limit));
    }
    if (rows.size() < limit) {
      rows.addAll(logged(seq, q, set, limit - rows.size()));
    }
    return rows;
  }

  private List<Row> unlogged(String afterId, ListQuery q, SetFilter set, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT r.id, r.change_date, h.harvester_id FROM metadata_record r"
                + " LEFT JOIN harvested_record h ON h.record_id = r.id WHERE r.id > ?"
                + " AND NOT EXISTS (SELECT 1 FROM change_log c WHERE c.record_id = r.id)");
    List<Object> params = new ArrayList<>(List.of(afterId));
    dates(sql, params, "r.change_date", q);
    setFilter(sql, params, set, false);
    sql.append(" ORDER BY r.id LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString())
        .params(params)
        .query(
            (rs, i) ->
                new Row(0, rs.getString(1), false, rs.getTimestamp(2).toInstant(), rs.getString(3)))
        .list();
  }

  private List<Row> logged(long afterSeq, ListQuery q, SetFilter set, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT c.seq, c.record_id, c.operation, c.committed_at, h.harvester_id FROM change_log c"
                + " LEFT JOIN harvested_record h ON h.record_id = c.record_id WHERE c.seq > ?"
                + " AND NOT EXISTS (SELECT 1 FROM change_log n WHERE n.record_id = c.record_id"
                + " AND n.seq > c.seq)");
    List<Object> params = new ArrayList<>(List.of(afterSeq));
    dates(sql, params, "c.committed_at", q);
    setFilter(sql, params, set, true);
    sql.append(" ORDER BY c.seq LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString())
        .params(params)
        .query(
            (rs, i) ->
                new Row(
                    rs.getLong(1),
                    rs.getString(2),
                    "DELETE".equals(rs.getString(3)),
                    rs.getTimestamp(4).toInstant(),
                    rs.getString(5)))
        .list();
  }

  /**
   * How many rows the whole listing has now, before privileges are applied: the same rows {@link
   * #after} walks, counted by the database instead of read.
   */
  long count(ListQuery q) {
    SetFilter set = SetFilter.of(q.set());
    if (set == null) {
      return 0;
    }
    return countOf(
            "SELECT COUNT(*) FROM metadata_record r"
                + " LEFT JOIN harvested_record h ON h.record_id = r.id WHERE"
                + " NOT EXISTS (SELECT 1 FROM change_log c WHERE c.record_id = r.id)",
            "r.change_date",
            q,
            set,
            false)
        + countOf(
            "SELECT COUNT(*) FROM change_log c"
                + " LEFT JOIN harvested_record h ON h.record_id = c.record_id WHERE"
                + " NOT EXISTS (SELECT 1 FROM change_log n WHERE n.record_id = c.record_id"
                + " AND n.seq > c.seq)",
            "c.committed_at",
            q,
            set,
            true);
  }

  private long countOf(
      String select, String dateColumn, ListQuery q, SetFilter set, boolean tombstones) {
    StringBuilder sql = new StringBuilder(select);
    List<Object> params = new ArrayList<>();
    dates(sql, params, dateColumn, q);
    setFilter(sql, params, set, tombstones);
    return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
  }

  /**
   * The set condition; in the change log ({@code tombstones}) a DELETE whose origin is unknown is
   * in every harvester's set.
   */
  private static void setFilter(
      StringBuilder sql, List<Object> params, SetFilter set, boolean tombstones) {
    if (set.harvesterId != null) {
      sql.append(
          tombstones
              ? " AND (h.harvester_id = ? OR (c.operation = 'DELETE' AND h.harvester_id IS NULL))"
              : " AND h.harvester_id = ?");
      params.add(set.harvesterId);
    } else if (set.local) {
      sql.append(" AND h.harvester_id IS NULL");
    }
  }

  private static void dates(StringBuilder sql, List<Object> params, String column, ListQuery q) {
    if (q.from() != null) {
      sql.append(" AND ").append(column).append(" >= ?");
      params.add(Timestamp.from(q.from()));
    }
    if (q.until() != null) {
      sql.append(" AND ").append(column).append(" < ?");
      params.add(Timestamp.from(q.until()));
    }
  }

  /** The row of one record, live or deleted, as a listing would show it now. */
  Optional<Row> row(String recordId) {
    Optional<Row> logged =
        jdbc.sql(
                "SELECT c.seq, c.record_id, c.operation, c.committed_at, h.harvester_id"
                    + " FROM change_log c LEFT JOIN harvested_record h ON h.record_id = c.record_id"
                    + " WHERE c.record_id = ? ORDER BY c.seq DESC LIMIT 1")
            .param(recordId)
            .query(
                (rs, i) ->
                    new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        "DELETE".equals(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
            .optional();
    if (logged.isPresent()) {
      return logged;
    }
    return jdbc.sql(
            "SELECT r.id, r.change_date, h.harvester_id FROM metadata_record r"
                + " LEFT JOIN harvested_record h ON h.record_id = r.id WHERE r.id = ?")
        .param(recordId)
        .query(
            (rs, i) ->
                new Row(0, rs.getString(1), false, rs.getTimestamp(2).toInstant(), rs.getString(3)))
        .optional();
  }

  /** The harvesters, id → name, by name: one set each. */
  List<String[]> harvesters() {
    return jdbc.sql("SELECT id, name FROM harvester ORDER BY name, id")
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
        .list();
  }

  /** The oldest datestamp any item can have, or null when the catalog has never held one. */
  Instant earliestDatestamp() {
    Timestamp logged =
        jdbc.sql(
                "SELECT committed_at FROM change_log"
                    + " WHERE seq = (SELECT MIN(seq) FROM change_log)")
            .query(Timestamp.class)
            .optional()
            .orElse(null);
    Timestamp live =
        jdbc.sql("SELECT MIN(change_date) FROM metadata_record")
            .query(Timestamp.class)
            .optional()
            .orElse(null);
    Instant earliest = null;
    for (Timestamp t : new Timestamp[] {logged, live}) {
      if (t != null && (earliest == null || t.toInstant().isBefore(earliest))) {
        earliest = t.toInstant();
      }
    }
    return earliest;
  }

  /** A set argument as a filter; null when no item can be in that set. */
  private record SetFilter(boolean local, String harvesterId) {
    static SetFilter of(String set) {
      if (set == null) {
        return new SetFilter(false, null);
      }
      if (set.equals(LOCAL_SET)) {
        return new SetFilter(true, null);
      }
      if (set.startsWith(HARVESTER_SET) && set.length() > HARVESTER_SET.length()) {
        return new SetFilter(false, set.substring(HARVESTER_SET.length()));
      }
      return null;
    }
  }
}
