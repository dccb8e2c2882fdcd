package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.RecordId;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.record.SampleRecords;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes, a real broker and a real H2 server: records written anywhere are searchable
 * everywhere.
 */
class RecordSyncClusterIT {

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

  static String iso(String uuid, String title, String... keywords) {
    return SampleRecords.iso19139(
        uuid,
        title,
        "Abstract of " + title,
        List.of(keywords),
        new Bbox(2.5, 49.5, 6.4, 51.5),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  static long total(CatalogClient client, String query) throws Exception {
    return client.json("/api/search?q=" + query).path("total").asLong();
  }

  @Test
  void createUpdateAndDeleteOnOneNodeShowOnTheOthers() throws Exception {
    String uuid = UUID.randomUUID().toString();
    CatalogClient.Response created =
        cluster.client(1).post("/api/records", iso(uuid, "Zanzibarian wetlands", "Wetlands"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asString();
    assertThat(id).matches(RecordId.PATTERN);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/records/" + id);
    assertThat(created.json().path("uuid").asString()).isEqualTo(uuid);
    assertThat(created.json().path("version").asLong()).isEqualTo(1);
    // The answer carries its length: one write to the socket, not a chunked body and its end.
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(created.headers().firstValueAsLong("Content-Length"))
        .hasValue(created.body().getBytes(StandardCharsets.UTF_8).length);
    assertThat(created.headers().firstValue("Transfer-Encoding")).isEmpty();

    for (int n = 2; n <= 3; n++) {
      CatalogClient other = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(total(other, "zanzibarian")).isEqualTo(1));
      JsonNode hit = other.json("/api/search?q=zanzibarian").path("hits").get(0);
      assertThat(hit.path("id").asString()).isEqualTo(id);
      assertThat(hit.path("uuid").asString()).isEqualTo(uuid);
    }

    assertThat(
            cluster
                .client(1)
                .put("/api/records/" + uuid, iso(uuid, "Quokkaland wetlands", "Wetlands"))
                .status())
        .isEqualTo(200);
    for (int n = 2; n <= 3; n++) {
      CatalogClient other = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(total(other, "quokkaland")).isEqualTo(1);
                assertThat(total(other, "zanzibarian")).isZero();
              });
      assertThat(
              other.json("/api/search?q=quokkaland").path("hits").get(0).path("version").asLong())
          .isEqualTo(2);
      assertThat(other.json("/api/records/" + id).path("title").asString())
          .isEqualTo("Quokkaland wetlands");
    }

    assertThat(cluster.client(1).delete("/api/records/" + id).status()).isEqualTo(204);
    for (int n = 2; n <= 3; n++) {
      CatalogClient other = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(total(other, "quokkaland")).isZero());
      assertThat(other.get("/api/records/" + id).status()).isEqualTo(404);
    }
  }

