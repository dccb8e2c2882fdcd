package org.spatialcatalog.node.harvest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.record.SampleRecords;
import org.spatialcatalog.node.xml.XmlText;

/**
 * A local HTTP server that plays every remote source type over one mutable list of records: CSW
 * ({@code /csw}), OAI-PMH ({@code /oai}), WMS ({@code /wms}) and another catalog ({@code
 * /catalog/api/...}). Faults on demand: a delay per request, bursts of 503 answers, records served
 * without a title (per-record failures). Every request is logged with its time.
 */
final class StubSource implements AutoCloseable {

  /** One source record. */
  record Rec(String uuid, String title, int version) {}

  /** A request the source received. */
  record Request(Instant at, String path, Map<String, String> query) {}

  final List<Rec> records = new CopyOnWriteArrayList<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final Set<String> broken = ConcurrentHashMap.newKeySet();
  final AtomicInteger failNext = new AtomicInteger();
  final List<String> hooks = new CopyOnWriteArrayList<>();
  volatile long delayMillis;
  volatile int oaiPageSize = 20;

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "stub-source");
            t.setDaemon(true);
            return t;
          });

  StubSource() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Adds {@code n} records whose titles contain {@code marker}. */
  StubSource withRecords(String marker, int n) {
    for (int i = 0; i < n; i++) {
      records.add(new Rec(marker + "-" + i, marker + " record " + i, 1));
    }
    return this;
  }

  long requestsAfter(Instant t) {
    return requests.stream().filter(r -> r.at().isAfter(t)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/hook")) {
        hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        send(exchange, 204, "text/plain", "");
        return;
      }
      requests.add(new Request(Instant.now(), path, q));
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
      if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        send(exchange, 503, "text/plain", "busy, try later");
        return;
      }
      List<Rec> snapshot = List.copyOf(records);
      if (path.equals("/csw")) {
        send(exchange, 200, "application/xml", csw(q, snapshot));
      } else if (path.equals("/oai")) {
        send(exchange, 200, "text/xml", oai(q, snapshot));
      } else if (path.equals("/wms")) {
        send(exchange, 200, "application/xml", wms(snapshot));
      } else if (path.equals("/catalog/api/search")) {
        send(exchange, 200, "application/json", search(q, snapshot));
      } else if (path.startsWith("/catalog/api/records/")) {
        String uuid = path.substring("/catalog/api/records/".length());
        Rec r = snapshot.stream().filter(x -> x.uuid().equals(uuid)).findFirst().orElse(null);
        if (r == null) {
          send(exchange, 404, "text/plain", "no record " + uuid);
        } else {
          send(exchange, 200, "application/xml", iso(r));
        }
      } else {
        send(exchange, 404, "text/plain", "unknown path " + path);
      }
    } catch (IOException clientGone) {
      // The harvester aborted its request: nothing to answer.
    }
  }

  String iso(Rec r) {
    String xml =
        SampleRecords.iso19139(
            r.uuid(),
            r.title() + (r.version() > 1 ? " v" + r.version() : ""),
            "Harvest test record " + r.uuid(),
            List.of("HarvestTest"),
            new Bbox(2, 45, 8, 50),
            Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.version()));
    xml = xml.substring(xml.indexOf("?>") + 2).trim();
    if (broken.contains(r.uuid())) {
      // Well-formed, but without a title: the catalog refuses it, the page stays readable.
      xml = xml.replaceAll("(?s)<gmd:title>.*?</gmd:title>", "");
    }
    return xml;
  }

  private String dc(Rec r) {
    String xml =
        SampleRecords.dublinCore(
            r.uuid(), r.title(), "Harvest test record", List.of("HarvestTest"), null, null);
    return xml.substring(xml.indexOf("?>") + 2).trim();
  }

  private String csw(Map<String, String> q, List<Rec> all) {
    if ("GetRecordById".equals(q.get("request"))) {
      StringBuilder out =
          new StringBuilder(
              "<csw:GetRecordByIdResponse xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\">");
      all.stream()
          .filter(r -> r.uuid().equals(q.get("id")))
          .findFirst()
          .ifPresent(r -> out.append(iso(r)));
      return out.append("</csw:GetRecordByIdResponse>").toString();
    }
    int start = Integer.parseInt(q.getOrDefault("startPosition", "1"));
    int max = Integer.parseInt(q.getOrDefault("maxRecords", "10"));
    boolean dublinCore = "http://www.opengis.net/cat/csw/2.0.2".equals(q.get("outputSchema"));
    boolean brief = "brief".equals(q.get("elementSetName"));
    int from = Math.min(all.size(), start - 1);
    int to = Math.min(all.size(), from + max);
    StringBuilder out = new StringBuilder();
    out.append(
        "<csw:GetRecordsResponse xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">");
    out.append("<csw:SearchResults numberOfRecordsMatched=\"")
        .append(all.size())
        .append("\" numberOfRecordsReturned=\"")
        .append(to - from)
        .append("\" nextRecord=\"")
        .append(to >= all.size() ? 0 : to + 1)
        .append("\">");
    for (Rec r : all.subList(from, to)) {
      if (brief) {
        out.append("<csw:BriefRecord><dc:identifier>")
            .append(XmlText.escape(r.uuid()))
            .append("</dc:identifier></csw:BriefRecord>");
      } else {
        out.append(dublinCore ? dc(r) : iso(r));
      }
    }
    return out.append("</csw:SearchResults></csw:GetRecordsResponse>").toString();
  }

  private String oai(Map<String, String> q, List<Rec> all) {
    int from = q.containsKey("resumptionToken") ? Integer.parseInt(q.get("resumptionToken")) : 0;
    int to = Math.min(all.size(), from + oaiPageSize);
    StringBuilder out =
        new StringBuilder(
            "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>"
                + Instant.now()
                + "</responseDate><request verb=\"ListRecords\"/>");
    if (all.isEmpty()) {
      return out.append("<error code=\"noRecordsMatch\">nothing</error></OAI-PMH>").toString();
    }
    out.append("<ListRecords>");
    for (Rec r : all.subList(Math.min(from, all.size()), to)) {
      out.append("<record><header><identifier>oai:stub:")
          .append(XmlText.escape(r.uuid()))
          .append("</identifier><datestamp>2026-01-0")
          .append(Math.min(9, r.version()))
          .append("</datestamp></header><metadata>")
          .append(iso(r))
          .append("</metadata></record>");
    }
    out.append("<resumptionToken>")
        .append(to < all.size() ? String.valueOf(to) : "")
        .append("</resumptionToken></ListRecords></OAI-PMH>");
    return out.toString();
  }

  private String wms(List<Rec> all) {
    StringBuilder out =
        new StringBuilder(
            "<WMS_Capabilities version=\"1.3.0\" xmlns=\"http://www.opengis.net/wms\">"
                + "<Service><Name>WMS</Name><Title>Stub</Title></Service><Capability><Layer>"
                + "<Title>Root</Title><EX_GeographicBoundingBox><westBoundLongitude>1"
                + "</westBoundLongitude><eastBoundLongitude>9</eastBoundLongitude>"
                + "<southBoundLatitude>44</southBoundLatitude><northBoundLatitude>51"
                + "</northBoundLatitude></EX_GeographicBoundingBox>");
    for (Rec r : all) {
      out.append("<Layer><Name>")
          .append(XmlText.escape(r.uuid()))
          .append("</Name><Title>")
          .append(XmlText.escape(r.title()))
          .append("</Title><Abstract>Layer ")
          .append(XmlText.escape(r.uuid()))
          .append(
              "</Abstract><KeywordList><Keyword>HarvestTest" + "</Keyword></KeywordList></Layer>");
    }
    return out.append("</Layer></Capability></WMS_Capabilities>").toString();
  }

  private String search(Map<String, String> q, List<Rec> all) {
    int from = Integer.parseInt(q.getOrDefault("from", "0"));
    int size = Integer.parseInt(q.getOrDefault("size", "20"));
    List<Rec> sorted = new ArrayList<>(all);
    sorted.sort(java.util.Comparator.comparing(Rec::title));
    StringBuilder out = new StringBuilder("{\"total\":" + sorted.size() + ",\"hits\":[");
    int to = Math.min(sorted.size(), from + size);
    for (int i = from; i < to; i++) {
      Rec r = sorted.get(i);
      if (i > from) {
        out.append(',');
      }
      out.append("{\"id\":\"")
          .append(r.uuid())
          .append("\",\"uuid\":\"")
          .append(r.uuid())
          .append("\",\"title\":\"")
          .append(r.title())
          .append("\",\"version\":")
          .append(r.version())
          .append('}');
    }
    return out.append("]}").toString();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
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
