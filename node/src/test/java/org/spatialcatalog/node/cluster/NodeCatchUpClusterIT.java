package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * Nodes that were away (one stopped gracefully, one killed with SIGKILL) while 500 records were
 * written come back with all of them, at the right versions.
 */
class NodeCatchUpClusterIT {

  @TempDir static Path dir;
  static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.onH2(dir, 3);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void stoppedAndKilledNodesCatchUpOnEveryRecordWrittenWhileTheyWereAway() throws Exception {
    String marker = "catchup" + Long.toHexString(System.nanoTime());
    cluster.node(2).stop(Duration.ofSeconds(30));
    cluster.node(3).kill();

    CatalogClient writer = cluster.client(1);
    Map<String, Long> versions = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      String uuid = UUID.randomUUID().toString();
      CatalogClient.Response r =
          writer.post(
              "/api/records", RecordSyncClusterIT.iso(uuid, marker + " record " + i, "CatchUp"));
      assertThat(r.status()).isEqualTo(201);
      String id = r.json().path("id").asString();
      versions.put(id, 1L);
      if (i % 5 == 0) {
        assertThat(
                writer
                    .put(
                        "/api/records/" + id,
                        RecordSyncClusterIT.iso(
                            uuid, marker + " record " + i + " revised", "CatchUp"))
                    .status())
            .isEqualTo(200);
        versions.put(id, 2L);
      }
    }

    cluster.restart(2);
    cluster.restart(3);

    for (int n = 2; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          client.json("/api/search?q=" + marker + "&size=0").path("total").asLong())
                      .isEqualTo(500));
      JsonNode report = client.json("/api/admin/index/verify");
      assertThat(report.path("missing").asInt()).isZero();
      assertThat(report.path("stale").asInt()).isZero();
      assertThat(report.path("extra").asInt()).isZero();
      JsonNode revised = client.json("/api/search?q=" + marker + "+revised&size=1000").path("hits");
      assertThat(revised.size()).isEqualTo(100);
      for (JsonNode hit : revised) {
        assertThat(hit.path("version").asLong()).isEqualTo(versions.get(hit.path("id").asString()));
      }
    }
  }
}