  @Test
  void everyNodeReportsTheSameSiteIdAndItsOwnNodeId() throws Exception {
    List<String> sites = new ArrayList<>();
    List<String> nodes = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      JsonNode node = cluster.client(n).json("/api/node");
      sites.add(node.path("siteId").asString());
      nodes.add(node.path("nodeId").asString());
      assertThat(node.path("clustering").asBoolean()).isTrue();
      assertThat(node.path("pid").asLong()).isEqualTo(cluster.node(n).pid());
    }
    assertThat(sites).doesNotContain("CHANGEME").containsOnly(sites.get(0));
    assertThat(nodes).doesNotHaveDuplicates();
  }

  @Test
  void optimizeRunsOnEveryNodeAndSearchesKeepAnswering() throws Exception {
    String uuid = UUID.randomUUID().toString();
    assertThat(cluster.client(2).post("/api/records", iso(uuid, "Optimizable tundra")).status())
        .isEqualTo(201);
    CatalogClient.Response optimize = cluster.client(1).post("/api/admin/index/optimize", "");
    assertThat(optimize.status()).isEqualTo(202);
    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                assertThat(total(client, "optimizable")).isEqualTo(1);
                assertThat(java.nio.file.Files.readString(cluster.node(nodeOf(client)).logFile()))
                    .contains("optimizing the index");
              });
    }
  }

  private static int nodeOf(CatalogClient client) {
    for (int n = 1; n <= 3; n++) {
      if (cluster.node(n).baseUrl().equals(client.baseUrl())) {
        return n;
      }
    }
    throw new IllegalArgumentException(client.baseUrl());
  }

  @Test
  void secondRecordWithTheSameUuidIsRefusedWithConflict() throws Exception {
    String uuid = UUID.randomUUID().toString();
    assertThat(cluster.client(1).post("/api/records", iso(uuid, "First holder")).status())
        .isEqualTo(201);
    CatalogClient.Response again = cluster.client(2).post("/api/records", iso(uuid, "Second"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(again.json().path("detail").asString()).contains(uuid);
  }

  @Test
  void changeWhoseNotificationWasNeverPublishedStillReachesEveryNode() throws Exception {
    // The writer "dies" after commit: the record and its change-log entry are committed
    // directly in the database, and no RE-INDEX message is ever sent.
    String id = RecordId.newId();
    String uuid = UUID.randomUUID().toString();
    try (Connection c = cluster.jdbc()) {
      c.setAutoCommit(false);
      Timestamp now = Timestamp.from(Instant.now());
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO metadata_record (id, uuid, schema_id, title, abstract_text, keywords,"
                  + " version, created_at, change_date, xml_doc) VALUES (?,?,?,?,?,?,1,?,?,?)")) {
        ps.setString(1, id);
        ps.setString(2, uuid);
        ps.setString(3, "iso19139");
        ps.setString(4, "Orphaned notification marshes");
        ps.setString(5, "written without a RE-INDEX message");
        ps.setString(6, "Marsh");
        ps.setTimestamp(7, now);
        ps.setTimestamp(8, now);
        ps.setString(9, iso(uuid, "Orphaned notification marshes", "Marsh"));
        ps.executeUpdate();
      }
      c.createStatement()
          .executeUpdate("UPDATE change_log_counter SET last_seq = last_seq + 1 WHERE id = 1");
      long seq;
      try (ResultSet rs =
          c.createStatement()
              .executeQuery("SELECT last_seq FROM change_log_counter WHERE id = 1")) {
        rs.next();
        seq = rs.getLong(1);
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO change_log (seq, record_id, operation, record_version, committed_at)"
                  + " VALUES (?, ?, 'CREATE', 1, ?)")) {
        ps.setLong(1, seq);
        ps.setString(2, id);
        ps.setTimestamp(3, now);
        ps.executeUpdate();
      }
      c.commit();
    }
    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(total(client, "orphaned")).isEqualTo(1));
    }
  }

  @Test
  void badInputIsRefusedWithAClearErrorAndChangesNothing() throws Exception {
    CatalogClient node = cluster.client(1);
    long headBefore = node.json("/api/node").path("dbChangeLogHead").asLong();

    CatalogClient.Response malformed = node.post("/api/records", "<gmd:MD_Metadata><unclosed>");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("detail").asString()).containsIgnoringCase("well-formed");

    CatalogClient.Response doctype =
        node.post(
            "/api/records",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<r>&x;</r>");
    assertThat(doctype.status()).isEqualTo(400);
    assertThat(doctype.body()).contains("DOCTYPE").doesNotContain("root:");

    CatalogClient.Response unknownRoot =
        node.post("/api/records", "<kml xmlns=\"http://www.opengis.net/kml/2.2\"/>");
    assertThat(unknownRoot.status()).isEqualTo(400);
    assertThat(unknownRoot.json().path("detail").asString()).contains("kml");

    CatalogClient.Response empty = node.post("/api/records", "");
    assertThat(empty.status()).isEqualTo(400);

    String big =
        iso(UUID.randomUUID().toString(), "Huge")
            .replace("Abstract of Huge", "x".repeat(21 * 1024 * 1024));
    CatalogClient.Response tooLarge = node.post("/api/records", big);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().path("detail").asString()).contains("20971520");

    CatalogClient.Response unauthenticated =
        new CatalogClient(cluster.node(1).baseUrl(), "wrong")
            .post("/api/records", iso(UUID.randomUUID().toString(), "No auth"));
    assertThat(unauthenticated.status()).isEqualTo(401);

    CatalogClient.Response badBbox = node.get("/api/search?bbox=1,2,3");
    assertThat(badBbox.status()).isEqualTo(400);
    assertThat(badBbox.json().path("detail").asString()).contains("bbox");

    assertThat(node.json("/api/node").path("dbChangeLogHead").asLong()).isEqualTo(headBefore);
    assertThat(total(node, "Huge")).isZero();
  }

  /**
   * Issue 11: a node indexes its own create, update and delete from the data it has just committed.
   * Each answer is checked on the node that gave it, at once, while writers on every node run.
   */
  @Test
  void ownWritesAreSearchableAtOnceOnTheNodeThatTookThemWhileOthersWrite() throws Exception {
    List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int writer = t;
      CatalogClient client = cluster.client(1 + t % 3);
      work.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 12; i++) {
                  String created = "ownwrite" + writer + "x" + i;
                  String updated = "ownupdate" + writer + "x" + i;
                  String uuid = UUID.randomUUID().toString();
                  CatalogClient.Response r =
                      client.post("/api/records", iso(uuid, "Own " + created, "Own"));
                  if (r.status() != 201) {
                    wrong.add(created + ": POST " + r.status() + " " + r.body());
                    continue;
                  }
                  String id = r.json().path("id").asString();
                  if (total(client, created) != 1) {
                    wrong.add(created + ": not searchable after its 201");
                  }
                  int put = client.put("/api/records/" + id, iso(uuid, "Own " + updated)).status();
                  if (put != 200) {
                    wrong.add(updated + ": PUT " + put);
                  } else if (total(client, updated) != 1 || total(client, created) != 0) {
                    wrong.add(updated + ": the update is not what the index shows after its 200");
                  }
                  if (i % 3 == 0) {
                    int deleted = client.delete("/api/records/" + id).status();
                    if (deleted != 204) {
                      wrong.add(updated + ": DELETE " + deleted);
                    } else if (total(client, updated) != 0) {
                      wrong.add(updated + ": still found after its 204");
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    assertThat(wrong).isEmpty();

    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                JsonNode node = client.json("/api/node");
                assertThat(node.path("checkpoint").asLong())
                    .isEqualTo(node.path("dbChangeLogHead").asLong());
              });
      JsonNode report = client.json("/api/admin/index/verify");
      assertThat(
              List.of(
                  report.path("missing").asInt(),
                  report.path("stale").asInt(),
                  report.path("extra").asInt()))
          .as("missing, stale, extra on node %d", n)
          .containsExactly(0, 0, 0);
      assertThat(total(client, "ownupdate0x1")).as("node %d", n).isOne();
      assertThat(total(client, "ownupdate0x0")).as("deleted, node %d", n).isZero();
    }
  }

  @Test
  void concurrentWritersOnAllNodesLeaveEveryIndexEqualToTheDatabase() throws Exception {
    long seed = System.nanoTime();
    System.out.println("concurrent writers seed " + seed);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      CatalogClient.Response r =
          cluster
              .client(1 + i % 3)
              .post(
                  "/api/records",
                  iso(UUID.randomUUID().toString(), "Concurrent sample " + i, "Concurrency"));
      assertThat(r.status()).isEqualTo(201);
      ids.add(r.json().path("id").asString());
    }
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 12; t++) {
      Random random = new Random(seed + t);
      CatalogClient client = cluster.client(1 + t % 3);
      work.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 170; i++) {
                  String id = ids.get(random.nextInt(ids.size()));
                  String uuid = client.json("/api/records/" + id).path("uuid").asString();
                  int status =
                      client
                          .put(
                              "/api/records/" + id,
                              iso(
                                  uuid,
                                  "Concurrent sample updated " + random.nextInt(1000),
                                  "Concurrency"))
                          .status();
                  if (status != 200) {
                    failures.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    assertThat(failures).hasValue(0);

    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                JsonNode node = client.json("/api/node");
                assertThat(node.path("checkpoint").asLong())
                    .isEqualTo(node.path("dbChangeLogHead").asLong());
              });
      JsonNode report = client.json("/api/admin/index/verify");
      assertThat(report.path("missing").asInt()).as("missing on node %d", n).isZero();
      assertThat(report.path("stale").asInt()).as("stale on node %d", n).isZero();
      assertThat(report.path("extra").asInt()).as("extra on node %d", n).isZero();
      assertThat(report.path("indexedRecords").asLong())
          .isEqualTo(report.path("databaseRecords").asLong());
    }
  }
}
