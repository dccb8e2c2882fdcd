package org.spatialcatalog.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.cli.LocalCluster;
import org.spatialcatalog.node.client.CatalogClient;

/**
 * One node whose database goes away: requests that need it answer 503 {@code
 * application/problem+json}, from a controller and from the login check alike.
 */
class DatabaseOutageIT {

  @TempDir Path dir;

  @Test
  void anUnreachableDatabaseAnswersServiceUnavailableAsAProblem() throws Exception {
    int dbPort;
    try (ServerSocket a = new ServerSocket(0)) {
      dbPort = a.getLocalPort();
    }
    Server h2 =
        Server.createTcpServer(
                "-tcpPort",
                String.valueOf(dbPort),
                "-baseDir",
                dir.resolve("db").toString(),
                "-ifNotExists")
            .start();
    Path jar = Path.of(System.getProperty("catalog.jar", "target/catalog.jar"));
    LocalCluster.Options options =
        new LocalCluster.Options(
            dir,
            jar,
            1,
            LocalCluster.ANY_FREE_PORTS,
            "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/catalog",
            "sa",
            "",
            null,
            "outage-admin",
            List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
            List.of("--spring.datasource.hikari.connection-timeout=2000"));
    try (LocalCluster node = LocalCluster.start(options, Duration.ofMinutes(3))) {
      CatalogClient admin = node.client(1);
      String id =
          admin
              .post(
                  "/api/records",
                  org.spatialcatalog.node.record.SampleRecords.iso19139(
                      null, "Outage", "", List.of(), null, null))
              .json()
              .path("id")
              .asString();
      h2.stop();
      CatalogClient guest = new CatalogClient(node.node(1).baseUrl(), "");
      for (CatalogClient.Response r :
          List.of(guest.getPublic("/api/records/" + id), admin.get("/api/records/" + id))) {
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
            .contains("application/problem+json");
        assertThat(r.json().path("detail").asString()).contains("database");
      }
    } finally {
      h2.stop();
    }
  }
}
