package org.spatialcatalog.node.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.spatialcatalog.node.client.CatalogClient;

/**
 * Posts records for the write phases of {@code bench sync}, on the calling thread, through the
 * JDK's {@link HttpURLConnection}, which keeps the connection open for the thread's next request.
 *
 * <p>Why not {@code CatalogClient}: its {@code java.net.http.HttpClient} hands every request
 * between the caller, its selector thread and a worker thread, and in {@code bench sync} those
 * threads took 0.6 ms of CPU a write, on the cores the nodes share (issue 11, twenty-first step). A
 * benchmark whose own clients take a tenth of the machine understates the cluster. The JDK keeps at
 * most {@code http.maxConnections} idle connections to one server (default 5), so {@link
 * BenchCommand} raises that to the most threads that post at once.
 *
 * <p>The body is not streamed ({@code setFixedLengthStreamingMode}): the connection then buffers it
 * and sends the headers and the body in one write, as Python's {@code http.client} does. Sent
 * apart, the body often arrived after the node's request thread had read the headers, which then
 * waited for it through Tomcat's poller: about three more thread switches a write, the writer's and
 * Tomcat's, on the shared cores (issue 11, twenty-fifth step).
 */
final class RecordPoster {

  /** An answer: its status and body. */
  record Answer(int status, String body) {}

  private final URL records;
  private final String authorization;

  /** Posts to the node {@code node} talks to, with its credentials. */
  RecordPoster(CatalogClient node) {
    try {
      this.records = URI.create(node.baseUrl() + "/api/records").toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException("not a node address: " + node.baseUrl(), e);
    }
    this.authorization = node.authorization();
  }

  /** {@code POST /api/records} with {@code xml}. */
  Answer post(String xml) throws IOException {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    HttpURLConnection c = (HttpURLConnection) records.openConnection();
    c.setRequestMethod("POST");
    c.setConnectTimeout(5_000);
    c.setReadTimeout(120_000);
    c.setDoOutput(true);
    // No streaming mode: see the class comment.
    c.setRequestProperty("Content-Type", "application/xml");
    // Not the JDK's default, which asks for HTML and images first.
    c.setRequestProperty("Accept", "application/json");
    c.setRequestProperty("Authorization", authorization);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    // Read to the end and close, not disconnect: that returns the connection for the next post.
    return new Answer(status, in == null ? "" : readAll(in));
  }

  private static String readAll(InputStream in) throws IOException {
    try (in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
