package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.spatialcatalog.node.cli.BenchCommand.Figure;
import org.spatialcatalog.node.cli.BenchLoad.Doc;
import org.spatialcatalog.node.cli.BenchLoad.Tally;
import org.spatialcatalog.node.client.CatalogClient;

/**
 * Search under load: {@code clients} threads send {@code GET /api/search} with a word, a bounding
 * box and a keyword (all drawn from the documents' vocabularies, so most queries match thousands of
 * records) to node 1 as fast as it answers, for {@code seconds} s, while a paced writer posts
 * {@code writeRate} new records/s to the same node. Reports searches/s, search latency p50/p99 and
 * the writes achieved meanwhile.
 */
final class SearchBenchmark {

  private static final String[] WORDS = {
    "land", "temperature", "bathymetry", "road", "soil", "population", "flood", "protected",
    "groundwater", "air", "glacier", "forest", "coastline", "buildings", "wind", "lidar",
    "satellite", "survey", "alps", "baltic", "danube", "andes", "mekong", "patagonia"
  };
  private static final String[] KEYWORDS = {
    "environment",
    "hydrography",
    "elevation",
    "climatology",
    "transportation",
    "biota",
    "oceans",
    "society",
    "INSPIRE",
    "open data",
    "monitoring",
    "time series",
    "daily",
    "annual"
  };

  private SearchBenchmark() {}

  static void run(
      CatalogClient node,
      int records,
      int clients,
      int seconds,
      int writeRate,
      PrintStream out,
      List<Figure> figures)
      throws Exception {
    Tally searches = new Tally();
    Tally writes = new Tally();
    AtomicLong hits = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Doc> docs = BenchLoad.generate(writeRate * seconds + writeRate, 3);
    ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
    ExecutorService writers = Executors.newFixedThreadPool(Math.max(8, writeRate / 4));
    RecordPoster poster = new RecordPoster(node);
    long started = System.nanoTime();
    long end = started + seconds * 1_000_000_000L;
    for (int c = 0; c < clients; c++) {
      long seed = c;
      pool.execute(
          () -> {
            Random random = new Random(seed);
            while (running.get()) {
              String path = query(random);
              long t = System.nanoTime();
              try {
                CatalogClient.Response r = node.getPublic(path);
                if (r.status() == 200) {
                  searches.ok(System.nanoTime() - t);
                  hits.addAndGet(r.json().path("total").asLong());
                } else {
                  searches.failed("HTTP " + r.status() + ": " + r.body());
                }
              } catch (IOException e) {
                searches.failed(e.toString());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
            }
          });
    }
    pool.execute(
        () -> {
          for (int i = 0; ; i++) {
            long due = started + Math.round(i * 1e9 / writeRate);
            if (due >= end) {
              return;
            }
            for (long left; (left = due - System.nanoTime()) > 0; ) {
              LockSupport.parkNanos(left);
            }
            Doc doc = docs.get(i);
            writers.execute(() -> BenchLoad.write(poster, doc, writes));
          }
        });
    for (long left; (left = end - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
    running.set(false);
    pool.shutdown();
    writers.shutdown();
    pool.awaitTermination(2, TimeUnit.MINUTES);
    writers.awaitTermination(2, TimeUnit.MINUTES);
    double took = (System.nanoTime() - started) / 1e9;
    double rate = searches.ok() / took;
    out.printf(
        "search load on %s (%d records, %d clients, text + bbox + keyword, %d s, writes paced at"
            + " %d/s): %.0f searches/s, p50 %.0f ms, p99 %.0f ms, %d failed%s; %.0f hits per"
            + " search on average; writes meanwhile %.1f/s, %d failed%s%n",
        node.baseUrl(),
        records,
        clients,
        seconds,
        writeRate,
        rate,
        searches.ms(0.5),
        searches.ms(0.99),
        searches.failed.get(),
        searches.why(),
        searches.ok() == 0 ? 0.0 : hits.get() / (double) searches.ok(),
        writes.ok() / took,
        writes.failed.get(),
        writes.why());
    figures.add(
        new Figure(
            "search, " + clients + " clients, " + records + " records, writes " + writeRate + "/s",
            String.format(
                "%.0f req/s, p50 %.0f / p99 %.0f ms", rate, searches.ms(0.5), searches.ms(0.99)),
            "",
            searches.failed.get() + " failed"));
    figures.add(
        new Figure(
            "  writes during the search load",
            String.format("%.1f/s of %d/s", writes.ok() / took, writeRate),
            "",
            writes.failed.get() + " failed"));
  }

  private static String query(Random random) {
    double w = -180 + random.nextDouble() * 300;
    double s = -90 + random.nextDouble() * 120;
    String bbox =
        String.format(
            java.util.Locale.ROOT, "%.2f,%.2f,%.2f,%.2f", w, s, w + 60, Math.min(90, s + 50));
    return "/api/search?q="
        + WORDS[random.nextInt(WORDS.length)]
        + "&bbox="
        + bbox
        + "&keyword="
        + URLEncoder.encode(KEYWORDS[random.nextInt(KEYWORDS.length)], StandardCharsets.UTF_8);
  }
}
