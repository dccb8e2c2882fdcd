package org.spatialcatalog.node.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** Raw-bytes HTTP calls to the attachment API of one node, as admin or anonymously. */
final class AttachmentHttp {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String authorization;

  AttachmentHttp(String baseUrl, String adminPassword) {
    this.baseUrl = baseUrl;
    this.authorization =
        adminPassword == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
  }

  static AttachmentHttp admin(TestCluster cluster, int node) {
    return new AttachmentHttp(cluster.node(node).baseUrl(), TestCluster.PASSWORD);
  }

  static AttachmentHttp anonymous(TestCluster cluster, int node) {
    return new AttachmentHttp(cluster.node(node).baseUrl(), null);
  }

  HttpResponse<String> upload(String path, byte[] body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> upload(String path, HttpRequest.BodyPublisher body, String contentType)
      throws IOException, InterruptedException {
    return send(
        request(path).header("Content-Type", contentType).POST(body),
        HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> uploadAsync(String path, HttpRequest.BodyPublisher body) {
    return http.sendAsync(
        request(path).header("Content-Type", "application/octet-stream").POST(body).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A multipart/form-data upload with one file part. */
  HttpResponse<String> uploadMultipart(String path, String fileName, byte[] content)
      throws IOException, InterruptedException {
    String boundary = "catalog-test-boundary-7d3f";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return upload(
        path,
        HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
        "multipart/form-data; boundary=" + boundary);
  }

  HttpResponse<byte[]> download(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = request(path).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b, HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120));
    return authorization == null ? b : b.header("Authorization", authorization);
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return http.send(b.build(), handler);
  }
}
