package org.spatialcatalog.node.record;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;
import org.spatialcatalog.node.changelog.PostgresDatabases;

/**
 * Every case of {@link StoredPropertiesTest} on a real PostgreSQL migrated with the PostgreSQL
 * migrations: its own column type for the properties, and {@code IN} lists where H2 reads one id at
 * a time. Each case gets a fresh database.
 */
class StoredPropertiesPostgresIT extends StoredPropertiesTest {

  @RegisterExtension static final PostgresDatabases postgres = new PostgresDatabases("properties");

  @Override
  ChangeLogDatabase database() throws Exception {
    return postgres.fresh();
  }
}
