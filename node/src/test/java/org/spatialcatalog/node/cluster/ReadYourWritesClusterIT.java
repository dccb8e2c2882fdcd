package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11: a 201 means the record is searchable on the node that took it, and that is true. Two
 * real nodes with a JDWP agent, so the test can suspend node 1's {@code index-sync} thread through
 * the JDK debugger interface ({@link NodeThreads}) without any hook in the node's code.
 */
class ReadYourWritesClusterIT {

  @TempDir static Path dir;
  static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster =
        TestCluster.onH2BehindProxy(
            dir, 2, List.of(NodeThreads.AGENT), "--catalog.sync.write-visibility-wait=2s");
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void writeOnANodeWhoseIndexStallsAnswers503NamingTheStoredRecordAndLosesNothing()
      throws Exception {
    String uuid = UUID.randomUUID().toString();
    try (NodeThreads node1 = NodeThreads.attach(cluster.node(1).logFile())) {
      node1.suspend("index-sync");
      CatalogClient.Response r =
          cluster
              .client(1)
              .post("/api/records", RecordSyncClusterIT.iso(uuid, "Stalled estuary", "stall"));
      assertThat(r.status()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      JsonNode problem = r.json();
      String id = problem.path("recordId").asString();
      assertThat(problem.path("title").asString()).isEqualTo("Stored but not yet searchable");
      assertThat(problem.path("version").asLong()).isEqualTo(1);
      assertThat(problem.path("stored").asBoolean()).isTrue();
      assertThat(problem.path("detail").asString()).contains(id).contains("version 1");
      // Stored: node 1 serves it from the database, node 2 indexes it meanwhile.
      assertThat(cluster.client(1).get("/api/records/" + id).status()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () ->
                  assertThat(cluster.client(2).json("/api/search?q=estuary").path("total").asLong())
                      .isEqualTo(1));
      assertThat(cluster.client(1).json("/api/search?q=estuary").path("total").asLong())
          .as("node 1's index is stalled")
          .isZero();
      node1.resume("index-sync");
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () ->
                assertThat(cluster.client(1).json("/api/search?q=estuary").path("total").asLong())
                    .isEqualTo(1));
    // With the index moving again, a write answers 201 and is searchable at once on node 1.
    CatalogClient.Response ok =
        cluster
            .client(1)
            .post(
                "/api/records",
                RecordSyncClusterIT.iso(UUID.randomUUID().toString(), "Flowing estuary", "flow"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(cluster.client(1).json("/api/search?q=flowing").path("total").asLong()).isEqualTo(1);
    cluster.awaitEveryIndexEqualsTheDatabase();
  }
}
