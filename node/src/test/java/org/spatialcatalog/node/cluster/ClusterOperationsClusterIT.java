package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/** Live settings, the clustering switch, broker outages and cluster status on three nodes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOperationsClusterIT {

  @TempDir static Path dir;
  static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    // Folder harvesters read only these roots, never the shared data directory.
    cluster =
        TestCluster.onH2(
            dir, 3, "--catalog.harvest.folder-roots=" + dir.resolve("harvest-folders"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static CatalogClient.Response putSettings(int node, String json) throws Exception {
    return cluster.client(node).putJson("/api/admin/settings", json);
  }

  @Test
  @Order(1)
  void settingChangedOnOneNodeIsInEffectOnTheOthersWithinTwoSeconds() throws Exception {
    String name = "Catalog " + UUID.randomUUID();
    assertThat(putSettings(1, "{\"site.name\":\"" + name + "\"}").status()).isEqualTo(200);
    for (int n = 2; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(2))
          .pollInterval(Duration.ofMillis(50))
          .untilAsserted(
              () ->
                  assertThat(client.json("/api/admin/settings").path("site.name").asString())
                      .isEqualTo(name));
    }
  }

  @Test
  @Order(2)
  void invalidSettingsAreRejectedAndNothingIsStored() throws Exception {
    long revision = cluster.client(1).json("/api/admin/settings").path("revision").asLong();

    CatalogClient.Response unknown = putSettings(1, "{\"no.such.key\":\"1\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("detail").asString()).contains("no.such.key");

    CatalogClient.Response bad =
        putSettings(2, "{\"site.name\":\"ok\",\"metadata.versioning\":\"maybe\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("key").asString()).isEqualTo("metadata.versioning");

    CatalogClient.Response badUrl = putSettings(3, "{\"cluster.jmsUrl\":\"http://nope\"}");
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.json().path("detail").asString()).contains("cluster.jmsUrl");

    assertThat(cluster.client(1).json("/api/admin/settings").path("revision").asLong())
        .isEqualTo(revision);
    assertThat(cluster.client(1).json("/api/admin/settings").path("site.name").asString())
        .isNotEqualTo("ok");
    assertThat(
            new CatalogClient(cluster.node(1).baseUrl(), "wrong")
                .putJson("/api/admin/settings", "{\"site.name\":\"x\"}")
                .status())
        .isEqualTo(401);
  }

  @Test
  @Order(3)
  void clusteringTurnedOffAndOnAtRunTimeWhileRecordsAreWrittenConverges() throws Exception {
    List<String> written = new ArrayList<>();
    write(written, 30, "before");

    assertThat(putSettings(1, "{\"cluster.enabled\":false}").status()).isEqualTo(200);
    awaitJmsState("off");
    write(written, 60, "alone");
    // Alone, a node's own writes are searchable at once and the others' through the change log.
    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(RecordSyncClusterIT.total(client, "switchalone")).isEqualTo(60));
    }

    // Harvests run alone too: on the node that started them.
    java.nio.file.Path source = dir.resolve("harvest-folders").resolve("harvest-src");
    java.nio.file.Files.createDirectories(source);
    for (int i = 0; i < 5; i++) {
      java.nio.file.Files.writeString(
          source.resolve("r" + i + ".xml"),
          RecordSyncClusterIT.iso(UUID.randomUUID().toString(), "Switchharvest record " + i));
    }
    CatalogClient.Response harvester =
        cluster
            .client(3)
            .postJson(
                "/api/harvesters",
                "{\"name\":\"switch folder\",\"type\":\"folder\",\"url\":\""
                    + source.toAbsolutePath()
                    + "\",\"enabled\":true}");
    assertThat(harvester.status()).as(harvester.body()).isEqualTo(201);
    String harvesterId = harvester.json().path("id").asString();
    runHarvestToSuccess(3, harvesterId);
    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(RecordSyncClusterIT.total(client, "switchharvest")).isEqualTo(5));
    }

    assertThat(putSettings(2, "{\"cluster.enabled\":true}").status()).isEqualTo(200);
    awaitJmsState("connected");
    write(written, 30, "after");
    java.nio.file.Files.writeString(
        source.resolve("r5.xml"),
        RecordSyncClusterIT.iso(UUID.randomUUID().toString(), "Switchharvest record 5"));
    runHarvestToSuccess(1, harvesterId);
    assertEveryIndexEqualsTheDatabase();
    for (int n = 1; n <= 3; n++) {
      assertThat(RecordSyncClusterIT.total(cluster.client(n), "switchharvest")).isEqualTo(6);
    }
  }

  private static void runHarvestToSuccess(int node, String harvesterId) throws Exception {
    CatalogClient.Response run =
        cluster.client(node).postJson("/api/harvesters/" + harvesterId + "/run", "");
    assertThat(run.status()).as(run.body()).isEqualTo(202);
    String jobId = run.json().path("jobId").asString();
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .client(node)
                            .json("/api/harvest-jobs/" + jobId)
                            .path("state")
                            .asString())
                    .isEqualTo("SUCCEEDED"));
  }

  @Test
  @Order(4)
  void brokerStoppedForThirtySecondsWritesSucceedAndNodesReconnectAndConverge() throws Exception {
    cluster.stopBroker();
    List<String> written = new ArrayList<>();
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int i = 0;
    while (System.nanoTime() < end) {
      CatalogClient.Response r =
          cluster
              .client(1 + i % 3)
              .post(
                  "/api/records",
                  RecordSyncClusterIT.iso(UUID.randomUUID().toString(), "Brokerless write " + i));
      assertThat(r.status()).as("write %d while the broker is down", i).isEqualTo(201);
      written.add(r.json().path("id").asString());
      i++;
      Thread.sleep(200);
    }
    assertThat(written).hasSizeGreaterThan(20);
    cluster.startBroker();
    awaitJmsState("connected");
    assertEveryIndexEqualsTheDatabase();
    for (int n = 1; n <= 3; n++) {
      assertThat(RecordSyncClusterIT.total(cluster.client(n), "brokerless"))
          .isEqualTo(written.size());
    }
  }

  @Test
  @Order(6)
  void versionsAreRecordedAndDiffableOnlyWhileVersioningIsOn() throws Exception {
    String uuid = UUID.randomUUID().toString();
    CatalogClient writer = cluster.client(1);
    String id =
        writer
            .post("/api/records", RecordSyncClusterIT.iso(uuid, "Versioned first"))
            .json()
            .path("id")
            .asString();
    assertThat(
            writer
                .put("/api/records/" + id, RecordSyncClusterIT.iso(uuid, "Versioned second"))
                .status())
        .isEqualTo(200);
    assertThat(writer.json("/api/records/" + id + "/versions").path("versions").size())
        .as("only the current version while versioning is off")
        .isEqualTo(1);

    assertThat(putSettings(1, "{\"metadata.versioning\":true}").status()).isEqualTo(200);
    CatalogClient other = cluster.client(2);
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(other.json("/api/admin/settings").path("metadata.versioning").asString())
                    .isEqualTo("true"));
    assertThat(
            other
                .put("/api/records/" + id, RecordSyncClusterIT.iso(uuid, "Versioned third"))
                .status())
        .isEqualTo(200);
    assertThat(
            cluster
                .client(3)
                .put("/api/records/" + uuid, RecordSyncClusterIT.iso(uuid, "Versioned fourth"))
                .status())
        .isEqualTo(200);

    JsonNode versions = cluster.client(3).json("/api/records/" + id + "/versions").path("versions");
    assertThat(versions.size()).isEqualTo(3);
    assertThat(versions.get(0).path("version").asLong()).isEqualTo(2);
    assertThat(versions.get(1).path("version").asLong()).isEqualTo(3);
    assertThat(versions.get(2).path("current").asBoolean()).isTrue();
    assertThat(versions.get(2).path("version").asLong()).isEqualTo(4);

    CatalogClient.Response v2 = cluster.client(3).getXml("/api/records/" + id + "/versions/2");
    assertThat(v2.status()).isEqualTo(200);
    assertThat(v2.body()).contains("Versioned second").doesNotContain("Versioned third");
    String diff = cluster.client(2).get("/api/records/" + id + "/versions/2/diff").body();
    assertThat(diff)
        .contains("-", "Versioned second")
        .contains("+", "Versioned fourth")
        .startsWith("--- version 2\n+++ version 4\n");
    assertThat(cluster.client(2).get("/api/records/" + id + "/versions/99").status())
        .isEqualTo(404);
    assertThat(
            new CatalogClient(cluster.node(1).baseUrl(), "nope")
                .get("/api/records/" + id + "/versions")
                .status())
        .isEqualTo(401);

    assertThat(writer.delete("/api/records/" + id).status()).isEqualTo(204);
    JsonNode afterDelete = writer.json("/api/records/" + id + "/versions").path("versions");
    assertThat(afterDelete.size()).isEqualTo(3);
    assertThat(afterDelete.get(2).path("replacedBy").asString()).isEqualTo("DELETE");

    assertThat(putSettings(1, "{\"metadata.versioning\":false}").status()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void thesaurusImportedOnOneNodeIsLookedUpOnTheOthersAndConceptEditsPropagate() throws Exception {
    int size = 50_000;
    StringBuilder rdf =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                + " xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                + "<skos:ConceptScheme rdf:about=\"http://example.org/gen\"><dc:title>Generated"
                + "</dc:title></skos:ConceptScheme>\n");
    for (int i = 0; i < size; i++) {
      rdf.append("<skos:Concept rdf:about=\"http://example.org/gen/")
          .append(i)
          .append("\">")
          .append("<skos:prefLabel xml:lang=\"en\">term ")
          .append(i)
          .append("</skos:prefLabel>")
          .append("<skos:prefLabel xml:lang=\"fr\">terme ")
          .append(i)
          .append("</skos:prefLabel>")
          .append(
              i > 0
                  ? "<skos:broader rdf:resource=\"http://example.org/gen/" + (i / 10) + "\"/>"
                  : "")
          .append("</skos:Concept>\n");
    }
    rdf.append("</rdf:RDF>\n");
    long started = System.nanoTime();
    CatalogClient.Response imported =
        cluster.client(1).post("/api/thesauri?id=generated", rdf.toString());
    System.out.printf(
        "imported %d concepts in %d ms%n", size, (System.nanoTime() - started) / 1_000_000);
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    assertThat(imported.json().path("concepts").asInt()).isEqualTo(size);
    assertThat(cluster.client(1).post("/api/thesauri?id=generated", rdf.toString()).status())
        .isEqualTo(409);

    for (int n = 2; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                JsonNode hits =
                    client
                        .json("/api/thesauri/generated/concepts?q=term%2012345&lang=fr")
                        .path("concepts");
                assertThat(hits.size()).isGreaterThan(0);
                assertThat(hits.get(0).path("uri").asString())
                    .isEqualTo("http://example.org/gen/12345");
                assertThat(hits.get(0).path("label").asString()).isEqualTo("terme 12345");
              });
    }

    String concept =
        "{\"uri\":\"http://example.org/gen/12345\",\"prefLabels\":{\"en\":"
            + "\"Quicksilver wetlands\"},\"altLabels\":{},\"broader\":[],\"narrower\":[]}";
    assertThat(cluster.client(2).putJson("/api/thesauri/generated/concepts", concept).status())
        .isEqualTo(200);
    for (int n : new int[] {1, 3}) {
      CatalogClient client = cluster.client(n);
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                JsonNode hits =
                    client.json("/api/thesauri/generated/concepts?q=quicksilver").path("concepts");
                assertThat(hits.size()).isEqualTo(1);
                assertThat(
                        client
                            .json("/api/thesauri/generated/concepts?q=term%2012345&size=5")
                            .path("concepts")
                            .toString())
                    .doesNotContain("gen/12345\"");
              });
    }
    assertThat(
            cluster
                .client(3)
                .delete("/api/thesauri/generated/concepts?uri=http://example.org/gen/12345")
                .status())
        .isEqualTo(204);
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .client(1)
                            .json("/api/thesauri/generated/concepts?q=quicksilver")
                            .path("concepts")
                            .size())
                    .isZero());

    CatalogClient.Response export = cluster.client(3).getXml("/api/thesauri/generated");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.body()).contains("terme 49999").doesNotContain("Quicksilver");

    assertThat(cluster.client(1).post("/api/thesauri?id=bad", "<rdf:RDF").status()).isEqualTo(400);
    assertThat(cluster.client(1).delete("/api/thesauri/generated").status()).isEqualTo(204);
    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(client.get("/api/thesauri/generated/concepts?q=term").status())
                      .isEqualTo(404));
    }
  }

  @Test
  @Order(8)
  void indexConfigChangeReachesEveryNodeAndSearchesKeepAnsweringDuringTheRebuild()
      throws Exception {
    CatalogClient.Response invalid =
        cluster
            .client(1)
            .putJson(
                "/api/admin/index/config",
                "{\"fields\":[{\"name\":\"scope\",\"schema\":\"iso19139\",\"xpath\":\"//gmd:(\","
                    + "\"facetable\":true}]}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().path("detail").asString()).contains("scope", "xpath");

    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger failedSearches =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger searches =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread searcher =
        new Thread(
            () -> {
              while (!done.get()) {
                try {
                  CatalogClient.Response r = cluster.client(3).get("/api/search?q=record&size=1");
                  searches.incrementAndGet();
                  if (r.status() != 200 || r.json().path("total").asLong() == 0) {
                    failedSearches.incrementAndGet();
                  }
                } catch (Exception e) {
                  failedSearches.incrementAndGet();
                }
              }
            });
    searcher.start();
    try {
      String config =
          "{\"fields\":[{\"name\":\"scope\",\"schema\":\"iso19139\","
              + "\"xpath\":\"/gmd:MD_Metadata/gmd:hierarchyLevel/gmd:MD_ScopeCode/@codeListValue\","
              + "\"searchable\":false,\"facetable\":true,\"sortable\":true},"
              + "{\"name\":\"organisation\",\"schema\":\"*\",\"xpath\":"
              + "\"//gmd:contact//gmd:organisationName/gco:CharacterString\",\"searchable\":true,"
              + "\"facetable\":false,\"sortable\":false}]}";
      CatalogClient.Response stored = cluster.client(1).putJson("/api/admin/index/config", config);
      assertThat(stored.status()).as(stored.body()).isEqualTo(202);
      for (int n = 1; n <= 3; n++) {
        CatalogClient client = cluster.client(n);
        await()
            .ignoreExceptions()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  JsonNode node = client.json("/api/node");
                  assertThat(node.path("rebuilding").asBoolean()).isFalse();
                  JsonNode result = client.json("/api/search?size=0");
                  JsonNode scope = result.path("facets").path("scope");
                  assertThat(scope.size()).isEqualTo(1);
                  assertThat(scope.get(0).path("value").asString()).isEqualTo("dataset");
                  assertThat(scope.get(0).path("count").asLong())
                      .isEqualTo(result.path("total").asLong());
                });
        assertThat(
                client
                    .json("/api/search?q=Spatial%20Catalog%20Demo%20Agency&size=0")
                    .path("total")
                    .asLong())
            .isPositive();
        assertThat(client.json("/api/search?scope=dataset&size=0").path("total").asLong())
            .isPositive();
        assertThat(client.json("/api/search?scope=service&size=0").path("total").asLong()).isZero();
        assertThat(client.get("/api/search?sort=scope&size=2").status()).isEqualTo(200);
        assertThat(client.get("/api/search?sort=organisation").status()).isEqualTo(400);
      }
    } finally {
      done.set(true);
      searcher.join();
    }
    assertThat(searches.get()).isPositive();
    assertThat(failedSearches).hasValue(0);
    assertThat(cluster.client(2).putJson("/api/admin/index/config", "{\"fields\":[]}").status())
        .isEqualTo(202);
  }

  @Test
  @Order(10)
  void clusterStatusListsEveryNodeAndAKilledOneAsUnreachableWithinTwoSeconds() throws Exception {
    JsonNode status = cluster.client(1).json("/api/admin/cluster");
    assertThat(status.path("nodes").size()).isEqualTo(3);
    for (JsonNode node : status.path("nodes")) {
      assertThat(node.path("reachable").asBoolean()).isTrue();
      assertThat(node.path("jms").asString()).isEqualTo("connected");
      assertThat(node.has("indexedRecords")).isTrue();
      assertThat(node.has("heapUsedBytes")).isTrue();
      assertThat(node.path("httpPort").asInt()).isPositive();
    }

    String killedId = cluster.client(3).json("/api/node").path("nodeId").asString();
    cluster.node(3).kill();
    long started = System.nanoTime();
    JsonNode after = cluster.client(2).json("/api/admin/cluster");
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    assertThat(millis).as("cluster status answer time").isLessThan(2000);
    assertThat(after.path("nodes").size()).isEqualTo(3);
    for (JsonNode node : after.path("nodes")) {
      boolean killed = node.path("nodeId").asString().equals(killedId);
      assertThat(node.path("reachable").asBoolean()).isEqualTo(!killed);
      if (killed) {
        assertThat(node.path("lastHeartbeat").asString()).isNotBlank();
      }
    }
    cluster.restart(3);
  }

  private static void write(List<String> ids, int count, String phase) throws Exception {
    for (int i = 0; i < count; i++) {
      CatalogClient.Response r =
          cluster
              .client(1 + i % 3)
              .post(
                  "/api/records",
                  RecordSyncClusterIT.iso(
                      UUID.randomUUID().toString(), "Switch" + phase + " record " + i));
      assertThat(r.status()).isEqualTo(201);
      ids.add(r.json().path("id").asString());
    }
  }

  private static void awaitJmsState(String state) {
    for (int n = 1; n <= 3; n++) {
      CatalogClient client = cluster.client(n);
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(client.json("/api/node").path("jms").asString()).isEqualTo(state));
    }
  }

  private static void assertEveryIndexEqualsTheDatabase() {
    cluster.awaitEveryIndexAtTheHead();
  }
}
