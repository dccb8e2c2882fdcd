package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * The cases of issue 10 that touch the database, run by {@link SyncHardeningClusterIT} on H2 and by
 * {@link PostgresClusterIT} on PostgreSQL, each on three real nodes and a real broker: a poison
 * record never stops indexing (item 1), a node that was away while the change log was pruned past
 * it rebuilds and catches up (item 2), a copied node directory is refused and a stopped node is
 * decommissioned (item 6). Each case ends with {@code verify} = 0/0/0 on every live node. The
 * {@link Order} values 1, 3, 4 and 5 are taken; a subclass fits its own cases between or before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SyncHardeningCases {

  /** Made by JUnit for the whole class; the subclass starts its cluster in it. */
  @TempDir static Path dir;

  /**
   * Three nodes started by the subclass before any test, with {@link #SYNC_ARGS}; the subclass
   * stops it.
   */
  static TestCluster cluster;

  /**
   * Node options the cases rely on: no minimum age and a pruning run every 2 s, so the log is
   * pruned within the test; a node is live for 10 s after its last heartbeat, so a stopped node
   * stops holding the log back.
   */
  static final String[] SYNC_ARGS = {
    "--catalog.sync.change-log-min-age=0s",
    "--catalog.sync.prune-interval=2s",
    "--catalog.sync.node-liveness=10s"
  };

  static String create(int node, String title, String... keywords) throws Exception {
    CatalogClient.Response r =
        cluster
            .client(node)
            .post(
                "/api/records",
                RecordSyncClusterIT.iso(UUID.randomUUID().toString(), title, keywords));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  static void awaitSearchable(String word, long expected) {
    for (int n = 1; n <= cluster.size(); n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(client.json("/api/search?q=" + word).path("total").asLong())
                      .isEqualTo(expected));
    }
  }

  @Test
  @Order(1)
  void poisonRecordIsRefusedOnWriteAndQuarantinedInTheIndexWithoutStoppingAnyNode()
      throws Exception {
    long before = recordsInDatabase();
    CatalogClient.Response refused =
        cluster
            .client(1)
            .post(
                "/api/records",
                RecordSyncClusterIT.iso(
                    UUID.randomUUID().toString(), "Immense", "x".repeat(40_000)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
    assertThat(refused.json().path("detail").asString())
        .contains("keyword 1 has 40000 characters")
        .contains("the limit is 1000");
    assertThat(recordsInDatabase()).isEqualTo(before);

    // A record that passed the write limits but that Lucene refuses: written to the database
    // directly, as a legacy import or an older node version could have.
    String poison = create(1, "Poisonous marsh", "ok");
    try (Connection db = cluster.jdbc()) {
      db.setAutoCommit(false);
      try (PreparedStatement update =
          db.prepareStatement(
              "UPDATE metadata_record SET keywords = ?, version = version + 1 WHERE id = ?")) {
        update.setString(1, "y".repeat(40_000));
        update.setString(2, poison);
        update.executeUpdate();
      }
      long version = single(db, "SELECT version FROM metadata_record WHERE id = '" + poison + "'");
      db.createStatement()
          .executeUpdate("UPDATE change_log_counter SET last_seq = last_seq + 1 WHERE id = 1");
      long seq = single(db, "SELECT last_seq FROM change_log_counter WHERE id = 1");
      try (PreparedStatement log =
          db.prepareStatement(
              "INSERT INTO change_log (seq, record_id,"
                  + " operation, record_version, committed_at) VALUES (?, ?, 'UPDATE', ?, ?)")) {
        log.setLong(1, seq);
        log.setString(2, poison);
        log.setLong(3, version);
        log.setTimestamp(4, Timestamp.from(Instant.now()));
        log.executeUpdate();
      }
      db.commit();
    }
    // Later writes still become searchable everywhere: the checkpoint moved past the poison.
    create(2, "Unblocked estuary");
    awaitSearchable("unblocked", 1);

    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                JsonNode report = client.json("/api/admin/index/verify");
                assertThat(report.path("quarantinedCount").asLong()).isOne();
                assertThat(report.path("quarantined").get(0).path("id").asString())
                    .isEqualTo(poison);
                assertThat(report.path("quarantined").get(0).path("reason").asString())
                    .contains("immense term");
              });
      JsonNode node = client.json("/api/node");
      assertThat(node.path("quarantined").get(0).path("id").asString()).isEqualTo(poison);
      assertThat(metric(client, "catalog_index_quarantined")).isEqualTo(1.0);
    }
    cluster.awaitEveryIndexEqualsTheDatabase();

    // A later, fixed version leaves quarantine on every node.
    CatalogClient.Response fixed =
        cluster
            .client(3)
            .put(
                "/api/records/" + poison,
                RecordSyncClusterIT.iso(UUID.randomUUID().toString(), "Poisonous marsh", "fixed"));
    assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          client.json("/api/admin/index/verify").path("quarantinedCount").asLong())
                      .isZero());
    }
    cluster.awaitEveryIndexEqualsTheDatabase();
  }

  @Test
  @Order(3)
  void nodeAwayWhileTheLogWasPrunedPastItRebuildsAndCatchesUpBeforeItIsReady() throws Exception {
    cluster.node(3).stop(Duration.ofSeconds(30));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(create(1 + i % 2, "Pruned fjord " + i));
    }
    List<String> deleted = ids.subList(0, 4);
    for (String id : deleted) {
      assertThat(cluster.client(1).delete("/api/records/" + id).status()).isEqualTo(204);
    }
    long head;
    long node3Checkpoint;
    try (Connection db = cluster.jdbc()) {
      head = single(db, "SELECT last_seq FROM change_log_counter WHERE id = 1");
      node3Checkpoint = single(db, "SELECT MIN(index_checkpoint) FROM cluster_node");
    }
    assertThat(node3Checkpoint).isLessThan(head);
    // Nodes 1 and 2 pass the head; node 3's heartbeat ages out; then the log is pruned.
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> {
              try (Connection db = cluster.jdbc()) {
                assertThat(
                        single(
                            db,
                            "SELECT COUNT(*) FROM change_log WHERE seq > "
                                + node3Checkpoint
                                + " AND seq <= "
                                + head
                                + " AND operation <> 'DELETE'"))
                    .isZero();
              }
            });
    try (Connection db = cluster.jdbc()) {
      // The latest DELETE of every record stays as a tombstone.
      for (String id : deleted) {
        assertThat(
                single(
                    db,
                    "SELECT COUNT(*) FROM change_log WHERE operation = 'DELETE'"
                        + " AND record_id = '"
                        + id
                        + "'"))
            .as("tombstone of %s", id)
            .isOne();
      }
    }

    cluster.restart(3);

    CatalogClient three = cluster.client(3);
    CatalogClient.Response readiness = three.getPublic("/actuator/health/readiness");
    assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
    assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
    JsonNode node = three.json("/api/node");
    assertThat(node.path("checkpoint").asLong()).isGreaterThanOrEqualTo(head);
    assertThat(three.json("/api/search?q=fjord").path("total").asLong()).isEqualTo(8);
    String log = Files.readString(cluster.node(3).logFile());
    assertThat(log).contains("rebuilding the index from the database");
    assertThat(log).contains("caught up");
    assertThat(metric(three, "catalog_index_rebuilds_total")).isPositive();
    cluster.awaitEveryIndexEqualsTheDatabase();
  }

  @Test
  @Order(4)
  void copiedNodeDirectoryIsRefusedAtStartAndAStoppedNodeCanBeDecommissioned() throws Exception {
    Path copy = dir.resolve("node-copy");
    Files.createDirectories(copy.resolve("cluster-config"));
    Files.copy(
        cluster.node(2).nodeDir().resolve("cluster-config").resolve("node.properties"),
        copy.resolve("cluster-config").resolve("node.properties"));
    List<String> command = new ArrayList<>();
    for (String arg : cluster.node(2).command()) {
      if (arg.startsWith("--node-dir=")) {
        command.add("--node-dir=" + copy.toAbsolutePath());
      } else if (arg.startsWith("--port=")) {
        command.add("--port=" + TestCluster.freePort());
      } else {
        command.add(arg);
      }
    }
    Path log = dir.resolve("logs").resolve("node-copy.log");
    Process duplicate =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .untilAsserted(
              () ->
                  assertThat(Files.readString(log))
                      .contains("is already used by a live node")
                      .contains("was probably copied"));
    } finally {
      duplicate.destroyForcibly().waitFor();
    }

    String three = cluster.client(3).json("/api/node").path("nodeId").asString();
    CatalogClient.Response alive = cluster.client(1).delete("/api/admin/cluster/nodes/" + three);
    assertThat(alive.status()).as(alive.body()).isEqualTo(409);
    assertThat(alive.json().path("detail").asString()).contains("is alive");

    cluster.node(3).kill();
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              CatalogClient.Response r =
                  cluster.client(1).delete("/api/admin/cluster/nodes/" + three);
              assertThat(r.status()).as(r.body()).isEqualTo(200);
              assertThat(r.json().path("removedSubscriptions").size()).isPositive();
            });
    assertThat(cluster.client(1).delete("/api/admin/cluster/nodes/" + three).status())
        .isEqualTo(404);
    JsonNode status = cluster.client(1).json("/api/admin/cluster");
    for (JsonNode node : status.path("nodes")) {
      assertThat(node.path("nodeId").asString()).isNotEqualTo(three);
    }
  }

  @Test
  @Order(5)
  void theCommandLineDecommissionsAStoppedNodeAndRefusesALiveOneOrABadOption() throws Exception {
    // Node 3 was decommissioned above; it comes back (same directory, same id), then stops.
    cluster.restart(3);
    String three = cluster.client(3).json("/api/node").path("nodeId").asString();

    Decommissioning alive =
        decommission(cluster.node(3), "--node-dir=" + cluster.node(3).nodeDir());
    assertThat(alive.exitCode()).as(alive.toString()).isEqualTo(1);
    assertThat(alive.stderr().strip())
        .as(alive.toString())
        .startsWith("node not decommissioned: node " + three + " is alive")
        .doesNotContain("\n");

    Decommissioning noIdentity =
        decommission(cluster.node(3), "--node-dir=" + dir.resolve("no-such-node"));
    assertThat(noIdentity.exitCode()).as(noIdentity.toString()).isEqualTo(2);
    assertThat(noIdentity.stderr().strip())
        .startsWith("node not decommissioned: --node-dir")
        .contains("holds no node identity")
        .doesNotContain("\n");

    cluster.node(3).stop(Duration.ofSeconds(30));
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Decommissioning removed =
                  decommission(cluster.node(3), "--node-dir=" + cluster.node(3).nodeDir());
              assertThat(removed.exitCode()).as(removed.toString()).isZero();
              assertThat(removed.stdout())
                  .contains("node " + three + " decommissioned")
                  .contains("RE-INDEX");
            });
    try (Connection db = cluster.jdbc();
        PreparedStatement ps =
            db.prepareStatement("SELECT COUNT(*) FROM cluster_node WHERE node_id = ?")) {
      ps.setString(1, three);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
    Decommissioning again = decommission(cluster.node(3), "--node-id=" + three);
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
    assertThat(again.stderr()).contains("no node " + three + " is known");
  }

  record Decommissioning(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code ./catalog node --decommission} as an operator would: the jar, the database and
   * broker options of {@code like}'s command line, and {@code target}.
   */
  static Decommissioning decommission(org.spatialcatalog.node.cli.NodeProcess like, String target)
      throws Exception {
    List<String> command = new ArrayList<>();
    boolean options = false;
    for (String arg : like.command()) {
      if (!options) {
        command.add(arg);
        options = arg.equals("node");
      } else if (arg.startsWith("--db-")
          || arg.startsWith("--broker-url=")
          || arg.startsWith("--cluster-name=")) {
        command.add(arg);
      }
    }
    command.add("--decommission");
    command.add(target);
    Path out = Files.createTempFile(dir, "decommission", ".out");
    Path err = Files.createTempFile(dir, "decommission", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    int code = p.waitFor();
    return new Decommissioning(code, Files.readString(out), Files.readString(err));
  }

  static double metric(CatalogClient client, String name) throws Exception {
    for (String line : client.get("/actuator/prometheus").body().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name);
  }

  static long recordsInDatabase() throws Exception {
    try (Connection db = cluster.jdbc()) {
      return single(db, "SELECT COUNT(*) FROM metadata_record");
    }
  }

  static long single(Connection db, String sql) throws Exception {
    try (ResultSet rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
