package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.RecordId;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.datadir.RecordFolderLayout;
import org.spatialcatalog.node.legacy.LegacyCatalog;

/**
 * A populated database and data directory of a single-node catalog (integer ids, no Flyway
 * history), taken over by a cluster: the nodes migrate it in place on start, and old records, their
 * files in the range layout and their URLs keep working next to new UUID-based records.
 */
class LegacyDatabaseClusterIT {

  @Test
  void clusterTakesOverALegacyH2Catalog(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("db").resolve("catalog").toAbsolutePath();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "")) {
      LegacyCatalog.populate(c, "h2");
    }
    LegacyCatalog.writeFiles(dir.resolve("shared"));
    try (TestCluster cluster = TestCluster.onH2(dir, 2)) {
      operatesNormally(cluster, dir.resolve("shared"));
    }
  }

  @Test
  void clusterTakesOverALegacyPostgresCatalog(@TempDir Path dir) throws Exception {
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true)
            .start()) {
      try (Connection c = postgres.getPostgresDatabase().getConnection()) {
        LegacyCatalog.populate(c, "postgresql");
      }
      LegacyCatalog.writeFiles(dir.resolve("shared"));
      try (TestCluster cluster =
          TestCluster.onDatabase(
              dir, 2, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")) {
        operatesNormally(cluster, dir.resolve("shared"));
      }
    }
  }

  private static void operatesNormally(TestCluster cluster, Path shared) throws Exception {
    for (int n = 1; n <= 2; n++) {
      CatalogClient c = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(RecordSyncClusterIT.total(c, "quagmire")).isEqualTo(5));
      assertThat(c.json("/api/node").path("siteId").asString()).isEqualTo(LegacyCatalog.SITE_UUID);
    }
    CatalogClient one = cluster.client(1);
    CatalogClient two = cluster.client(2);
    assertThat(two.json("/api/records/1234").path("uuid").asString())
        .isEqualTo(LegacyCatalog.uuid(1234));
    assertThat(two.json("/api/records/" + LegacyCatalog.uuid(1234)).path("id").asString())
        .isEqualTo("1234");
    assertThat(one.json("/api/search?q=1234").path("hits").get(0).path("id").asString())
        .isEqualTo("1234");

    // Files of old records, in the range layout, on both nodes.
    String files = "/api/records/1234/attachments";
    assertThat(
            new String(
                AttachmentHttp.anonymous(cluster, 2).download(files + "/overview.txt").body()))
        .isEqualTo(LegacyCatalog.publicContent(1234));
    assertThat(AttachmentHttp.anonymous(cluster, 1).download(files + "/raw.txt").statusCode())
        .isEqualTo(401);
    assertThat(AttachmentClusterIT.names(AttachmentHttp.admin(cluster, 1).get(files)))
        .containsExactly("overview.txt", "raw.txt");
    assertThat(
            AttachmentHttp.admin(cluster, 1)
                .upload(files + "?name=added.txt", "added later".getBytes())
                .statusCode())
        .isEqualTo(201);
    assertThat(shared.resolve("01200-01299/1234/public/added.txt")).hasContent("added later");
    assertThat(AttachmentHttp.anonymous(cluster, 2).download(files + "/added.txt").body())
        .isEqualTo("added later".getBytes());

    // Old records can be replaced and deleted; deletion takes their files.
    assertThat(
            two.put(
                    "/api/records/1234",
                    RecordSyncClusterIT.iso(
                        LegacyCatalog.uuid(1234), "Renovated quagmire", "Legacy"))
                .status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(RecordSyncClusterIT.total(one, "renovated")).isEqualTo(1));
    assertThat(one.delete("/api/records/99").status()).isEqualTo(204);
    assertThat(shared.resolve("00000-00099/99")).doesNotExist();
    assertThat(shared.resolve("00000-00099/7/public/overview.txt")).exists();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(RecordSyncClusterIT.total(two, "quagmire")).isEqualTo(4));
    assertThat(two.get("/api/records/99").status()).isEqualTo(404);

    // New records get UUID-based ids and the fan-out layout, next to the old ones.
    var created =
        two.post(
            "/api/records",
            RecordSyncClusterIT.iso(UUID.randomUUID().toString(), "Modern quagmire", "Legacy"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asString();
    assertThat(id).matches(RecordId.PATTERN);
    assertThat(
            AttachmentHttp.admin(cluster, 2)
                .upload("/api/records/" + id + "/attachments?name=new.txt", "new".getBytes())
                .statusCode())
        .isEqualTo(201);
    assertThat(
            Files.exists(
                shared.resolve(RecordFolderLayout.relativeFolder(id)).resolve("public/new.txt")))
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(RecordSyncClusterIT.total(one, "quagmire")).isEqualTo(5));
    for (int n = 1; n <= 2; n++) {
      assertThat(cluster.client(n).json("/api/admin/index/verify").path("missing").asInt())
          .isZero();
    }
  }
}
