package org.spatialcatalog.node.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.spatialcatalog.node.client.CatalogClient;

/**
 * A full OAI-PMH ListRecords of a node, page after page with its resumption tokens, as a harvester
 * does it: records/s for each format. One client, so the figure is the rate one harvester gets, not
 * the node's capacity.
 */
final class OaiListBenchmark {

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
        String body = r.body();
        records += occurrences(body, "<record>");
        String token = token(body);
        query =
            token != null && !token.isEmpty()
                ? "verb=ListRecords&resumptionToken="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8)
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

  /**
   * How often {@code tag} occurs in {@code body}. A plain search, as for the token below: with
   * regular expressions over each page of a megabyte, this client's thread spent most of its
   * profiled time matching them (2026-12-02), a cost of the client, not of the node.
   */
  private static long occurrences(String body, String tag) {
    long n = 0;
    for (int i = body.indexOf(tag); i >= 0; i = body.indexOf(tag, i + tag.length())) {
      n++;
    }
    return n;
  }

  /** The resumption token's text, or null when the page has none; it is the last element. */
  private static String token(String body) {
    int open = body.lastIndexOf("<resumptionToken");
    if (open < 0) {
      return null;
    }
    int start = body.indexOf('>', open) + 1;
    if (body.charAt(start - 2) == '/') {
      return "";
    }
    return body.substring(start, body.indexOf('<', start));
  }
}
