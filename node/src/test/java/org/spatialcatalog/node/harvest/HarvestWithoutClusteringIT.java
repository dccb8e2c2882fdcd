package org.spatialcatalog.node.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.cli.LocalCluster;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node without a broker runs its queued jobs itself, in priority order, one harvester at once.
 */
class HarvestWithoutClusteringIT {

  @TempDir static Path dir;
  static LocalCluster node;
  static CatalogClient client;

  @BeforeAll
  static void start() throws Exception {
    LocalCluster.Options options =
        new LocalCluster.Options(
            dir,
            Path.of(System.getProperty("catalog.jar", "target/catalog.jar")),
            1,
            LocalCluster.ANY_FREE_PORTS,
            "jdbc:h2:file:" + dir.resolve("db/catalog"),
            "sa",
            "",
            null,
            "local-admin",
            List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
            List.of(
                "--catalog.harvest.page-size=10",
                "--catalog.harvest.folder-roots=" + dir.resolve("harvest-folders")));
    node = LocalCluster.start(options, Duration.ofMinutes(3));
    client = node.client(1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void queuedJobsRunLocallyAndASecondRunSkipsEverything() throws Exception {
    String m = HarvestClusterIT.marker("loc");
    Path folder = Files.createDirectories(dir.resolve("harvest-folders").resolve(m));
    try (StubSource source = new StubSource().withRecords(m, 25)) {
      for (StubSource.Rec r : source.records) {
        Files.writeString(folder.resolve(r.uuid() + ".xml"), source.iso(r));
      }
    }
    assertThat(client.json("/api/node").path("jms").asString()).isEqualTo("off");
    CatalogClient.Response created =
        client.postJson(
            "/api/harvesters",
            JsonMapper.builder()
                .build()
                .writeValueAsString(
                    java.util.Map.of(
                        "name", m, "type", "folder", "url", folder.toAbsolutePath().toString())));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String h = created.json().path("id").asString();

    JsonNode first = awaitEnd(run(h));
    assertThat(first.path("state").asString()).isEqualTo("SUCCEEDED");
    assertThat(first.path("counts").path("processed").asLong()).isEqualTo(25);
    // A harvest does not wait for its records to be searchable; the index follows within moments.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(client.json("/api/search?q=" + m).path("total").asLong()).isEqualTo(25));

    JsonNode second = awaitEnd(run(h));
    assertThat(second.path("counts").path("skipped").asLong()).isEqualTo(25);
  }

  private String run(String harvester) throws Exception {
    CatalogClient.Response r = client.post("/api/harvesters/" + harvester + "/run", "");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().path("jobId").asString();
  }

  private JsonNode awaitEnd(String job) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> client.json("/api/harvest-jobs/" + job),
            j -> !j.path("state").asString().matches("QUEUED|RUNNING"));
  }
}
