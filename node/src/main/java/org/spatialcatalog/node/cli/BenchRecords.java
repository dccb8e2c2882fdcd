package org.spatialcatalog.node.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.spatialcatalog.config.RecordId;
import org.spatialcatalog.node.cli.BenchLoad.Doc;
import org.spatialcatalog.node.record.RecordProperties;
import org.spatialcatalog.node.record.StoredProperties;

/**
 * Loads many records straight into the shared database, each with its change-log entry and its
 * stored built-in properties ({@link StoredProperties}), the way a harvest batch commits them: used
 * to give a node hundreds of thousands of records in minutes rather than the hours the HTTP API
 * would take on a small machine. The nodes then index them by following the change log, as they
 * would any harvested batch. Access (owner, group, operations) is copied from {@code template}, a
 * record written through the API.
 */
final class BenchRecords {

  private static final int BATCH = 500;

  private BenchRecords() {}

  /** Inserts {@code count} generated records (seed {@code seed}); returns the change-log head. */
  static long load(BenchDatabase db, int count, long seed, PrintStream out) throws SQLException {
    long started = System.nanoTime();
    long head = 0;
    try (Connection c = db.connect()) {
      Object[] access = access(c);
      c.setAutoCommit(false);
      long lastPrint = started;
      for (int from = 0; from < count; from += BATCH) {
        int n = Math.min(BATCH, count - from);
        List<Doc> docs = BenchLoad.generate(n, seed * 1_000_000L + from);
        head = insert(c, docs, access);
        c.commit();
        if (System.nanoTime() - lastPrint > 10_000_000_000L) {
          lastPrint = System.nanoTime();
          out.printf("  ... %d of %d records loaded%n", from + n, count);
        }
      }
    }
    out.printf(
        "loaded %d records into the database in %.1f s (JDBC, %d per transaction)%n",
        count, (System.nanoTime() - started) / 1e9, BATCH);
    return head;
  }

  /** How many records the database holds. */
  static long count(BenchDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM metadata_record")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Owner, group and operations of any record written through the API; nulls if none. */
  private static Object[] access(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT owner_id, group_owner, operations FROM metadata_record"
                    + " ORDER BY created_at LIMIT 1")) {
      return rs.next()
          ? new Object[] {rs.getObject(1), rs.getObject(2), rs.getObject(3)}
          : new Object[] {null, null, null};
    }
  }

  private static long insert(Connection c, List<Doc> docs, Object[] access) throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    String[] ids = new String[docs.size()];
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO metadata_record (id, uuid, schema_id, title, abstract_text, keywords,"
                + " west, south, east, north, date_stamp, version, created_at, change_date,"
                + " owner_id, group_owner, operations, xml_doc, properties, properties_version)"
                + " VALUES (?, ?, 'iso19139', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 1)")) {
      for (int i = 0; i < docs.size(); i++) {
        Doc d = docs.get(i);
        ids[i] = RecordId.newId();
        int p = 1;
        ps.setString(p++, ids[i]);
        ps.setString(p++, d.uuid());
        ps.setString(p++, d.title());
        ps.setString(p++, d.abstractText());
        ps.setString(p++, String.join("\n", d.keywords()));
        ps.setDouble(p++, d.bbox().west());
        ps.setDouble(p++, d.bbox().south());
        ps.setDouble(p++, d.bbox().east());
        ps.setDouble(p++, d.bbox().north());
        ps.setTimestamp(p++, Timestamp.from(d.stamp()));
        ps.setTimestamp(p++, now);
        ps.setTimestamp(p++, now);
        ps.setObject(p++, access[0]);
        ps.setObject(p++, access[1]);
        ps.setObject(p++, access[2]);
        ps.setString(p++, d.xml());
        ps.setString(p, StoredProperties.encode(RecordProperties.of("iso19139", d.xml())));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    long last;
    try (PreparedStatement up =
        c.prepareStatement("UPDATE change_log_counter SET last_seq = last_seq + ? WHERE id = 1")) {
      up.setInt(1, docs.size());
      up.executeUpdate();
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT last_seq FROM change_log_counter WHERE id = 1")) {
      rs.next();
      last = rs.getLong(1);
    }
    try (PreparedStatement log =
        c.prepareStatement(
            "INSERT INTO change_log (seq, record_id, operation, record_version, committed_at)"
                + " VALUES (?, ?, 'CREATE', 1, ?)")) {
      long seq = last - docs.size() + 1;
      for (String id : ids) {
        log.setLong(1, seq++);
        log.setString(2, id);
        log.setTimestamp(3, now);
        log.addBatch();
      }
      log.executeBatch();
    }
    return last;
  }
}
