package org.spatialcatalog.node.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.record.SampleRecords;

/**
 * The local harvest sources of a chaos run: an OAI-PMH 2.0 endpoint ({@code /oai}) and a CSW 2.0.2
 * endpoint ({@code /csw}), each over its own fixed list of generated records. Every 97th record has
 * no title (the catalog must refuse it, and only it); every fifth page is slow. The content changes
 * while the run goes on ({@link #revise}): a revised record gets a new title and a new OAI
 * datestamp, so a harvest after {@link #freeze()} must end with the latest content.
 */
final class ChaosSource implements AutoCloseable {

  static final int INVALID_EVERY = 97;
  private static final int OAI_PAGE = 100;
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  /** One of the two protocols, with its records' revisions. */
  enum Feed {
    OAI("chaos-oai-", "ChaosOai"),
    CSW("chaos-csw-", "ChaosCsw");

    final String uuidPrefix;
    final String keyword;

    Feed(String uuidPrefix, String keyword) {
      this.uuidPrefix = uuidPrefix;
      this.keyword = keyword;
    }
  }

  private final int size;
  private final Map<Feed, AtomicIntegerArray> revisions = new HashMap<>();
  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          8,
          r -> {
            Thread t = new Thread(r, "chaos-source");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean frozen;

  ChaosSource(int size) throws IOException {
    this.size = size;
    for (Feed feed : Feed.values()) {
      revisions.put(feed, new AtomicIntegerArray(size));
    }
    server =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 100);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(Feed feed) {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + (feed == Feed.OAI ? "/oai" : "/csw");
  }

  int size() {
    return size;
  }

  static boolean valid(int i) {
    return i % INVALID_EVERY != INVALID_EVERY - 1;
  }

  static String uuid(Feed feed, int i) {
    return feed.uuidPrefix + i;
  }

  /** The title record {@code i} has now. */
  String title(Feed feed, int i) {
    return feed.keyword + " record " + i + " revision " + revisions.get(feed).get(i);
  }

  /** Gives {@code count} random records a new revision; returns how many changed. */
  int revise(Random random, int count) {
    if (frozen) {
      return 0;
    }
    for (int n = 0; n < count; n++) {
      Feed feed = random.nextBoolean() ? Feed.OAI : Feed.CSW;
      revisions.get(feed).incrementAndGet(random.nextInt(size));
    }
    return count;
  }

  /** No more revisions: the content a final harvest must end with. */
  void freeze() {
    frozen = true;
  }

  private String iso(Feed feed, int i) {
    String xml =
        SampleRecords.iso19139(
            uuid(feed, i),
            title(feed, i),
            "Chaos harvest record " + i,
            java.util.List.of(feed.keyword),
            new Bbox(2, 45, 8, 50),
            BASE.plusSeconds(revisions.get(feed).get(i)));
    xml = xml.substring(xml.indexOf("?>") + 2).trim();
    if (!valid(i)) {
      xml = xml.replaceAll("(?s)<gmd:title>.*?</gmd:title>", "");
    }
    return xml;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
      String path = exchange.getRequestURI().getPath();
      int page;
      String body;
      if (path.equals("/oai")) {
        int from = q.containsKey("resumptionToken") ? parse(q.get("resumptionToken")) : 0;
        page = from / OAI_PAGE;
        body = oai(from);
      } else if (path.equals("/csw")) {
        int start = parse(q.getOrDefault("startPosition", "1"));
        int max = Math.max(1, Math.min(500, parse(q.getOrDefault("maxRecords", "10"))));
        page = (start - 1) / max;
        body = csw(start, max);
      } else {
        send(exchange, 404, "no such path " + path);
        return;
      }
      if (page % 5 == 2) {
        Thread.sleep(800);
      }
      send(exchange, 200, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException harvesterGone) {
      // The node aborted its request (killed, paused, timed out): nothing to answer.
    }
  }

  private String oai(int from) {
    int to = Math.min(size, from + OAI_PAGE);
    StringBuilder out =
        new StringBuilder(
            "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>"
                + Instant.now()
                + "</responseDate><request verb=\"ListRecords\"/><ListRecords>");
    for (int i = from; i < to; i++) {
      out.append("<record><header><identifier>oai:chaos:")
          .append(i)
          .append("</identifier><datestamp>")
          .append(BASE.plusSeconds(revisions.get(Feed.OAI).get(i)))
          .append("</datestamp></header><metadata>")
          .append(iso(Feed.OAI, i))
          .append("</metadata></record>");
    }
    out.append("<resumptionToken>")
        .append(to < size ? String.valueOf(to) : "")
        .append("</resumptionToken></ListRecords></OAI-PMH>");
    return out.toString();
  }

  private String csw(int start, int max) {
    int from = Math.max(0, Math.min(size, start - 1));
    int to = Math.min(size, from + max);
    StringBuilder out =
        new StringBuilder(
            "<csw:GetRecordsResponse"
                + " xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\"><csw:SearchResults"
                + " numberOfRecordsMatched=\""
                + size
                + "\" numberOfRecordsReturned=\""
                + (to - from)
                + "\" nextRecord=\""
                + (to >= size ? 0 : to + 1)
                + "\">");
    for (int i = from; i < to; i++) {
      out.append(iso(Feed.CSW, i));
    }
    return out.append("</csw:SearchResults></csw:GetRecordsResponse>").toString();
  }

  private static int parse(String number) {
    try {
      return Integer.parseInt(number.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
