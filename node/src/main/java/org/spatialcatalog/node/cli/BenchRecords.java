package org.spatialcatalog.node.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.record.SampleRecords;

/**
 * The documents the benchmark writes: ISO 19139 records ({@link SampleRecords#iso19139}) with a
 * fresh random uuid each and titles, abstracts, keywords and extents drawn from small
 * vocabularies, so the index gets realistic variety (distinct terms, several keywords, boxes all
 * over the globe, a few crossing the antimeridian) rather than one document repeated. Built
 * before a phase starts, so generating them does not count in any timing.
 */
final class BenchRecords {

  /** One document to write and the uuid to search it by. */
  record Doc(String uuid, String xml) {}

  private static final String[] SUBJECTS = {
    "Land cover", "Sea surface temperature", "Bathymetry", "Road network", "Soil moisture",
    "Population density", "Flood extent", "Protected areas", "Groundwater level", "Air quality",
    "Glacier outlines", "Forest canopy height", "Coastline", "Building footprints", "Wind speed"
  };
  private static final String[] PLACES = {
    "Alps", "Baltic Sea", "Danube basin", "Sahel", "Andes", "Great Lakes", "Mekong delta",
    "Pacific islands", "Scandinavia", "Iberian peninsula", "Ganges plain", "Patagonia",
    "Bering Strait", "Rhine valley", "Antarctic peninsula"
  };
  private static final String[] SOURCES = {
    "satellite imagery", "airborne lidar", "field surveys", "tide gauges", "census returns",
    "weather stations", "aerial photographs", "sonar soundings", "model reanalysis"
  };
  private static final String[] KEYWORDS = {
    "environment", "hydrography", "elevation", "climatology", "transportation", "biota",
    "oceans", "society", "geoscientific information", "imagery base maps", "inland waters",
    "planning cadastre", "utilities communication", "health", "farming", "boundaries",
    "INSPIRE", "open data", "monitoring", "time series", "reference data", "1:25000",
    "1:250000", "daily", "annual"
  };

  private BenchRecords() {}

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
      String title = subject + " of the " + place + ", " + year + " (series " + seed + "-" + i + ")";
      String abstractText =
          subject + " for the " + place + " derived from " + source + " collected in " + year
              + ". Resolution " + (1 + random.nextInt(500)) + " m, updated "
              + (random.nextBoolean() ? "monthly" : "yearly") + ". Quality checked against "
              + pick(random, SOURCES) + "; see the lineage statement for processing steps and"
              + " known limitations near the " + pick(random, PLACES) + ".";
      Set<String> keywords = new LinkedHashSet<>();
      int wanted = 2 + random.nextInt(5);
      while (keywords.size() < wanted) {
        keywords.add(pick(random, KEYWORDS));
      }
      Instant stamp = base.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 365)));
      docs.add(
          new Doc(
              uuid,
              SampleRecords.iso19139(
                  uuid, title, abstractText, List.copyOf(keywords), bbox(random), stamp)));
    }
    return docs;
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
