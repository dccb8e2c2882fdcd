package org.spatialcatalog.node.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.cluster.TestCluster;
import tools.jackson.databind.JsonNode;

/**
 * Jobs survive what happens to the nodes and the broker running them: SIGKILL of the node running a
 * job, a graceful stop of it, a broker restart that loses the broker's store, and the whole cluster
 * killed and restarted. In every case each source record ends up stored exactly once, the counts
 * add up, and no job stays RUNNING.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HarvestRecoveryClusterIT {

  @TempDir static Path dir;
  static TestCluster cluster;
  static Harvests api;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.onH2(dir, 3, HarvestClusterIT.SETTINGS);
    api = new Harvests(cluster);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The number (1..3) of the node whose node id is {@code nodeId}. */
  static int nodeNumber(String nodeId) throws Exception {
    for (int n = 1; n <= cluster.size(); n++) {
      if (cluster.node(n).isAlive()
          && cluster.client(n).json("/api/node").path("nodeId").asString().equals(nodeId)) {
        return n;
      }
    }
    throw new AssertionError("no live node with id " + nodeId);
  }

  static int firstLive() {
    for (int n = 1; n <= cluster.size(); n++) {
      if (cluster.node(n).isAlive()) {
        return n;
      }
    }
    throw new IllegalStateException("no node is running");
  }

  /** Starts a slow 300-record OAI-PMH harvest and waits until it is a good way in. */
  private String startSlowHarvest(StubSource source, String m) throws Exception {
    source.delayMillis = 400;
    String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
    String job = api.run(firstLive(), h);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> api.job(job).path("counts").path("processed").asLong() >= 60);
    return job;
  }

  private void assertCompleteAndExact(String job, String m, int n) throws Exception {
    JsonNode done = api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(120));
    JsonNode counts = done.path("counts");
    assertThat(counts.path("processed").asLong() + counts.path("skipped").asLong())
        .as(api.describe(job))
        .isEqualTo(n);
    assertThat(counts.path("failed").asLong()).isZero();
    assertThat(counts.path("todo").asLong()).isZero();
    assertThat(counts.path("processing").asLong()).isZero();
    // Imports are keyed on the source: nothing was imported twice.
    assertThat(counts.path("processed").asLong()).isEqualTo(n);
    assertThat(api.storedRecords(m)).isEqualTo(n);
    assertThat(api.sql("SELECT COUNT(*) FROM metadata_record WHERE title LIKE ?", m + " record %"))
        .isEqualTo(
            api.sql(
                "SELECT COUNT(DISTINCT uuid) FROM metadata_record" + " WHERE title LIKE ?",
                m + " record %"));
    api.awaitSearchable(m, n);
  }

  @Test
  @Order(1)
  void whenTheNodeRunningAJobIsKilledAnotherNodeResumesItWhereItStopped() throws Exception {
    String m = HarvestClusterIT.marker("kill");
    int victim = 0;
    try (StubSource source = new StubSource().withRecords(m, 300)) {
      String job = startSlowHarvest(source, m);
      JsonNode before = api.job(job);
      String victimId = before.path("node").asString();
      victim = nodeNumber(victimId);
      cluster.node(victim).kill();
      Instant killed = Instant.now();
      source.requests.clear();

      assertCompleteAndExact(job, m, 300);
      JsonNode after = api.job(job);
      assertThat(after.path("node").asString()).isNotEqualTo(victimId);
      assertThat(after.path("attempt").asInt()).isGreaterThanOrEqualTo(2);
      JsonNode events =
          cluster.client(victim == 1 ? 2 : 1).json("/api/harvest-jobs/" + job + "/events");
      assertThat(events)
          .anySatisfy(
              e ->
                  assertThat(e.path("reason").asString())
                      .contains("lease of node " + victimId + " expired"));
      // The new node did not start over: the first page was not asked for again.
      assertThat(source.requests)
          .noneSatisfy(
              r ->
                  assertThat(r.query())
                      .containsEntry("verb", "ListRecords")
                      .containsKey("metadataPrefix"));
      assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(120));
    } finally {
      if (victim > 0) {
        cluster.restart(victim);
      }
    }
  }

  @Test
  @Order(2)
  void aNodeStoppedGracefullyHandsItsJobBackAtOnce() throws Exception {
    String m = HarvestClusterIT.marker("stop");
    int leaver = 0;
    try (StubSource source = new StubSource().withRecords(m, 300)) {
      String job = startSlowHarvest(source, m);
      String leaverId = api.job(job).path("node").asString();
      leaver = nodeNumber(leaverId);
      cluster.node(leaver).stop(Duration.ofSeconds(30));
      int other = leaver == 1 ? 2 : 1;
      JsonNode events = cluster.client(other).json("/api/harvest-jobs/" + job + "/events");
      assertThat(events)
          .anySatisfy(e -> assertThat(e.path("reason").asString()).contains("handed back"));
      // Resumed elsewhere without waiting for the 6 s lease to expire.
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                JsonNode now = cluster.client(other).json("/api/harvest-jobs/" + job);
                assertThat(now.path("node").asString()).isNotEqualTo(leaverId);
                assertThat(now.path("state").asString()).isIn("RUNNING", "SUCCEEDED");
              });
      assertCompleteAndExact(job, m, 300);
    } finally {
      if (leaver > 0) {
        cluster.restart(leaver);
      }
    }
  }

  @Test
  @Order(3)
  void aBrokerRestartThatLosesItsStoreLosesNoJob() throws Exception {
    String m = HarvestClusterIT.marker("brk");
    String m2 = HarvestClusterIT.marker("brq");
    try (StubSource source = new StubSource().withRecords(m, 300);
        StubSource second = new StubSource().withRecords(m2, 30)) {
      String running = startSlowHarvest(source, m);
      String h2 = api.create(m2, "oaipmh", second.url("/oai"), Map.of());
      cluster.stopBroker();
      String queued;
      try {
        // Queued while the broker is down: its message cannot be sent now.
        queued = api.run(firstLive(), h2);
        Thread.sleep(2000); // the broker stays down a while; nothing to wait for
      } finally {
        cluster.startBrokerWithEmptyStore();
      }
      assertCompleteAndExact(running, m, 300);
      assertCompleteAndExact(queued, m2, 30);
    }
  }

  @Test
  @Order(4)
  void afterTheWholeClusterWasKilledNoJobStaysRunningAndAllFinish() throws Exception {
    String m1 = HarvestClusterIT.marker("all");
    String m2 = HarvestClusterIT.marker("alm");
    try (StubSource s1 = new StubSource().withRecords(m1, 300);
        StubSource s2 = new StubSource().withRecords(m2, 300)) {
      String j1 = startSlowHarvest(s1, m1);
      String j2 = startSlowHarvest(s2, m2);
      assertThat(api.job(j1).path("state").asString()).isEqualTo("RUNNING");
      for (int n = 1; n <= cluster.size(); n++) {
        cluster.node(n).kill();
      }
      assertThat(api.runningJobs()).isEqualTo(2);
      cluster.restartAll();
      assertCompleteAndExact(j1, m1, 300);
      assertCompleteAndExact(j2, m2, 300);
      assertThat(api.runningJobs()).isZero();
    }
  }
}
