package org.spatialcatalog.node.changelog;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of {@link ChangeLogPrunerTest} against a real PostgreSQL (embedded binaries from Maven
 * Central) migrated with the PostgreSQL migrations: the batch DELETE with its sub-select, {@code
 * LIMIT} and the tombstone condition is the SQL that differs most between the two databases. Each
 * case gets a fresh database.
 */
class ChangeLogPrunerPostgresIT extends ChangeLogPrunerTest {

  @TempDir static Path pgDir;
  static PostgresDatabases postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = new PostgresDatabases(pgDir, "pruner");
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
