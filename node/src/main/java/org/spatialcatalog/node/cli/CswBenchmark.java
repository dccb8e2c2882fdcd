package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.spatialcatalog.config.RecordId;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.client.FreePorts;
import org.spatialcatalog.node.record.ParsedRecord;
import org.spatialcatalog.node.record.RecordProperties;
import org.spatialcatalog.node.record.RecordXmlParser;
import org.spatialcatalog.node.record.StoredProperties;
import org.spatialcatalog.node.sql.Placeholders;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./catalog bench csw}: one node (no broker: nothing to synchronise) over an H2 TCP server
 * in this JVM, or with {@code --db postgres} over PostgreSQL from the embedded binaries, holding
 * {@code records} generated ISO 19139 records ({@link BenchLoad#generate}).
 *
 * <p>Loading: the documents are parsed with the node's own {@link RecordXmlParser} and written
 * straight into {@code metadata_record} with multi-row INSERTs, with their built-in properties as a
 * writing node stores them (public records, no change-log rows, as records older than the
 * change-log retention are), then the node rebuilds its index from the database ({@code POST
 * /api/admin/index/rebuild}). That is the catalog's own bulk path for a database filled by other
 * means (a restore, a legacy import), and it takes minutes where 200,000 {@code POST /api/records}
 * would take hours on a loaded machine; the output says so.
 *
 * <p>Then, side by side in one run, the same query (a word of the generated titles and a box
 * covering a quarter of the globe, 10 results) as CSW GetRecords (KVP, CQL {@code AnyText LIKE ...
 * AND BBOX(...)}, summary, csw:Record) and as {@code GET /api/search}, each by 8 concurrent clients
 * for a fixed number of requests after a warm-up: p50, p99 and requests/s. Last, a full OAI-PMH
 * ListRecords in each format ({@link OaiListBenchmark}).
 */
final class CswBenchmark {

  private static final int CLIENTS = 8;
  private static final String WORD = "moisture";
  private static final String BBOX = "-180,0,0,90";

  private final int records;
  private final int requests;
  private final BenchDatabase.Kind database;
  private final Path dir;
  private final Path jfr;
  private final PrintStream out;

  /** {@code jfr}: a directory for the node's flight recording, or null for none. */
  CswBenchmark(
      int records, int requests, BenchDatabase.Kind database, Path dir, Path jfr, PrintStream out) {
    this.records = records;
    this.database = database;
    this.requests = requests;
    this.dir = dir;
    this.jfr = jfr;
    this.out = out;
  }

  private List<String> nodeJvm() throws IOException {
    if (jfr == null) {
      return List.of("-Xmx1g");
    }
    Files.createDirectories(jfr);
    return List.of("-Xmx1g", BenchCluster.flightRecording(jfr));
  }

  void run() throws Exception {
    Files.createDirectories(dir);
    BenchDatabase db = BenchDatabase.start(database, dir.resolve("db"), FreePorts.pick());
    LocalCluster cluster = null;
    try {
      out.println("starting 1 node on " + database + "...");
      cluster =
          LocalCluster.start(
              new LocalCluster.Options(
                  dir,
                  Jar.location(),
                  1,
                  LocalCluster.ANY_FREE_PORTS,
                  db.url(),
                  db.user(),
                  db.password(),
                  null,
                  "bench",
                  nodeJvm(),
                  List.of()),
              // Generous: on a loaded 2-core machine a node has taken over 3 minutes to start.
              Duration.ofMinutes(10));
      CatalogClient node = cluster.client(1);
      load(db, node);
      String csw =
          "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record"
              + "&resultType=results&elementSetName=summary&maxRecords=10"
              + "&constraintLanguage=CQL_TEXT&constraint_language_version=1.1.0&constraint="
              + URLEncoder.encode(
                  "AnyText LIKE '%" + WORD + "%' AND BBOX(ows:BoundingBox, " + BBOX + ")",
                  StandardCharsets.UTF_8);
      String json = "/api/search?size=10&q=" + WORD + "&bbox=" + BBOX;
      long cswTotal = total(node.getPublic(csw).body());
      long jsonTotal = node.getPublic(json).json().path("total").asLong();
      out.printf(
          "query: AnyText/q '%s' and bbox %s: %d matches by CSW, %d by the JSON search%n",
          WORD, BBOX, cswTotal, jsonTotal);
      if (cswTotal != jsonTotal) {
        throw new IllegalStateException("CSW and the JSON search disagree on the query");
      }
      Latencies cswTimes = measure(node, csw);
      Latencies jsonTimes = measure(node, json);
      out.printf(
          "%-34s %8s %8s %10s%n", "8 clients, " + requests + " requests", "p50", "p99", "req/s");
      cswTimes.print(out, "CSW GetRecords (summary, 10)");
      jsonTimes.print(out, "JSON /api/search (10)");
      out.printf(
          "CSW p50 / JSON p50 = %.2f (target <= 2), CSW p99 %.1f ms (target <= 100 ms)%n",
          cswTimes.percentile(50) / Math.max(1e-9, jsonTimes.percentile(50)),
          cswTimes.percentile(99));
      OaiListBenchmark.run(node, records, out);
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      db.close();
    }
  }

  /** Bulk insert into the database, then a rebuild of the node's index from it. */
  private void load(BenchDatabase db, CatalogClient node) throws Exception {
    long started = System.nanoTime();
    RecordXmlParser parser = new RecordXmlParser();
    Instant now = Instant.now();
    int batch = 100;
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      for (int from = 0; from < records; from += 5000) {
        int count = Math.min(5000, records - from);
        List<BenchLoad.Doc> docs = BenchLoad.generate(count, from);
        for (int i = 0; i < count; i += batch) {
          int n = Math.min(batch, count - i);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO metadata_record (id, uuid, schema_id, title, abstract_text,"
                      + " keywords, west, south, east, north, date_stamp, version, created_at,"
                      + " change_date, owner_id, group_owner, operations, xml_doc, properties,"
                      + " properties_version) VALUES "
                      + Placeholders.rows(n, 20))) {
            int p = 1;
            for (int k = i; k < i + n; k++) {
              ParsedRecord r = parser.parse(docs.get(k).xml());
              Bbox b = r.bbox();
              ps.setString(p++, RecordId.newId());
              ps.setString(p++, r.uuid());
              ps.setString(p++, r.schema().id());
              ps.setString(p++, r.title());
              ps.setString(p++, r.abstractText());
              ps.setString(p++, String.join("\n", r.keywords()));
              ps.setObject(p++, b == null ? null : b.west());
              ps.setObject(p++, b == null ? null : b.south());
              ps.setObject(p++, b == null ? null : b.east());
              ps.setObject(p++, b == null ? null : b.north());
              ps.setTimestamp(p++, r.dateStamp() == null ? null : Timestamp.from(r.dateStamp()));
              ps.setLong(p++, 1);
              ps.setTimestamp(p++, Timestamp.from(now));
              ps.setTimestamp(p++, Timestamp.from(now));
              ps.setObject(p++, null);
              ps.setObject(p++, null);
              ps.setObject(p++, null);
              ps.setString(p++, r.xml());
              ps.setString(
                  p++, StoredProperties.encode(RecordProperties.of(r.schema().id(), r.xml())));
              ps.setLong(p++, 1);
            }
            ps.executeUpdate();
          }
        }
        c.commit();
        out.printf("  %d records in the database%n", from + count);
      }
    }
    double insertSeconds = (System.nanoTime() - started) / 1e9;
    CatalogClient.Response rebuilt =
        node.postAndWait("/api/admin/index/rebuild", Duration.ofHours(1));
    if (rebuilt.status() != 200) {
      throw new IllegalStateException(
          "rebuild answered " + rebuilt.status() + ": " + rebuilt.body());
    }
    JsonNode r = rebuilt.json();
    out.printf(
        "loaded %d records: bulk INSERT into metadata_record (parsed by the node's parser) in"
            + " %.1f s (%.0f records/s), then index rebuild in %.1f s (%.0f records/s);"
            + " not %d POST /api/records%n",
        records,
        insertSeconds,
        records / insertSeconds,
        r.path("millis").asLong() / 1000.0,
        r.path("records").asLong() * 1000.0 / Math.max(1, r.path("millis").asLong()),
        records);
    if (r.path("records").asLong() < records) {
      throw new IllegalStateException("the rebuild indexed only " + r.path("records") + " records");
    }
  }

  /** {@code requests} GETs of {@code path} by {@link #CLIENTS} clients, after a warm-up. */
  private Latencies measure(CatalogClient node, String path) throws Exception {
    run(node, path, Math.max(CLIENTS * 10, requests / 5));
    return run(node, path, requests);
  }

  private Latencies run(CatalogClient node, String path, int total) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    AtomicInteger left = new AtomicInteger(total);
    List<Long> nanos = Collections.synchronizedList(new ArrayList<>(total));
    long started = System.nanoTime();
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(
            pool.submit(
                () -> {
                  while (left.getAndDecrement() > 0) {
                    long t = System.nanoTime();
                    CatalogClient.Response r = node.getPublic(path);
                    if (r.status() != 200 || r.body().contains("ExceptionReport")) {
                      throw new IllegalStateException(
                          path + " answered " + r.status() + ": " + r.body());
                    }
                    nanos.add(System.nanoTime() - t);
                  }
                  return null;
                }));
      }
      for (Future<?> f : clients) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Latencies(new ArrayList<>(nanos), System.nanoTime() - started);
  }

  private static long total(String getRecordsResponse) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("numberOfRecordsMatched=\"(\\d+)\"")
            .matcher(getRecordsResponse);
    if (!m.find()) {
      throw new IllegalStateException("not a GetRecords response: " + getRecordsResponse);
    }
    return Long.parseLong(m.group(1));
  }

  /** Request latencies and the wall time of the run. */
  private record Latencies(List<Long> nanos, long wallNanos) {
    double percentile(int p) {
      List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, i)) / 1e6;
    }

    void print(PrintStream out, String name) {
      out.printf(
          "%-34s %6.1f ms %6.1f ms %10.0f%n",
          name, percentile(50), percentile(99), nanos.size() * 1e9 / wallNanos);
    }
  }
}
