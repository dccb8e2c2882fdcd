package org.spatialcatalog.node.changelog;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * One embedded PostgreSQL server (binaries from Maven Central) for a test class whose cases each
 * want a fresh database migrated with the PostgreSQL migrations, as a node would migrate it.
 */
public final class PostgresDatabases implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final String prefix;
  private final AtomicInteger created = new AtomicInteger();

  /** Starts a server with its data in {@code dir}; databases are named {@code prefix_N}. */
  public PostgresDatabases(Path dir, String prefix) throws java.io.IOException {
    this.prefix = prefix;
    this.postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true)
            .start();
  }

  /**
   * A new migrated database. One connection serves the whole case: a new PostgreSQL backend per
   * statement would make a case of a thousand-odd writes take minutes.
   */
  public ChangeLogDatabase fresh() throws java.sql.SQLException {
    String name = prefix + "_" + created.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return new ChangeLogDatabase(
        new SingleConnectionDataSource(
            postgres.getDatabase("postgres", name).getConnection(), true),
        "postgresql");
  }

  @Override
  public void close() throws java.io.IOException {
    postgres.close();
  }
}
