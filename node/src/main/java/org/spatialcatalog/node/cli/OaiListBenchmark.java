package org.spatialcatalog.node.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spatialcatalog.node.client.CatalogClient;

/**
 * A full OAI-PMH ListRecords of a node, page after page with its resumption tokens, as a harvester
 * does it: records/s for each format. One client, so the figure is the rate one harvester gets, not
 * the node's capacity.
 */
final class OaiListBenchmark {

  private static final Pattern TOKEN = Pattern.compile("<resumptionToken[^>]*>([^<]*)<");
  private static final Pattern RECORD = Pattern.compile("<record>");

  private OaiListBenchmark() {}

  /** Lists everything in each format; throws when a listing has fewer than {@code expected}. */
  static void run(CatalogClient client, long expected, PrintStream out) throws Exception {
    for (String format : new String[] {"iso19139", "oai_dc"}) {
      long started = System.nanoTime();
      long records = 0;
      int pages = 0;
      String query = "verb=ListRecords&metadataPrefix=" + format;
      while (query != null) {
        CatalogClient.Response r = client.get("/oai?" + query);
        if (r.status() != 200 || r.body().contains("<error")) {
          throw new IllegalStateException(
              "ListRecords page "
                  + (pages + 1)
                  + " failed: "
                  + r.body().substring(0, Math.min(300, r.body().length())));
        }
        pages++;
        Matcher m = RECORD.matcher(r.body());
        while (m.find()) {
          records++;
        }
        Matcher t = TOKEN.matcher(r.body());
        query =
            t.find() && !t.group(1).isEmpty()
                ? "verb=ListRecords&resumptionToken="
                    + URLEncoder.encode(t.group(1), StandardCharsets.UTF_8)
                : null;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (records < expected) {
        throw new IllegalStateException(
            "ListRecords " + format + " listed " + records + " of " + expected + " records");
      }
      out.printf(
          "OAI-PMH ListRecords %-8s  %d records in %d pages, %.1f s: %.0f records/s"
              + " (target >= 5000)%n",
          format, records, pages, seconds, records / seconds);
    }
  }
}
