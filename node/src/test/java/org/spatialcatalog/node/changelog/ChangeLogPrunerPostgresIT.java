package org.spatialcatalog.node.changelog;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Every case of {@link ChangeLogPrunerTest} against a real PostgreSQL (embedded binaries from Maven
 * Central) migrated with the PostgreSQL migrations: the batch DELETE with its sub-select, {@code
 * LIMIT} and the tombstone condition is the SQL that differs most between the two databases. Each
 * case gets a fresh database.
 */
class ChangeLogPrunerPostgresIT extends ChangeLogPrunerTest {

  @TempDir static Path pgDir;
  static EmbeddedPostgres postgres;
  static final AtomicInteger databases = new AtomicInteger();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgDir.resolve("pg"))
            .setCleanDataDirectory(true)
            .start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  ChangeLogDatabase database() throws Exception {
    String name = "pruner_" + databases.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    // One connection for the whole case: a new PostgreSQL backend per statement would make the
    // thousand-odd writes of the batch case take minutes.
    return new ChangeLogDatabase(
        new SingleConnectionDataSource(
            postgres.getDatabase("postgres", name).getConnection(), true),
        "postgresql");
  }
}
