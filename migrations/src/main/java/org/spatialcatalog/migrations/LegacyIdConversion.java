package org.spatialcatalog.migrations;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the integer record ids of a database that started as a single-node catalog into {@code
 * varchar(36)}, in place, keeping every value ({@code 1234} becomes {@code '1234'}).
 *
 * <p>It converts {@code metadata_record.id}, every column with a foreign key to it and {@code
 * change_log.record_id} (which has no foreign key because the log outlives deleted records), and
 * only those that it finds with an integer type: on a database created by {@code V1} every id is
 * already {@code varchar(36)} and nothing changes. Foreign keys are dropped, the columns converted,
 * and the keys recreated with the same name and delete rule; on PostgreSQL this runs in the
 * caller's transaction, H2 commits each DDL statement itself.
 *
 * <p>Java rather than SQL, because whether and which columns need converting is only known by
 * looking at the database. Run by {@code V4_0__Legacy_integer_ids} and, so that migrations numbered
 * between the baseline and 4.0 already see text ids, before each migration by the node's Flyway
 * callback.
 */
public final class LegacyIdConversion {

  private static final String TARGET = "VARCHAR(36)";

  private LegacyIdConversion() {}

  /** Converts what needs converting; returns the {@code table.column} names it converted. */
  public static List<String> convert(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    boolean upper = meta.storesUpperCaseIdentifiers();
    boolean postgres = meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    String schema = connection.getSchema();
    String records = name("metadata_record", upper);
    if (!integer(meta, schema, records, name("id", upper))) {
      return List.of();
    }
    Map<String, ForeignKey> keys = new LinkedHashMap<>();
    try (ResultSet rs = meta.getExportedKeys(null, schema, records)) {
      while (rs.next()) {
        keys.putIfAbsent(
            rs.getString("FK_NAME"),
            new ForeignKey(
                rs.getString("FK_NAME"),
                rs.getString("FKTABLE_NAME"),
                rs.getString("FKCOLUMN_NAME"),
                rs.getShort("DELETE_RULE")));
      }
    }
    List<String[]> columns = new ArrayList<>();
    columns.add(new String[] {records, name("id", upper)});
    for (ForeignKey key : keys.values()) {
      columns.add(new String[] {key.table(), key.column()});
    }
    String changeLog = name("change_log", upper);
    if (integer(meta, schema, changeLog, name("record_id", upper))) {
      columns.add(new String[] {changeLog, name("record_id", upper)});
    }
    List<String> converted = new ArrayList<>();
    try (Statement st = connection.createStatement()) {
      for (ForeignKey key : keys.values()) {
        st.execute("ALTER TABLE " + q(key.table()) + " DROP CONSTRAINT " + q(key.name()));
      }
      for (String[] c : columns) {
        String table = q(c[0]);
        String column = q(c[1]);
        if (postgres) {
          // A serial column's default (nextval) cannot be cast to text, and its sequence is of
          // no use any more: new ids come from the application.
          String sequence = serialSequence(connection, c[0], c[1]);
          st.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP DEFAULT");
          st.execute(
              "ALTER TABLE "
                  + table
                  + " ALTER COLUMN "
                  + column
                  + " TYPE "
                  + TARGET
                  + " USING "
                  + column
                  + "::"
                  + TARGET);
          if (sequence != null) {
            st.execute("DROP SEQUENCE " + sequence);
          }
        } else {
          st.execute(
              "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DATA TYPE " + TARGET);
        }
        converted.add(c[0] + "." + c[1]);
      }
      for (ForeignKey key : keys.values()) {
        st.execute(
            "ALTER TABLE "
                + q(key.table())
                + " ADD CONSTRAINT "
                + q(key.name())
                + " FOREIGN KEY ("
                + q(key.column())
                + ") REFERENCES "
                + q(records)
                + " ("
                + q(name("id", upper))
                + ")"
                + onDelete(key.deleteRule()));
      }
    }
    return converted;
  }

  /** The sequence a PostgreSQL serial column owns, already quoted, or null. */
  private static String serialSequence(Connection connection, String table, String column)
      throws SQLException {
    try (var ps = connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
      ps.setString(1, q(table));
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static boolean integer(DatabaseMetaData meta, String schema, String table, String column)
      throws SQLException {
    try (ResultSet rs = meta.getColumns(null, schema, table, column)) {
      if (!rs.next()) {
        return false;
      }
      int type = rs.getInt("DATA_TYPE");
      return type == Types.INTEGER || type == Types.BIGINT || type == Types.SMALLINT;
    }
  }

  private static String onDelete(short rule) {
    return switch (rule) {
      case DatabaseMetaData.importedKeyCascade -> " ON DELETE CASCADE";
      case DatabaseMetaData.importedKeySetNull -> " ON DELETE SET NULL";
      case DatabaseMetaData.importedKeySetDefault -> " ON DELETE SET DEFAULT";
      default -> "";
    };
  }

  private static String name(String lower, boolean upper) {
    return upper ? lower.toUpperCase(Locale.ROOT) : lower;
  }

  private static String q(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private record ForeignKey(String name, String table, String column, short deleteRule) {}
}
