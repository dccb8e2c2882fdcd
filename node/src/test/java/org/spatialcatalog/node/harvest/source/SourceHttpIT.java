package org.spatialcatalog.node.harvest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.harvest.StubServer;
import org.spatialcatalog.node.harvest.StubServer.Reply;
import org.springframework.util.unit.DataSize;

/** The source HTTP client against a stub that trickles, stalls, floods and asks to wait. */
class SourceHttpIT {

  final StubServer server = new StubServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private static byte[] body(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  private SourceHttp http(
      Duration idle, Duration deadline, DataSize max, int retries, Duration horizon) {
    return TestAccess.access(10, TestAccess.properties(idle, deadline, max, retries, horizon))
        .http();
  }

  @Test
  void aBodyThatTricklesIsCutAtTheRequestDeadline() {
    // 10 bytes every 300 ms: never idle for a second, but 60 s for the whole body.
    server.on(
        "/slow", Reply.bytes(200, "text/xml", body(2000)).trickle(10, Duration.ofMillis(300)));
    SourceHttp http =
        http(
            Duration.ofSeconds(1),
            Duration.ofSeconds(3),
            DataSize.ofMegabytes(1),
            0,
            Duration.ofSeconds(10));
    assertThatThrownBy(() -> http.fetch(URI.create(server.url("/slow")), "text/xml"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no complete answer within PT3S")
        .hasMessageContaining("catalog.harvest.request-deadline");
  }

  @Test
  void aBodyThatStallsIsCutAtTheIdleTimeout() {
    server.on("/stall", Reply.bytes(200, "text/xml", body(100)).trickle(50, Duration.ofSeconds(5)));
    SourceHttp http =
        http(
            Duration.ofMillis(700),
            Duration.ofMinutes(1),
            DataSize.ofMegabytes(1),
            0,
            Duration.ofSeconds(10));
    assertThatThrownBy(() -> http.fetch(URI.create(server.url("/stall")), "text/xml"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no data for PT0.7S")
        .hasMessageContaining("catalog.harvest.http-timeout");
  }

  @Test
  void anAnswerLargerThanTheCapIsRefusedAndNotRetried() {
    server.on("/big", Reply.bytes(200, "text/xml", body(50_000)));
    SourceHttp http =
        http(
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            DataSize.ofKilobytes(16),
            3,
            Duration.ofSeconds(10));
    assertThatThrownBy(() -> http.fetch(URI.create(server.url("/big")), "text/xml"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("exceeds 16384B (catalog.harvest.max-response-size)");
    assertThat(server.requests("/big")).hasSize(1);
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    server.on("/busy", Reply.status(503, "busy").header("Retry-After", "2"), Reply.xml("<ok/>"));
    SourceHttp http =
        http(
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            DataSize.ofMegabytes(1),
            3,
            Duration.ofSeconds(30));
    assertThat(new String(http.fetch(URI.create(server.url("/busy")), "text/xml")))
        .isEqualTo("<ok/>");
    List<StubServer.Request> asked = server.requests("/busy");
    assertThat(asked).hasSize(2);
    // The back-off alone would have waited 50 ms.
    assertThat(Duration.between(asked.get(0).at(), asked.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void retriesStopAtTheRetryHorizon() {
    server.on("/down", Reply.status(503, "down"));
    SourceHttp http =
        http(
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            DataSize.ofMegabytes(1),
            1000,
            Duration.ofSeconds(2));
    assertThatThrownBy(() -> http.fetch(URI.create(server.url("/down")), "text/xml"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("catalog.harvest.retry-horizon PT2S");
    assertThat(server.requests("/down").size()).isBetween(2, 100);
  }

  @Test
  void aRetryAfterBeyondTheHorizonFailsAtOnceSayingSo() {
    server.on("/later", Reply.status(429, "slow down").header("Retry-After", "3600"));
    SourceHttp http =
        http(
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            DataSize.ofMegabytes(1),
            5,
            Duration.ofSeconds(30));
    assertThatThrownBy(() -> http.fetch(URI.create(server.url("/later")), "text/xml"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("Retry-After 3600");
    assertThat(server.requests("/later")).hasSize(1);
  }
}
