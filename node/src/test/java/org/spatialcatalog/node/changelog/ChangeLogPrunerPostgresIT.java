package org.spatialcatalog.node.changelog;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every case of {@link ChangeLogPrunerTest} against a real PostgreSQL (embedded binaries from Maven
 * Central) migrated with the PostgreSQL migrations: the batch DELETE with its sub-select, {@code
 * LIMIT} and the tombstone condition is the SQL that differs most between the two databases. Each
 * case gets a fresh database.
 */
class ChangeLogPrunerPostgresIT extends ChangeLogPrunerTest {

  @RegisterExtension static final PostgresDatabases postgres = new PostgresDatabases("pruner");

  @Override
  ChangeLogDatabase database() throws Exception {
    return postgres.fresh();
  }
}
