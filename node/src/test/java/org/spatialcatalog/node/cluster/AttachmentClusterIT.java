package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.datadir.RecordFolderLayout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three nodes sharing one data directory: files uploaded anywhere are downloadable everywhere, byte
 * for byte; hostile names and oversized uploads write nothing; a node killed mid-upload leaves no
 * partial file and cleans up its temporary file when it starts again.
 */
class AttachmentClusterIT {

  static final int LIMIT = 2 * 1024 * 1024;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dir;
  static TestCluster cluster;
  static Path shared;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.onH2(dir, 3, "--catalog.attachments.max-upload-size=2MB");
    shared = dir.resolve("shared");
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void fileUploadedOnOneNodeIsByteIdenticalOnTheOthersAndDeletionPropagates() throws Exception {
    String id = createRecord("Attachable estuaries");
    String base = "/api/records/" + id + "/attachments";
    byte[] data = random(1_500_000, 1);
    HttpResponse<String> created =
        AttachmentHttp.admin(cluster, 1).upload(base + "?name=depth%20grid.tif", data);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    assertThat(body.path("name").asString()).isEqualTo("depth grid.tif");
    assertThat(body.path("size").asLong()).isEqualTo(data.length);
    assertThat(body.path("sha256").asString()).isEqualTo(sha256(data));
    assertThat(body.path("contentType").asString()).isEqualTo("image/tiff");
    byte[] secret = "not for everyone".getBytes();
    assertThat(
            AttachmentHttp.admin(cluster, 1)
                .uploadMultipart(base + "?visibility=private", "notes.txt", secret)
                .statusCode())
        .isEqualTo(201);

    for (int n = 2; n <= 3; n++) {
      HttpResponse<byte[]> got =
          AttachmentHttp.anonymous(cluster, n).download(base + "/depth%20grid.tif");
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(sha256(got.body())).isEqualTo(sha256(data));
      assertThat(got.headers().firstValue("Content-Type")).hasValue("image/tiff");
      assertThat(AttachmentHttp.anonymous(cluster, n).download(base + "/notes.txt").statusCode())
          .isEqualTo(401);
      assertThat(AttachmentHttp.admin(cluster, n).download(base + "/notes.txt").body())
          .isEqualTo(secret);
      assertThat(names(AttachmentHttp.anonymous(cluster, n).get(base)))
          .containsExactly("depth grid.tif");
      assertThat(names(AttachmentHttp.admin(cluster, n).get(base)))
          .containsExactly("depth grid.tif", "notes.txt");
    }
    String unicode = "%C3%9Cberblick%20%23%20%E6%97%A5%E6%9C%AC.pdf"; // "Überblick # 日本.pdf"
    assertThat(
            AttachmentHttp.admin(cluster, 3).upload(base + "?name=" + unicode, secret).statusCode())
        .isEqualTo(201);
    assertThat(AttachmentHttp.anonymous(cluster, 1).download(base + "/" + unicode).body())
        .isEqualTo(secret);
    assertThat(AttachmentHttp.admin(cluster, 2).delete(base + "/" + unicode).statusCode())
        .isEqualTo(204);
    HttpResponse<byte[]> range =
        AttachmentHttp.anonymous(cluster, 2)
            .download(base + "/depth%20grid.tif", "Range", "bytes=1000-1999");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 2000));

    assertThat(AttachmentHttp.admin(cluster, 2).delete(base + "/notes.txt").statusCode())
        .isEqualTo(204);
    assertThat(AttachmentHttp.admin(cluster, 3).download(base + "/notes.txt").statusCode())
        .isEqualTo(404);
    Path folder = shared.resolve(RecordFolderLayout.relativeFolder(id));
    assertThat(folder.resolve("public/depth grid.tif")).exists();

    assertThat(cluster.client(3).delete("/api/records/" + id).status()).isEqualTo(204);
    assertThat(folder).doesNotExist();
    assertThat(AttachmentHttp.anonymous(cluster, 1).get(base).statusCode()).isEqualTo(404);
  }

  @Test
  void hostileNamesAndOversizedUploadsAreRefusedAndNothingIsWritten() throws Exception {
    String id = createRecord("Hostile hinterlands");
    String base = "/api/records/" + id + "/attachments";
    AttachmentHttp admin = AttachmentHttp.admin(cluster, 2);
    for (String name :
        List.of(
            "..%2Fevil",
            "a%2Fb", "..", ".", ".hidden", "a%5Cb", "x%00y", "tab%09name", "", "z".repeat(256))) {
      HttpResponse<String> r = admin.upload(base + "?name=" + name, "x".getBytes());
      assertThat(r.statusCode()).as(name).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(JSON.readTree(r.body()).path("detail").asString())
          .as(name)
          .contains("attachment name");
    }
    assertThat(admin.upload(base + "?name=x&visibility=secret", new byte[1]).statusCode())
        .isEqualTo(400);
    assertThat(
            admin
                .upload(
                    base + "?name=x.txt",
                    HttpRequest.BodyPublishers.ofString("a=b"),
                    "application/x-www-form-urlencoded")
                .statusCode())
        .isEqualTo(415);
    assertThat(admin.upload(base, new byte[1]).statusCode()).isEqualTo(400);
    assertThat(admin.uploadMultipart(base, "../../escape.txt", new byte[1]).statusCode())
        .isEqualTo(400);
    assertThat(
            AttachmentHttp.anonymous(cluster, 2)
                .upload(base + "?name=a.txt", new byte[1])
                .statusCode())
        .isEqualTo(401);

    HttpResponse<String> declared = admin.upload(base + "?name=big.bin", new byte[LIMIT + 1]);
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(declared.body()).path("detail").asString())
        .contains("catalog.attachments.max-upload-size");
    // No Content-Length: the limit must bite while the body streams in.
    HttpResponse<String> streamed =
        admin.upload(
            base + "?name=big.bin",
            HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(3L * LIMIT)),
            "application/octet-stream");
    assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(413);
    assertThat(admin.uploadMultipart(base, "big.bin", new byte[LIMIT + 1]).statusCode())
        .isEqualTo(413);
    assertThat(admin.download(base + "/%2E%2E").statusCode()).isBetween(400, 499);
    assertThat(admin.download(base + "/big.bin").statusCode()).isEqualTo(404);

    assertThat(filesUnder(shared.resolve(RecordFolderLayout.relativeFolder(id)))).isEmpty();
    assertThat(filesUnder(dir.resolve("node-2").resolve("uploads-in-progress"))).isEmpty();
    assertThat(filesUnder(dir))
        .noneMatch(
            p ->
                p.getFileName().toString().equals("evil")
                    || p.getFileName().toString().equals("escape.txt"));
  }

  @Test
  void concurrentUploadsOfOneNameOnTwoNodesLeaveOneWholeFile() throws Exception {
    String id = createRecord("Contested coastlines");
    String path = "/api/records/" + id + "/attachments?name=shared.bin";
    for (int round = 0; round < 3; round++) {
      byte[] a = random(1_000_000, 10 + round);
      byte[] b = random(1_000_000, 20 + round);
      CompletableFuture<HttpResponse<String>> first =
          AttachmentHttp.admin(cluster, 1)
              .uploadAsync(path, HttpRequest.BodyPublishers.ofByteArray(a));
      CompletableFuture<HttpResponse<String>> second =
          AttachmentHttp.admin(cluster, 2)
              .uploadAsync(path, HttpRequest.BodyPublishers.ofByteArray(b));
      assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
      assertThat(second.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
      byte[] got =
          AttachmentHttp.anonymous(cluster, 3)
              .download("/api/records/" + id + "/attachments/shared.bin")
              .body();
      assertThat(sha256(got)).isIn(sha256(a), sha256(b));
    }
    assertThat(filesUnder(shared.resolve(RecordFolderLayout.relativeFolder(id))))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("shared.bin");
  }

  /**
   * A name is unique within a record whatever its visibility: a public upload on node 1, a private
   * one of the same name on node 2 and another public one on node 3, started together, never get
   * both visibilities accepted; exactly the uploads of one visibility are accepted (uploads of a
   * name take turns through its lock in the shared database); and an accepted file is never deleted
   * by a refused upload: the file on disk, the listing and the download all show an upload that got
   * 201 (of two accepted public ones, the one renamed last).
   */
  @Test
  void publicAndPrivateUploadsOfOneNameRacingOnThreeNodesNeverDeleteAnAcceptedFile()
      throws Exception {
    String id = createRecord("Disputed deltas");
    String base = "/api/records/" + id + "/attachments";
    Path folder = shared.resolve(RecordFolderLayout.relativeFolder(id));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Map<String, Integer> outcomes = new TreeMap<>();
    try {
      for (int round = 0; round < 40; round++) {
        String name = "race-" + round + ".bin";
        // node 1 public, node 2 private, node 3 public
        List<byte[]> bodies =
            List.of(
                random(200_000, 1000 + round),
                random(200_000, 2000 + round),
                random(200_000, 3000 + round));
        List<String> visibilities = List.of("public", "private", "public");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          int node = i + 1;
          String query = "?name=" + name + "&visibility=" + visibilities.get(i);
          byte[] body = bodies.get(i);
          uploads.add(
              pool.submit(
                  () -> {
                    go.await();
                    return AttachmentHttp.admin(cluster, node).upload(base + query, body);
                  }));
        }
        go.countDown();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> upload : uploads) {
          answers.add(upload.get(60, TimeUnit.SECONDS));
        }
        StringBuilder seen = new StringBuilder("round " + round + ":");
        StringBuilder outcome = new StringBuilder();
        for (int i = 0; i < 3; i++) {
          seen.append(' ')
              .append(visibilities.get(i))
              .append(" on node ")
              .append(i + 1)
              .append(' ')
              .append(answers.get(i).statusCode())
              .append(' ')
              .append(answers.get(i).body())
              .append(';');
          outcome.append(i == 0 ? "" : "/").append(answers.get(i).statusCode());
        }
        outcomes.merge(outcome.toString(), 1, Integer::sum);
        List<byte[]> acceptedPublic = new ArrayList<>();
        boolean privateAccepted = false;
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> answer = answers.get(i);
          assertThat(answer.statusCode()).as(seen.toString()).isIn(201, 409);
          if (answer.statusCode() == 409) {
            assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
            assertThat(answer.body()).contains(name);
          } else if (visibilities.get(i).equals("public")) {
            acceptedPublic.add(bodies.get(i));
          } else {
            privateAccepted = true;
          }
        }
        assertThat(privateAccepted && !acceptedPublic.isEmpty())
            .as("both visibilities accepted: " + seen)
            .isFalse();
        // Uploads take turns: the first to check decides the visibility, and it is accepted.
        assertThat(privateAccepted || !acceptedPublic.isEmpty())
            .as("nothing accepted: " + seen)
            .isTrue();

        Path publicFile = folder.resolve("public").resolve(name);
        Path privateFile = folder.resolve("private").resolve(name);
        AttachmentHttp reader = AttachmentHttp.admin(cluster, 3);
        HttpResponse<String> listing = reader.get(base);
        JsonNode entry = null;
        for (JsonNode a : JSON.readTree(listing.body())) {
          if (a.path("name").asString().equals(name)) {
            assertThat(entry).as("listed once: " + listing.body()).isNull();
            entry = a;
          }
        }
        assertThat(entry).as(seen.toString()).isNotNull();
        if (!acceptedPublic.isEmpty()) {
          assertThat(publicFile).as(seen.toString()).exists();
          byte[] stored = Files.readAllBytes(publicFile);
          List<String> acceptedSums = new ArrayList<>();
          for (byte[] accepted : acceptedPublic) {
            acceptedSums.add(sha256(accepted));
          }
          assertThat(acceptedSums)
              .as("the public file is an accepted upload: " + seen)
              .contains(sha256(stored));
          assertThat(privateFile).as(seen.toString()).doesNotExist();
          assertThat(entry.path("visibility").asString()).isEqualToIgnoringCase("public");
          assertThat(AttachmentHttp.anonymous(cluster, 3).download(base + "/" + name).body())
              .isEqualTo(stored);
        } else {
          assertThat(privateFile).as(seen.toString()).hasBinaryContent(bodies.get(1));
          assertThat(publicFile).as(seen.toString()).doesNotExist();
          assertThat(entry.path("visibility").asString()).isEqualToIgnoringCase("private");
          assertThat(reader.download(base + "/" + name).body()).isEqualTo(bodies.get(1));
          assertThat(AttachmentHttp.anonymous(cluster, 3).download(base + "/" + name).statusCode())
              .isIn(401, 403, 404);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println(
        "public/private/public race outcomes (statuses on nodes 1/2/3: rounds): " + outcomes);
    assertThat(filesUnder(folder))
        .as("no temporary file left")
        .noneMatch(f -> f.getFileName().toString().startsWith(".upload-"));
  }

  @Test
  void nodeKilledMidUploadLeavesNoPartialFileAndRemovesItsTemporaryFileOnRestart()
      throws Exception {
    String id = createRecord("Interrupted isthmus");
    String base = "/api/records/" + id + "/attachments";
    Path folder = shared.resolve(RecordFolderLayout.relativeFolder(id)).resolve("public");
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> upload =
        AttachmentHttp.admin(cluster, 3)
            .uploadAsync(
                base + "?name=half.bin",
                HttpRequest.BodyPublishers.ofInputStream(() -> new Stalling(512 * 1024, release)));
    try {
      Path temp =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> temporaryFile(folder), p -> p != null && p.toFile().length() > 0);
      cluster.node(3).kill();
      assertThat(temp).as("the killed upload's temporary file is still there").exists();
      for (int n = 1; n <= 2; n++) {
        assertThat(names(AttachmentHttp.admin(cluster, n).get(base))).isEmpty();
        assertThat(AttachmentHttp.admin(cluster, n).download(base + "/half.bin").statusCode())
            .isEqualTo(404);
      }
      cluster.restart(3);
      assertThat(temp).doesNotExist();
      assertThat(filesUnder(folder)).isEmpty();
      byte[] whole = random(100_000, 3);
      assertThat(
              AttachmentHttp.admin(cluster, 3).upload(base + "?name=half.bin", whole).statusCode())
          .isEqualTo(201);
      assertThat(AttachmentHttp.anonymous(cluster, 1).download(base + "/half.bin").body())
          .isEqualTo(whole);
    } finally {
      release.countDown();
      upload.handle((r, e) -> null);
    }
  }

  private static String createRecord(String title) throws Exception {
    var created =
        cluster
            .client(1)
            .post(
                "/api/records",
                RecordSyncClusterIT.iso(UUID.randomUUID().toString(), title, "Files"));
    assertThat(created.status()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private static Path temporaryFile(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".upload-"))
          .findFirst()
          .orElse(null);
    }
  }

  static List<String> names(HttpResponse<String> list) {
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    JSON.readTree(list.body()).forEach(a -> names.add(a.path("name").asString()));
    return names;
  }

  static List<Path> filesUnder(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  /** {@code length} zero bytes, produced lazily. */
  private static final class Zeros extends InputStream {
    private long left;

    Zeros(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      return left-- > 0 ? 0 : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }

  /** Sends {@code before} bytes, then blocks until released: an upload that is mid-stream. */
  private static final class Stalling extends InputStream {
    private final CountDownLatch release;
    private long left;

    Stalling(long before, CountDownLatch release) {
      this.left = before;
      this.release = release;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0];
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left > 0) {
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        left -= n;
        return n;
      }
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new UncheckedIOException(new IOException("upload abandoned by the test"));
    }
  }
}
