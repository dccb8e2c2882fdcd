package org.spatialcatalog.node.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.record.SampleRecords;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./catalog bench harvest}: harvests a local OAI-PMH source of generated ISO 19139 records
 * into a local cluster ({@link BenchCluster}: the database, H2 server or PostgreSQL, and the broker
 * beside this process, nodes as separate JVMs) and prints the harvest throughput and the time until
 * the last record is searchable on every node, then lists every record through node 1's OAI-PMH
 * endpoint ({@link OaiListBenchmark}).
 */
final class HarvestBenchmark {

  /** The node heap of every harvest run, so that runs compare. */
  private static final String HEAP = "-Xmx768m";

  private static final String BATCH = "--catalog.harvest.batch-size=250";

  /**
   * Where the benchmark's cluster runs: the database kind and the ports of {@link BenchCluster}.
   */
  record Setup(
      BenchDatabase.Kind db,
      int basePort,
      int brokerPort,
      int dbPort,
      Path jfr,
      List<String> nodeJvmArgs,
      List<String> nodeArgs) {}

  private final int records;
  private final int warmup;
  private final int nodes;
  private final int pageSize;
  private final Path dir;
  private final Setup setup;

  HarvestBenchmark(int records, int warmup, int nodes, int pageSize, Path dir, Setup setup) {
    this.records = records;
    this.warmup = warmup;
    this.nodes = nodes;
    this.pageSize = pageSize;
    this.dir = dir;
    this.setup = setup;
  }

  /** The JVM options of every node, as {@link BenchCluster#start} gives them: for the summary. */
  private List<String> jvmArgs() {
    return BenchCluster.jvmArgs(HEAP, nodes, setup.nodeJvmArgs());
  }

  /** The batch size of every harvest run, so that runs compare, then the caller's arguments. */
  private List<String> nodeArgs() {
    List<String> args = new ArrayList<>(List.of(BATCH));
    args.addAll(setup.nodeArgs());
    return args;
  }

  void run() throws Exception {
    QuietLogging.apply();
    Files.createDirectories(dir);
    HttpServer source = source();
    String marker = "bench" + Long.toString(System.currentTimeMillis(), 36);
    try (BenchCluster cluster =
        BenchCluster.start(
            dir,
            nodes,
            setup.basePort(),
            setup.brokerPort(),
            setup.dbPort(),
            setup.db(),
            setup.jfr(),
            System.out,
            HEAP,
            setup.nodeJvmArgs(),
            nodeArgs())) {
      CatalogClient client = cluster.clients.get(0);
      if (warmup > 0) {
        // The nodes start cold: in the first profiled run (2026-12-02) the JIT compiler took
        // about half of each node's CPU during the harvest. A catalog harvests for days, so the
        // figure is taken once the code is compiled; the warm-up is printed apart.
        String warmMarker = marker + "w";
        Duration warm = harvest(cluster, source, warmMarker, warmup, Instant.now());
        System.out.printf(
            "warm-up: %d records harvested and searchable everywhere in %.1f s = %.0f records/s"
                + " (not the figure)%n",
            warmup, warm.toMillis() / 1000.0, warmup * 1000.0 / warm.toMillis());
      }
      CpuMeter.Reading cpuBefore = CpuMeter.read();
      Instant start = Instant.now();
      Duration harvest = harvestJob(client, source, marker, records, start);
      Duration[] searchable = awaitSearchable(cluster, marker, records, start);
      CpuMeter.Reading cpuAfter = CpuMeter.read();
      Duration all = searchable[nodes - 1];
      for (Duration d : searchable) {
        all = d.compareTo(all) > 0 ? d : all;
      }
      System.out.printf(
          "records harvested:             %d (source pages of %d)%n", records, pageSize);
      System.out.printf("harvest time:                  %.1f s%n", harvest.toMillis() / 1000.0);
      System.out.printf(
          "harvest throughput:            %.0f records/s%n", records * 1000.0 / harvest.toMillis());
      for (int n = 0; n < nodes; n++) {
        System.out.printf(
            "all records searchable node %d: %.1f s after the run started%n",
            n + 1, searchable[n].toMillis() / 1000.0);
      }
      System.out.printf(
          "end-to-end (searchable everywhere): %.0f records/s%n",
          records * 1000.0 / all.toMillis());
      // Steadier than the rate on a machine whose speed varies: which process a change came from.
      System.out.printf(
          "CPU per record:                %s%n",
          CpuMeter.perRecordMicros(cpuBefore, cpuAfter, records));
      String byThread = CpuMeter.byThread(cpuBefore, cpuAfter, records / 1000.0);
      if (!byThread.isEmpty()) {
        System.out.printf("CPU per record by thread, µs:  %s%n", byThread);
      }
      OaiListBenchmark.run(client, records + (long) warmup, System.out);
      System.out.printf(
          "run: %d nodes (%s), this JVM (source, database, broker) %s, database %s, %d records"
              + " after a warm-up of %d; node arguments %s%n",
          nodes,
          String.join(" ", jvmArgs()),
          BenchCommand.ownJvmOptions(),
          setup.db(),
          records,
          warmup,
          String.join(" ", nodeArgs()));
    } finally {
      source.stop(0);
      // HttpServer.stop leaves the executor's (non-daemon) threads running: the JVM would not exit.
      ((java.util.concurrent.ExecutorService) source.getExecutor()).shutdownNow();
    }
  }

