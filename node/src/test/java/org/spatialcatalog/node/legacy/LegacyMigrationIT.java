package org.spatialcatalog.node.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real migrations, run by Flyway as a node runs them, on a fresh database and on a populated
 * legacy single-node database: both end at the same schema, on H2 and on PostgreSQL, and the legacy
 * ids, foreign keys and values survive.
 */
class LegacyMigrationIT {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true)
            .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE fresh");
      st.execute("CREATE DATABASE legacy");
      st.execute("CREATE DATABASE foreign_tables");
    }
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void legacyH2DatabaseEndsAtTheSchemaOfAFreshOneKeepingIdsAndLinks() throws Exception {
    DataSource fresh = h2("fresh");
    DataSource legacy = h2("legacy");
    migrateLegacyEndsLikeFresh(fresh, legacy, "h2");
  }

  @Test
  void legacyPostgresDatabaseEndsAtTheSchemaOfAFreshOneKeepingIdsAndLinks() throws Exception {
    migrateLegacyEndsLikeFresh(
        postgres.getDatabase("postgres", "fresh"),
        postgres.getDatabase("postgres", "legacy"),
        "postgresql");
  }

  @Test
  void aDatabaseWithOtherTablesButNoCatalogIsNotBaselined() throws Exception {
    DataSource other = postgres.getDatabase("postgres", "foreign_tables");
    try (Connection c = other.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    }
    assertThatThrownBy(() -> flyway(other, "postgresql").load().migrate())
        .hasMessageContaining("non-empty schema");
  }

  private static void migrateLegacyEndsLikeFresh(DataSource fresh, DataSource legacy, String vendor)
      throws Exception {
    flyway(fresh, vendor).load().migrate();
    try (Connection c = legacy.getConnection()) {
      LegacyCatalog.populate(c, vendor);
      try (Statement st = c.createStatement()) {
        // A table of the legacy catalog that links records: its foreign key must follow.
        st.execute(
            "CREATE TABLE record_link (from_id INTEGER NOT NULL, to_id INTEGER NOT NULL,"
                + " CONSTRAINT fk_link_from FOREIGN KEY (from_id) REFERENCES metadata_record (id)"
                + " ON DELETE CASCADE,"
                + " CONSTRAINT fk_link_to FOREIGN KEY (to_id) REFERENCES metadata_record (id))");
        st.execute("INSERT INTO record_link VALUES (1234, 7), (20001, 1234)");
      }
    }

    flyway(legacy, vendor).load().migrate();

    Set<String> freshSchema = schema(fresh, Set.of());
    Set<String> legacySchema = schema(legacy, Set.of("record_link", "schema_version"));
    assertThat(legacySchema).isEqualTo(freshSchema);
    assertThat(freshSchema)
        .contains(
            "metadata_record.id varchar(36) not null pk",
            "change_log.record_id varchar(36) not null");
    try (Connection c = legacy.getConnection();
        Statement st = c.createStatement()) {
      assertThat(strings(st, "SELECT id FROM metadata_record ORDER BY uuid"))
          .containsExactlyInAnyOrder("7", "99", "100", "1234", "20001");
      assertThat(strings(st, "SELECT record_id FROM change_log ORDER BY seq"))
          .containsExactly("7", "99", "100", "1234", "20001");
      assertThat(strings(st, "SELECT from_id || '>' || to_id FROM record_link ORDER BY from_id"))
          .containsExactly("1234>7", "20001>1234");
      assertThat(strings(st, "SELECT uuid FROM metadata_record WHERE id = '1234'"))
          .containsExactly("legacy-record-1234");
      // The foreign keys were recreated, with their delete rules.
      assertThatThrownBy(() -> st.execute("INSERT INTO record_link VALUES ('1234', 'nope')"))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> st.execute("DELETE FROM metadata_record WHERE id = '7'"))
          .isInstanceOf(SQLException.class);
      st.execute("DELETE FROM metadata_record WHERE id = '20001'");
      assertThat(strings(st, "SELECT from_id FROM record_link")).containsExactly("1234");
      // Flyway quotes its lower-case names, so H2 needs them quoted too.
      assertThat(
              strings(
                  st,
                  "SELECT \"version\" || ':' || \"type\" || ':'"
                      + " || LOWER(CAST(\"success\" AS VARCHAR(5))) FROM \"flyway_schema_history\""
                      + " WHERE \"version\" IN ('1.1', '4.0') ORDER BY \"installed_rank\""))
          .containsExactly("1.1:BASELINE:true", "4.0:JDBC:true");
      st.execute("INSERT INTO record_note VALUES ('1234', 'converted before V2_9')");
    }
    // Running again on the migrated database changes nothing.
    assertThat(flyway(legacy, vendor).load().migrate().migrationsExecuted).isZero();
  }

  /**
   * Flyway configured as the node configures it, with the legacy baseline customizer, plus a
   * stand-in for a migration numbered between the baseline and V4_0.
   */
  private static FluentConfiguration flyway(DataSource dataSource, String vendor) {
    FluentConfiguration config =
        Flyway.configure()
            .dataSource(dataSource)
            .locations(
                "classpath:db/migration/common",
                "classpath:db/migration/" + vendor,
                "classpath:legacy/between");
    new LegacyDatabaseBaseline().customize(config);
    return config;
  }

  private static DataSource h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("h2").resolve(name).toAbsolutePath());
    ds.setUser("sa");
    return ds;
  }

  /** Every column as "table.column type not null pk", lower case, except Flyway's tables. */
  private static Set<String> schema(DataSource ds, Set<String> ignored) throws SQLException {
    Set<String> columns = new TreeSet<>();
    try (Connection c = ds.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      Set<String> keys = new TreeSet<>();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, c.getSchema(), null, new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        String t = table.toLowerCase(Locale.ROOT);
        if (t.equals("flyway_schema_history") || ignored.contains(t)) {
          continue;
        }
        try (ResultSet rs = meta.getPrimaryKeys(null, c.getSchema(), table)) {
          while (rs.next()) {
            keys.add(t + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
        try (ResultSet rs = meta.getColumns(null, c.getSchema(), table, null)) {
          while (rs.next()) {
            String column = t + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
            String type =
                rs.getString("TYPE_NAME")
                    .toLowerCase(Locale.ROOT)
                    .replace("character varying", "varchar");
            boolean sized = type.equals("varchar");
            columns.add(
                column
                    + " "
                    + type
                    + (sized ? "(" + rs.getInt("COLUMN_SIZE") + ")" : "")
                    + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " not null" : "")
                    + (keys.contains(column) ? " pk" : "")
                    + (rs.getString("COLUMN_DEF") == null ? "" : " default"));
          }
        }
      }
    }
    return columns;
  }

  private static List<String> strings(Statement st, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
