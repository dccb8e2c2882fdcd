package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spatialcatalog.node.oai.OaiHttp.args;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.cluster.TestCluster;
import org.spatialcatalog.node.record.SampleRecords;
import org.w3c.dom.Element;

/**
 * The catalog's own {@code oaipmh} harvester against another cluster's {@code /oai}: a complete
 * harvest over several pages (ISO records as stored, a Dublin Core record converted to ISO), then,
 * after a record is deleted at the source, a second run removes it.
 */
class OaiHarvestClusterIT {

  @TempDir static Path dir;
  static TestCluster source;
  static TestCluster target;

  @BeforeAll
  static void start() throws Exception {
    source =
        TestCluster.onH2(
            Files.createDirectories(dir.resolve("source")), 1, "--catalog.oai.page-size=2");
    target = TestCluster.onH2(Files.createDirectories(dir.resolve("target")), 1);
  }

  @AfterAll
  static void stop() throws Exception {
    for (TestCluster c : new TestCluster[] {target, source}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void harvestsAnotherClusterCompletelyAndRemovesWhatTheSourceDeleted() throws Exception {
    CatalogClient src = source.client(1);
    String doomed = null;
    for (int i = 0; i < 7; i++) {
      String xml =
          SampleRecords.iso19139(
              UUID.randomUUID().toString(),
              "Source survey " + i,
              "Abstract " + i,
              List.of("Soil"),
              new Bbox(4, 50, 5, 51),
              Instant.parse("2026-01-01T00:00:00Z"));
      CatalogClient.Response r = src.post("/api/records", xml);
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      doomed = r.json().path("id").asString();
    }
    CatalogClient.Response dc =
        src.post(
            "/api/records",
            SampleRecords.dublinCore(
                UUID.randomUUID().toString(),
                "Source gauges",
                "Levels",
                List.of("Water"),
                new Bbox(4, 50, 5, 51),
                Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(dc.status()).as(dc.body()).isEqualTo(201);

    CatalogClient dst = target.client(1);
    CatalogClient.Response h =
        dst.postJson(
            "/api/harvesters",
            "{\"name\":\"neighbour\","
                + "\"type\":\"oaipmh\",\"url\":\""
                + src.baseUrl()
                + "/oai\","
                + "\"options\":{\"metadataPrefix\":\"iso19139\"}}");
    assertThat(h.status()).as(h.body()).isEqualTo(201);
    String harvester = h.json().path("id").asString();

    runToSuccess(dst, harvester);
    assertThat(uuids(target)).hasSize(8).isEqualTo(uuids(source));
    assertThat(titles(target)).contains("Source gauges");

    // The harvested records are in the harvester's set of the target's own OAI-PMH endpoint.
    OaiHttp targetOai = new OaiHttp(dst.baseUrl(), false);
    Element set =
        targetOai.get(
            args(
                "verb",
                "ListIdentifiers",
                "metadataPrefix",
                "oai_dc",
                "set",
                "harvester:" + harvester));
    assertThat(OaiHttp.headers(set)).hasSize(8);
    assertThat(
            OaiHttp.error(
                targetOai.get(
                    args("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "local"))))
        .isEqualTo("noRecordsMatch");

    assertThat(src.delete("/api/records/" + doomed).status()).isEqualTo(204);
    runToSuccess(dst, harvester);
    assertThat(uuids(target)).hasSize(7).isEqualTo(uuids(source));
  }

  private static void runToSuccess(CatalogClient client, String harvester) throws Exception {
    CatalogClient.Response run = client.post("/api/harvesters/" + harvester + "/run", "");
    assertThat(run.status()).as(run.body()).isEqualTo(202);
    String job = run.json().path("jobId").asString();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              var state = client.json("/api/harvest-jobs/" + job);
              assertThat(state.path("state").asString())
                  .as(state.toString())
                  .isIn("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT");
            });
    var done = client.json("/api/harvest-jobs/" + job);
    assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.path("counts").path("failed").asLong()).as(done.toString()).isZero();
  }

  private static Set<String> uuids(TestCluster cluster) throws Exception {
    return column(cluster, "uuid");
  }

  private static Set<String> titles(TestCluster cluster) throws Exception {
    return column(cluster, "title");
  }

  private static Set<String> column(TestCluster cluster, String column) throws Exception {
    Set<String> values = new HashSet<>();
    try (Connection c = cluster.jdbc();
        ResultSet rs =
            c.createStatement().executeQuery("SELECT " + column + " FROM metadata_record")) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
