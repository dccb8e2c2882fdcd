package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * The same cluster on PostgreSQL (embedded binaries from Maven Central), same migrations: records
 * sync between the three nodes, and the database cases of issue 10 ({@link SyncHardeningCases}:
 * poison record, pruned log, copied node directory, decommission) run on this one cluster, so
 * PostgreSQL costs one cluster start, not two.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresClusterIT extends SyncHardeningCases {

  static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true)
            .start();
    cluster =
        TestCluster.onDatabase(
            dir, 3, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", SYNC_ARGS);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  // First: the cases of SyncHardeningCases stop node 3 for good.
  @Test
  @Order(0)
  void recordsWrittenOnOneNodeAreSearchableUpdatedAndGoneOnTheOthers() throws Exception {
    String uuid = UUID.randomUUID().toString();
    CatalogClient.Response created =
        cluster
            .client(1)
            .post("/api/records", RecordSyncClusterIT.iso(uuid, "Postgresian fjords", "Fjords"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asString();
    for (int n = 2; n <= 3; n++) {
      CatalogClient c = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(RecordSyncClusterIT.total(c, "postgresian")).isEqualTo(1));
    }
    assertThat(
            cluster
                .client(2)
                .put(
                    "/api/records/" + id,
                    RecordSyncClusterIT.iso(uuid, "Postgresian lagoons", "Lagoons"))
                .status())
        .isEqualTo(200);
    for (int n : new int[] {1, 3}) {
      CatalogClient c = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(RecordSyncClusterIT.total(c, "lagoons")).isEqualTo(1);
                assertThat(RecordSyncClusterIT.total(c, "fjords")).isZero();
              });
      JsonNode facets = c.json("/api/search?q=postgresian").path("facets").path("keywords");
      assertThat(facets.get(0).path("value").asString()).isEqualTo("lagoons");
    }
    assertThat(cluster.client(3).delete("/api/records/" + uuid).status()).isEqualTo(204);
    for (int n = 1; n <= 3; n++) {
      CatalogClient c = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(RecordSyncClusterIT.total(c, "postgresian")).isZero());
      JsonNode node = c.json("/api/node");
      assertThat(node.path("siteId").asString()).isNotEqualTo("CHANGEME");
      assertThat(c.json("/api/admin/index/verify").path("missing").asInt()).isZero();
    }
  }
}
