package org.spatialcatalog.node.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.client.CatalogClient;

/** How the chaos run classes an answer: what the checker may then require of the database. */
class HistoryTest {

  private static CatalogClient.Response answer(int status, String body) {
    return new CatalogClient.Response(status, body, HttpHeaders.of(Map.of(), (a, b) -> true));
  }

  @Test
  void aWriteStoredButNotYetSearchableIsAcknowledged() {
    String problem =
        "{\"title\":\"Stored but not yet searchable\",\"status\":503,"
            + "\"recordId\":\"r1\",\"version\":3,\"stored\":true}";
    assertThat(History.outcome(answer(503, problem))).isEqualTo(History.Outcome.ACKNOWLEDGED);
  }

  @Test
  void anyOther503IsUnknownAndA4xxIsRefused() {
    assertThat(History.outcome(answer(503, "{\"title\":\"Messaging unavailable\"}")))
        .isEqualTo(History.Outcome.UNKNOWN);
    assertThat(History.outcome(answer(503, "<html>busy</html>")))
        .isEqualTo(History.Outcome.UNKNOWN);
    assertThat(History.outcome(answer(503, "{\"stored\":false}")))
        .isEqualTo(History.Outcome.UNKNOWN);
    assertThat(History.outcome(answer(400, "{\"stored\":true}")))
        .isEqualTo(History.Outcome.REFUSED);
    assertThat(History.outcome(answer(201, "{}"))).isEqualTo(History.Outcome.ACKNOWLEDGED);
  }
}
