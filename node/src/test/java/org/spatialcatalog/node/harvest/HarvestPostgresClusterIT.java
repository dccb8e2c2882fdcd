package org.spatialcatalog.node.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.cluster.TestCluster;
import tools.jackson.databind.JsonNode;

/**
 * The harvest engine on PostgreSQL (the production database): claims, fencing, the per-record
 * queue, skipping, removal and the one-active-job rule run the same SQL as on H2.
 */
class HarvestPostgresClusterIT {

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static TestCluster cluster;
  static Harvests api;

  @BeforeAll
  static void start() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true)
            .start();
    cluster =
        TestCluster.onDatabase(
            dir, 2, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    api = new Harvests(cluster);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void harvestsSkipsAndRemovesOnPostgresWithOneJobPerTriggerStorm() throws Exception {
    String m = HarvestClusterIT.marker("pg");
    try (StubSource source = new StubSource().withRecords(m, 250)) {
      source.broken.add(m + "-17");
      source.delayMillis = 100;
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());

      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<CatalogClient.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        CatalogClient client = cluster.client(1 + i % 2);
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return client.post("/api/harvesters/" + h + "/run", "");
                }));
      }
      go.countDown();
      List<String> accepted = new ArrayList<>();
      for (Future<CatalogClient.Response> f : answers) {
        CatalogClient.Response r = f.get();
        assertThat(r.status()).isIn(202, 409);
        if (r.status() == 202) {
          accepted.add(r.json().path("jobId").asString());
        }
      }
      pool.shutdown();
      assertThat(accepted).hasSize(1);

      JsonNode first = api.awaitState(accepted.get(0), "SUCCEEDED", Duration.ofSeconds(120));
      assertThat(first.path("counts").path("processed").asLong()).isEqualTo(249);
      assertThat(first.path("counts").path("failed").asLong()).isEqualTo(1);
      assertThat(api.storedRecords(m)).isEqualTo(249);
      api.awaitSearchable(m, 249);

      source.broken.clear();
      source.records.remove(0);
      JsonNode second = api.awaitState(api.run(2, h), "SUCCEEDED", Duration.ofSeconds(120));
      assertThat(second.path("counts").path("processed").asLong()).isEqualTo(1);
      assertThat(second.path("counts").path("skipped").asLong()).isEqualTo(248);
      assertThat(second.path("counts").path("removed").asLong()).isEqualTo(1);
      assertThat(api.storedRecords(m)).isEqualTo(249);
      assertThat(cluster.client(1).json("/api/harvest-jobs/" + accepted.get(0) + "/events"))
          .extracting(e -> e.path("to").asString())
          .containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
    }
  }
}
