package org.spatialcatalog.node.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** HTTP Basic calls as a database user (the lock workload's editors), with a short timeout. */
final class UserHttp {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String authorization;

  UserHttp(String user, String password) {
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The status of {@code method url} with an optional XML body. */
  int send(String method, String url, String xml) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .header("Content-Type", "application/xml")
            .method(
                method,
                xml == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(xml));
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * The body of {@code POST url} with an XML body, or null unless the record was stored: a 201, or
   * a 503 that says it was stored but is not yet searchable on that node (a slow index is not a
   * refused write).
   */
  String create(String url, String xml) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .header("Content-Type", "application/xml")
            .POST(HttpRequest.BodyPublishers.ofString(xml))
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    boolean stored =
        r.statusCode() == 201 || (r.statusCode() == 503 && History.storedAnyway(r.body()));
    return stored ? r.body() : null;
  }
}
