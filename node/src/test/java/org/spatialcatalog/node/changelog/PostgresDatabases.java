package org.spatialcatalog.node.changelog;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * One embedded PostgreSQL server (binaries from Maven Central) for a test class whose cases each
 * want a fresh database migrated with the PostgreSQL migrations, as a node would migrate it.
 * Register it as a static {@code @RegisterExtension} field: it starts before the class's first case
 * and stops, with its data removed, after the last.
 */
public final class PostgresDatabases implements BeforeAllCallback, AfterAllCallback {

  private final String prefix;
  private final AtomicInteger created = new AtomicInteger();
  private Path dir;
  private EmbeddedPostgres postgres;

  /** Databases are named {@code prefix_N}. */
  public PostgresDatabases(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("pg-" + prefix);
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true)
            .start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } finally {
      FileSystemUtils.deleteRecursively(dir);
    }
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
}
