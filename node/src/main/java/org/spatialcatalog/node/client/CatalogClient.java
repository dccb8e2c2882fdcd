package org.spatialcatalog.node.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for one node's API, used by the demo, the benchmarks, the chaos run and the
 * tests.
 */
public final class CatalogClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final String baseUrl;
  private final String authorization;

  public CatalogClient(String baseUrl, String adminPassword) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.baseUrl = baseUrl;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
  }

  /** An HTTP answer: status and body. */
  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The {@code Authorization} header this client sends (HTTP Basic, the admin account). */
  public String authorization() {
    return authorization;
  }

  public Response get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  public Response getPublic(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60)).GET());
  }

  public Response getXml(String path) throws IOException, InterruptedException {
    return send(request(path).header("Accept", "application/xml").GET());
  }

  public Response post(String path, String xml) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/xml")
            .POST(HttpRequest.BodyPublishers.ofString(xml == null ? "" : xml)));
  }

  /**
   * POST with no body, waiting up to {@code timeout} for the answer instead of the usual 120 s: for
   * calls that take as long as the catalog is large, such as an index rebuild.
   */
  public Response postAndWait(String path, Duration timeout)
      throws IOException, InterruptedException {
    return send(request(path).timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public Response put(String path, String xml) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/xml")
            .PUT(HttpRequest.BodyPublishers.ofString(xml)));
  }

  public Response postJson(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
  }

  public Response putJson(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  /** GET {@code path} and parse the JSON body; fails unless the status is 200. */
  public JsonNode json(String path) throws IOException, InterruptedException {
    Response r = get(path);
    if (r.status() != 200) {
      throw new IOException("GET " + path + " answered " + r.status() + ": " + r.body());
    }
    return r.json();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(120))
        .header("Authorization", authorization);
  }

  private Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers());
  }
}
