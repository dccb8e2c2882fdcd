package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 on three real nodes, a real broker behind a black-holing TCP proxy and an H2 server: the
 * cases of {@link SyncHardeningCases} (poison record, pruned log, copied node directory,
 * decommission), and a silent broker that never blocks anyone and shows as disconnected. Every test
 * ends with {@code verify} = 0/0/0 on every node.
 */
class SyncHardeningClusterIT extends SyncHardeningCases {

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.onH2BehindProxy(dir, 3, SYNC_ARGS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(2)
  void blackHoledBrokerBlocksNoWriteShowsAsDisconnectedAndNodesStayReachable() throws Exception {
    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(client.json("/api/node").path("jms").asString())
                      .isEqualTo("connected"));
    }
    cluster.brokerProxy().blackHole(true);
    try {
      for (int n = 1; n <= 3; n++) {
        CatalogClient client = cluster.client(n);
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(client.json("/api/node").path("jms").asString())
                        .isEqualTo("disconnected"));
      }
      for (int i = 0; i < 6; i++) {
        create(1 + i % 3, "Silent lagoon " + i);
      }
      awaitSearchable("silent", 6);

      JsonNode status = cluster.client(1).json("/api/admin/cluster");
      assertThat(status.path("nodes")).hasSize(3);
      for (JsonNode node : status.path("nodes")) {
        assertThat(node.path("reachable").asBoolean()).as(node.toString()).isTrue();
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(metric(cluster.client(1), "catalog_jms_notifications_dropped_total"))
                      .isPositive());
      assertThat(metric(cluster.client(1), "catalog_jms_connected")).isZero();
    } finally {
      cluster.brokerProxy().blackHole(false);
    }
    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(client.json("/api/node").path("jms").asString())
                      .isEqualTo("connected"));
    }
    create(2, "Returning heron");
    awaitSearchable("heron", 1);
    cluster.awaitEveryIndexEqualsTheDatabase();
  }
}