  /** Harvests {@code count} records and waits until every node finds them all. */
  private Duration harvest(
      BenchCluster cluster, HttpServer source, String marker, int count, Instant start)
      throws IOException, InterruptedException {
    harvestJob(cluster.clients.get(0), source, marker, count, start);
    return awaitSearchable(cluster, marker, count, start)[nodes - 1];
  }

  /**
   * Creates an {@code oaipmh} harvester of {@code count} records named by {@code marker}, runs it
   * and waits for its job to end; returns the time from {@code start} to the job's end.
   */
  private Duration harvestJob(
      CatalogClient client, HttpServer source, String marker, int count, Instant start)
      throws IOException, InterruptedException {
    String url =
        "http://127.0.0.1:" + source.getAddress().getPort() + "/oai?m=" + marker + "&n=" + count;
    CatalogClient.Response created =
        client.postJson(
            "/api/harvesters",
            "{\"name\":\"" + marker + "\",\"type\":\"oaipmh\",\"url\":\"" + url + "\"}");
    String harvester = created.json().path("id").asString();
    String job =
        client.post("/api/harvesters/" + harvester + "/run", "").json().path("jobId").asString();
    JsonNode state;
    do {
      Thread.sleep(500);
      state = client.json("/api/harvest-jobs/" + job);
    } while (state.path("state").asString().matches("QUEUED|RUNNING"));
    Duration took = Duration.between(start, Instant.now());
    System.out.printf("job %s %s: %s%n", job, state.path("state").asString(), state.path("counts"));
    if (!"SUCCEEDED".equals(state.path("state").asString())) {
      throw new IllegalStateException("harvest job " + job + " ended " + state);
    }
    return took;
  }

  /** The time from {@code start} until each node finds {@code count} records by {@code marker}. */
  private Duration[] awaitSearchable(BenchCluster cluster, String marker, int count, Instant start)
      throws IOException, InterruptedException {
    Duration[] searchable = new Duration[nodes];
    for (int n = 1; n <= nodes; n++) {
      CatalogClient c = cluster.clients.get(n - 1);
      while (c.json("/api/search?q=" + marker + "&size=1").path("total").asLong() < count) {
        Thread.sleep(200);
      }
      searchable[n - 1] = Duration.between(start, Instant.now());
    }
    return searchable;
  }

  /**
   * An OAI-PMH source of generated ISO 19139 records, never all in memory: {@code m} names the
   * records, {@code n} says how many there are.
   */
  private HttpServer source() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/oai", this::page);
    server.start();
    return server;
  }

  private void page(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String marker = query.replaceAll(".*m=([a-z0-9]+).*", "$1");
    int records = Integer.parseInt(query.replaceAll("(?:^|.*&)n=([0-9]+).*", "$1"));
    int from =
        query.contains("resumptionToken=")
            ? Integer.parseInt(query.replaceAll(".*resumptionToken=([0-9]+).*", "$1"))
            : 0;
    int to = Math.min(records, from + pageSize);
    StringBuilder out = new StringBuilder(pageSize * 4000);
    out.append("<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><ListRecords>");
    for (int i = from; i < to; i++) {
      String xml =
          SampleRecords.iso19139(
              marker + "-" + i,
              marker + " record " + i,
              "Generated benchmark record " + i,
              List.of("Benchmark", "Theme " + (i % 50)),
              new Bbox(-10 + i % 20, 40, 0 + i % 20, 50),
              Instant.parse("2026-01-01T00:00:00Z"));
      out.append("<record><header><identifier>")
          .append(marker)
          .append('-')
          .append(i)
          .append("</identifier><datestamp>2026-01-01</datestamp></header><metadata>")
          .append(xml, xml.indexOf("?>") + 2, xml.length())
          .append("</metadata></record>");
    }
    out.append("<resumptionToken>")
        .append(to < records ? String.valueOf(to) : "")
        .append("</resumptionToken></ListRecords></OAI-PMH>");
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(bytes);
    }
  }
}
