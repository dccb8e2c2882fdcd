package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.record.SampleRecords;

/**
 * The load the benchmark puts on a cluster: the documents, a single write, finding a written record
 * again by its uuid, and the tally (latencies, failures) the figures are computed from.
 *
 * <p>The documents are ISO 19139 records ({@link SampleRecords#iso19139}) with a fresh random uuid
 * each and titles, abstracts, keywords and extents drawn from small vocabularies, so the index gets
 * realistic variety (distinct terms, several keywords, boxes all over the globe, a few crossing the
 * antimeridian) rather than one document repeated. They are built before a phase starts, so
 * generating them counts in no timing.
 */
final class BenchLoad {

  /** One document to write, the uuid to search it by, and the fields its XML carries. */
  record Doc(
      String uuid,
      String xml,
      String title,
      String abstractText,
      List<String> keywords,
      Bbox bbox,
      Instant stamp) {}

  private static final String[] SUBJECTS = {
    "Land cover", "Sea surface temperature", "Bathymetry", "Road network", "Soil moisture",
    "Population density", "Flood extent", "Protected areas", "Groundwater level", "Air quality",
    "Glacier outlines", "Forest canopy height", "Coastline", "Building footprints", "Wind speed"
  };
  private static final String[] PLACES = {
    "Alps",
    "Baltic Sea",
    "Danube basin",
    "Sahel",
    "Andes",
    "Great Lakes",
    "Mekong delta",
    "Pacific islands",
    "Scandinavia",
    "Iberian peninsula",
    "Ganges plain",
    "Patagonia",
    "Bering Strait",
    "Rhine valley",
    "Antarctic peninsula"
  };
  private static final String[] SOURCES = {
    "satellite imagery",
    "airborne lidar",
    "field surveys",
    "tide gauges",
    "census returns",
    "weather stations",
    "aerial photographs",
    "sonar soundings",
    "model reanalysis"
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
    "geoscientific information",
    "imagery base maps",
    "inland waters",
    "planning cadastre",
    "utilities communication",
    "health",
    "farming",
    "boundaries",
    "INSPIRE",
    "open data",
    "monitoring",
    "time series",
    "reference data",
    "1:25000",
    "1:250000",
    "daily",
    "annual"
  };

  private BenchLoad() {}

