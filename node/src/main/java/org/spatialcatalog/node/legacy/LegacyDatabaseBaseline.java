package org.spatialcatalog.node.legacy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets Flyway take over a database that a single-node catalog created without Flyway (or with an
 * older tool's history table): when {@code metadata_record} exists but Flyway's history table does
 * not, the database is baselined at version 1.1 (its tables are those of V1 and V1_1) and the later
 * migrations run on it. Its integer ids are converted in place before the first of them ({@link
 * LegacyIdCallback}; {@code V4_0} records the conversion).
 *
 * <p>Any other database is left to Flyway's defaults: an empty one is migrated from V1, one with a
 * history continues from it, and one with unknown tables but no catalog stops Flyway with its usual
 * "non-empty schema" error instead of being baselined blindly.
 */
@Component
class LegacyDatabaseBaseline implements FlywayConfigurationCustomizer {

  static final String BASELINE_VERSION = "1.1";
  private static final Logger log = LoggerFactory.getLogger(LegacyDatabaseBaseline.class);

  @Override
  public void customize(FluentConfiguration configuration) {
    // Always, not only when this node saw a legacy database: another node may have baselined it
    // a moment ago, and whichever node migrates first must convert the ids first.
    List<Callback> callbacks = new ArrayList<>(Arrays.asList(configuration.getCallbacks()));
    callbacks.add(new LegacyIdCallback());
    configuration.callbacks(callbacks.toArray(new Callback[0]));
    DataSource dataSource = configuration.getDataSource();
    if (dataSource == null) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      if (exists(c, "metadata_record") && !exists(c, configuration.getTable())) {
        log.warn(
            "Database has catalog tables but no Flyway history ({}): treating it as a"
                + " single-node catalog, baselining at {} and migrating it in place",
            configuration.getTable(),
            BASELINE_VERSION);
        configuration
            .baselineOnMigrate(true)
            .baselineVersion(BASELINE_VERSION)
            .baselineDescription("legacy single-node catalog");
      }
    } catch (SQLException e) {
      // Flyway itself will report the unreachable database with more context.
      log.debug("could not inspect the database before migrating", e);
    }
  }

  /** Whether the table exists as written (Flyway quotes its names) or as the database folds it. */
  private static boolean exists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String folded =
        meta.storesUpperCaseIdentifiers()
            ? table.toUpperCase(Locale.ROOT)
            : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
    return found(c, meta, table) || found(c, meta, folded);
  }

  private static boolean found(Connection c, DatabaseMetaData meta, String name)
      throws SQLException {
    try (ResultSet rs = meta.getTables(null, c.getSchema(), name, null)) {
      return rs.next();
    }
  }
}
