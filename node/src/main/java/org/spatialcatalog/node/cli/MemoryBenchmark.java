package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.spatialcatalog.node.cli.BenchCommand.Figure;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./catalog bench memory}: one node with {@code -Xmx512m} is given {@code records} records
 * (loaded straight into the database with their change-log entries, {@link BenchRecords}), indexes
 * them by following the change log, then rebuilds its index from the database. It passes when the
 * node is still alive and its log has no {@code OutOfMemoryError}. Reports the largest heap use
 * sampled (every 500 ms, {@code jvm.memory.used}, area heap), the live heap after the last major
 * collection ({@code jvm.gc.live.data.size}) and the size of the index directory, each also per
 * million records.
 */
final class MemoryBenchmark {

  private MemoryBenchmark() {}

  static boolean run(BenchCluster c, int records, PrintStream out, List<Figure> figures)
      throws Exception {
    CatalogClient node = c.clients.get(0);
    AtomicLong peak = new AtomicLong();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                try {
                  peak.accumulateAndGet(
                      (long) metric(node, "jvm.memory.used?tag=area:heap"), Math::max);
                  Thread.sleep(500);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                } catch (IOException | RuntimeException e) {
                  // the node may be busy or gone; the end of the run says which
                }
              }
            },
            "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    try {
      // The node follows the change log while the records are loaded, so its rate is taken from
      // the start of loading: from the end, a node that kept up showed millions of records a
      // second. When the node keeps up, the figure is the load's rate, not the node's.
      long started = System.nanoTime();
      BenchRecords.load(c.db, records, 5, out);
      new SyncBenchmark(c.clients, out, figures).awaitCaughtUp(Duration.ofHours(3));
      double indexRate = records / ((System.nanoTime() - started) / 1e9);
      long peakIndexing = peak.getAndSet(0);
      double liveIndexed = metric(node, "jvm.gc.live.data.size");
      long indexBytes = size(c.node(1).nodeDir().resolve("index"));
      out.printf(
          "indexed %d records by following the change log, from the start of loading at %.0f"
              + " records/s; heap peak %s,"
              + " live after the last major GC %s; index %s%n",
          records, indexRate, mb(peakIndexing), mb(liveIndexed), mb(indexBytes));
      CatalogClient.Response answer =
          node.postAndWait("/api/admin/index/rebuild", Duration.ofHours(1));
      SyncBenchmark.expect(answer, 200, "rebuild");
      JsonNode r = answer.json();
      long peakRebuild = peak.get();
      double liveRebuilt = metric(node, "jvm.gc.live.data.size");
      long rebuiltBytes = size(c.node(1).nodeDir().resolve("index"));
      out.printf(
          "rebuilt %d records in %d ms; heap peak %s, live after the last major GC %s; index %s%n",
          r.path("records").asLong(),
          r.path("millis").asLong(),
          mb(peakRebuild),
          mb(liveRebuilt),
          mb(rebuiltBytes));
      boolean alive = c.node(1).isAlive();
      boolean oom =
          Files.readString(c.node(1).logFile(), StandardCharsets.ISO_8859_1)
              .contains("OutOfMemoryError");
      double perMillion = 1e6 / records;
      figures.add(
          new Figure(
              "records held by one node (-Xmx512m)",
              String.valueOf(records),
              "1000000",
              records >= 1_000_000 ? "size met" : "smaller run"));
      figures.add(
          new Figure(
              "  follow the change log: heap peak / live",
              mb(peakIndexing) + " / " + mb(liveIndexed),
              "",
              String.format("%.0f records/s", indexRate)));
      figures.add(
          new Figure(
              "  rebuild: heap peak / live",
              mb(peakRebuild) + " / " + mb(liveRebuilt),
              "",
              r.path("millis").asLong() + " ms"));
      figures.add(
          new Figure(
              "  index size, per million records",
              mb(rebuiltBytes) + ", " + mb(rebuiltBytes * perMillion),
              "",
              ""));
      figures.add(
          new Figure(
              "  live heap per million records (after rebuild)",
              mb(liveRebuilt * perMillion),
              "",
              ""));
      figures.add(
          new Figure(
              "no OutOfMemoryError, node alive",
              alive && !oom ? "yes" : "NO",
              "yes",
              alive && !oom ? "met" : "NOT met"));
      return alive && !oom;
    } finally {
      sampling.set(false);
      sampler.interrupt();
    }
  }

  private static double metric(CatalogClient node, String name)
      throws IOException, InterruptedException {
    return node.json("/actuator/metrics/" + name)
        .path("measurements")
        .path(0)
        .path("value")
        .asDouble();
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static String mb(double bytes) {
    return String.format("%.0f MB", bytes / (1024 * 1024));
  }
}