  /** {@code count} distinct documents; the same {@code seed} gives the same texts. */
  static List<Doc> generate(int count, long seed) {
    Random random = new Random(seed);
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    List<Doc> docs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String uuid = UUID.randomUUID().toString();
      String subject = pick(random, SUBJECTS);
      String place = pick(random, PLACES);
      String source = pick(random, SOURCES);
      int year = 1990 + random.nextInt(35);
      String title =
          subject + " of the " + place + ", " + year + " (series " + seed + "-" + i + ")";
      String abstractText =
          subject
              + " for the "
              + place
              + " derived from "
              + source
              + " collected in "
              + year
              + ". Resolution "
              + (1 + random.nextInt(500))
              + " m, updated "
              + (random.nextBoolean() ? "monthly" : "yearly")
              + ". Quality checked against "
              + pick(random, SOURCES)
              + "; see the lineage statement for processing steps and"
              + " known limitations near the "
              + pick(random, PLACES)
              + ".";
      Set<String> keywords = new LinkedHashSet<>();
      int wanted = 2 + random.nextInt(5);
      while (keywords.size() < wanted) {
        keywords.add(pick(random, KEYWORDS));
      }
      Instant stamp = base.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 365)));
      Bbox bbox = bbox(random);
      List<String> kw = List.copyOf(keywords);
      docs.add(
          new Doc(
              uuid,
              SampleRecords.iso19139(uuid, title, abstractText, kw, bbox, stamp),
              title,
              abstractText,
              kw,
              bbox,
              stamp));
    }
    return docs;
  }

  /** Posts {@code doc} through {@code node} and notes the outcome; true if it answered 201. */
  static boolean write(RecordPoster node, Doc doc, Tally tally) {
    long started = System.nanoTime();
    try {
      RecordPoster.Answer r = node.post(doc.xml());
      if (r.status() == 201) {
        tally.ok(System.nanoTime() - started);
        return true;
      }
      tally.failed("HTTP " + r.status() + ": " + r.body());
    } catch (IOException e) {
      tally.failed(e.toString());
    }
    return false;
  }

  /**
   * Notes in {@code probed.get(k)} how long from now {@code uuid} takes to be found by a search on
   * {@code nodes.get(k)}, polling every 5 ms, giving up after 10 s.
   */
  static void probe(List<CatalogClient> nodes, String uuid, List<Tally> probed) {
    long from = System.nanoTime();
    boolean[] seen = new boolean[probed.size()];
    try {
      for (int pending = seen.length; pending > 0; Thread.sleep(5)) {
        for (int k = 0; k < seen.length; k++) {
          if (!seen[k] && found(nodes.get(k), uuid)) {
            probed.get(k).ok(System.nanoTime() - from);
            seen[k] = true;
            pending--;
          } else if (!seen[k] && System.nanoTime() - from > 10_000_000_000L) {
            probed.get(k).failed("not found in 10 s");
            seen[k] = true;
            pending--;
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      probed.forEach(p -> p.failed("probe failed: " + e));
    }
  }

  /** Whether a search for {@code uuid} on {@code node} finds that record first. */
  static boolean found(CatalogClient node, String uuid) throws IOException, InterruptedException {
    CatalogClient.Response r =
        node.getPublic("/api/search?size=1&q=" + URLEncoder.encode(uuid, StandardCharsets.UTF_8));
    return r.status() == 200 && uuid.equals(r.json().path("hits").path(0).path("uuid").asString());
  }

  /** Successful write latencies, the time of the last success, failures and the first reason. */
  static final class Tally {
    final AtomicInteger failed = new AtomicInteger();
    final AtomicLong lastDone = new AtomicLong(System.nanoTime());
    final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    volatile String firstError;

    void ok(long latency) {
      nanos.add(latency);
      lastDone.accumulateAndGet(System.nanoTime(), Math::max);
    }

    void failed(String why) {
      if (failed.getAndIncrement() == 0) {
        firstError = why.length() > 200 ? why.substring(0, 200) + "..." : why;
      }
    }

    int ok() {
      return nanos.size();
    }

    /** Successes per second from {@code startNanos} to the last success. */
    double perSecondSince(long startNanos) {
      return ok() / (Math.max(1, lastDone.get() - startNanos) / 1e9);
    }

    /** Prints every 10 s how many of {@code total} writes have succeeded, and the recent rate. */
    ScheduledExecutorService printProgress(PrintStream out, int total) {
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      AtomicInteger before = new AtomicInteger();
      ticker.scheduleAtFixedRate(
          () -> {
            int now = ok();
            out.printf(
                "  ... %d of %d written (%.0f/s over the last 10 s)%n",
                now, total, (now - before.getAndSet(now)) / 10.0);
          },
          10,
          10,
          TimeUnit.SECONDS);
      return ticker;
    }

    String why() {
      return firstError == null ? "" : " (first: " + firstError + ")";
    }

    double ms(double q) {
      List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(q * sorted.size()) - 1) / 1e6;
    }
  }

  private static Bbox bbox(Random random) {
    double width = 0.1 + random.nextDouble() * 30;
    double height = 0.1 + random.nextDouble() * 20;
    double west = -180 + random.nextDouble() * 360;
    double south = -90 + random.nextDouble() * (180 - height);
    double east = west + width;
    if (east > 180) {
      east -= 360; // crosses the antimeridian: west > east
    }
    return new Bbox(round(west), round(south), round(east), round(south + height));
  }

  private static double round(double degrees) {
    return Math.round(degrees * 10_000) / 10_000.0;
  }

  private static String pick(Random random, String[] words) {
    return words[random.nextInt(words.length)];
  }
}
