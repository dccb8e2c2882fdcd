package org.spatialcatalog.node.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.cluster.TestCluster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The harvest API as the multi-node tests use it. */
final class Harvests {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final TestCluster cluster;

  Harvests(TestCluster cluster) {
    this.cluster = cluster;
  }

  /** A client of the first node that is running. */
  CatalogClient live() {
    for (int n = 1; n <= cluster.size(); n++) {
      if (cluster.node(n).isAlive()) {
        return cluster.client(n);
      }
    }
    throw new IllegalStateException("no node is running");
  }

  /** Creates a harvester through a running node and returns its id. */
  String create(String name, String type, String url, Map<String, Object> extra) throws Exception {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("name", name);
    body.put("type", type);
    body.put("url", url);
    body.putAll(extra);
    CatalogClient.Response r = live().postJson("/api/harvesters", JSON.writeValueAsString(body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  /** Runs a harvester through {@code node} and returns the job id. */
  String run(int node, String harvesterId) throws Exception {
    CatalogClient.Response r =
        cluster.client(node).post("/api/harvesters/" + harvesterId + "/run", "");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().path("jobId").asString();
  }

  JsonNode job(String jobId) throws Exception {
    return live().json("/api/harvest-jobs/" + jobId);
  }

  JsonNode awaitState(String jobId, String state, Duration within) throws Exception {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(job(jobId).path("state").asString())
                    .as(() -> describe(jobId))
                    .isEqualTo(state));
    return job(jobId);
  }

  String describe(String jobId) {
    try {
      return job(jobId).toString()
          + "\nevents: "
          + live().json("/api/harvest-jobs/" + jobId + "/events");
    } catch (Exception e) {
      return e.toString();
    }
  }

  long searchTotal(int node, String query) throws Exception {
    return cluster.client(node).json("/api/search?q=" + query).path("total").asLong();
  }

  /** Awaits until every running node finds exactly {@code n} records for {@code query}. */
  void awaitSearchable(String query, long n) {
    for (int node = 1; node <= cluster.size(); node++) {
      if (!cluster.node(node).isAlive()) {
        continue;
      }
      int k = node;
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(searchTotal(k, query)).as("node " + k + " q=" + query).isEqualTo(n));
    }
  }

  long sql(String query, Object... params) throws Exception {
    try (Connection c = cluster.jdbc();
        PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Records stored with titles starting with {@code marker}: each source record exactly once. */
  long storedRecords(String marker) throws Exception {
    return sql("SELECT COUNT(*) FROM metadata_record WHERE title LIKE ?", marker + " record %");
  }

  long runningJobs() throws Exception {
    return sql("SELECT COUNT(*) FROM harvest_job WHERE state = 'RUNNING'");
  }
}
