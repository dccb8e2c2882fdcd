package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.client.CatalogClient;

/** {@link RecordPoster} against the JDK's HTTP server standing in for a node. */
class RecordPosterTest {

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
  private volatile int status = 201;
  private volatile String answer = "{\"id\":\"r1\"}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/records", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestHeaders().getFirst("Content-Type")
            + " "
            + exchange.getRequestHeaders().getFirst("Authorization")
            + " "
            + body);
    clientPorts.add(exchange.getRemoteAddress().getPort());
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private RecordPoster poster() {
    CatalogClient node =
        new CatalogClient("http://127.0.0.1:" + server.getAddress().getPort(), "secret");
    return new RecordPoster(node);
  }

  @Test
  void postsTheRecordWithTheNodesCredentialsAndReadsTheAnswer() throws IOException {
    RecordPoster.Answer r = poster().post("<gmd:MD_Metadata/>");

    assertThat(r).isEqualTo(new RecordPoster.Answer(201, "{\"id\":\"r1\"}"));
    assertThat(seen)
        .containsExactly(
            "POST application/xml Basic YWRtaW46c2VjcmV0 <gmd:MD_Metadata/>"); // admin:secret
  }

  @Test
  void anErrorAnswerKeepsItsStatusAndBody() throws IOException {
    status = 409;
    answer = "{\"error\":\"uuid taken\"}";

    assertThat(poster().post("<x/>")).isEqualTo(new RecordPoster.Answer(409, answer));
  }

  @Test
  void oneThreadsPostsShareOneConnection() throws IOException {
    RecordPoster poster = poster();
    for (int i = 0; i < 3; i++) {
      assertThat(poster.post("<x/>").status()).isEqualTo(201);
    }

    // A new connection would come from a new client port.
    assertThat(clientPorts).hasSize(3);
    assertThat(clientPorts.stream().distinct()).hasSize(1);
  }
}
