package org.spatialcatalog.node.record;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;
import org.spatialcatalog.node.changelog.PostgresDatabases;

/**
 * Every case of {@link StoredPropertiesTest} on a real PostgreSQL migrated with the PostgreSQL
 * migrations: its own column type for the properties, and {@code IN} lists where H2 reads one id at
 * a time. Each case gets a fresh database.
 */
class StoredPropertiesPostgresIT extends StoredPropertiesTest {

  @TempDir static Path pgDir;
  static PostgresDatabases postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = new PostgresDatabases(pgDir, "properties");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  ChangeLogDatabase database() throws Exception {
    return postgres.fresh();
  }
}
