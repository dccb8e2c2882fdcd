package org.spatialcatalog.node.cluster;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test caller of the HTTP API as one identity: a guest, HTTP Basic as a user, or a browser-like
 * session (cookie jar plus the CSRF token from the login answer).
 */
final class ApiCaller {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final String authorization;
  private final String baseUrl;
  private String csrfToken;
  private String forwardedFor;

  private ApiCaller(String baseUrl, String authorization, boolean cookies) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (cookies) {
      builder.cookieHandler(new CookieManager());
    }
    this.http = builder.build();
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  static ApiCaller guest(String baseUrl) {
    return new ApiCaller(baseUrl, null, false);
  }

  static ApiCaller basic(String baseUrl, String user, String password) {
    return new ApiCaller(
        baseUrl,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
        false);
  }

  /** A cookie-holding caller that has not logged in yet. */
  static ApiCaller browser(String baseUrl) {
    return new ApiCaller(baseUrl, null, true);
  }

  /** POST /api/login and remember the CSRF token; returns the answer. */
  CatalogClient.Response login(String user, String password) throws Exception {
    CatalogClient.Response r =
        send(
            "POST",
            "/api/login",
            "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
            "application/json");
    if (r.status() == 200) {
      csrfToken = r.json().path("csrfToken").asString();
    }
    return r;
  }

  /** Sends {@code X-Forwarded-For: address}, as a load balancer would for a client. */
  ApiCaller forwardedFor(String address) {
    forwardedFor = address;
    return this;
  }

  CatalogClient.Response head(String path) throws Exception {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  CatalogClient.Response patchJson(String path, String json) throws Exception {
    return send("PATCH", path, json, "application/json");
  }

  void withoutCsrfToken() {
    csrfToken = null;
  }

  CatalogClient.Response get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  CatalogClient.Response getXml(String path) throws Exception {
    HttpRequest.Builder b = request(path).header("Accept", "application/xml").GET();
    return send(b);
  }

  JsonNode json(String path) throws Exception {
    CatalogClient.Response r = get(path);
    if (r.status() != 200) {
      throw new IOException("GET " + path + " answered " + r.status() + ": " + r.body());
    }
    return r.json();
  }

  CatalogClient.Response postXml(String path, String xml) throws Exception {
    return send("POST", path, xml, "application/xml");
  }

  CatalogClient.Response putXml(String path, String xml) throws Exception {
    return send("PUT", path, xml, "application/xml");
  }

  CatalogClient.Response postJson(String path, String json) throws Exception {
    return send("POST", path, json, "application/json");
  }

  CatalogClient.Response putJson(String path, String json) throws Exception {
    return send("PUT", path, json, "application/json");
  }

  CatalogClient.Response post(String path) throws Exception {
    return send("POST", path, null, null);
  }

  CatalogClient.Response delete(String path) throws Exception {
    return send("DELETE", path, null, null);
  }

  CatalogClient.Response send(String method, String path, String body, String type)
      throws Exception {
    HttpRequest.Builder b =
        request(path)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return send(b);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (csrfToken != null) {
      b.header("X-CSRF-TOKEN", csrfToken);
    }
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    return b;
  }

  private CatalogClient.Response send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new CatalogClient.Response(r.statusCode(), r.body(), r.headers());
  }

  static JsonNode parse(String body) {
    return JSON.readTree(body);
  }
}
