package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResumptionTokenTest {

  @Test
  void tokensRoundTripAndForgedTokensAreBadResumptionTokens() throws Exception {
    ResumptionToken t =
        new ResumptionToken(
            new ListQuery(
                MetadataFormat.ISO19139,
                "harvester:h-1",
                Instant.parse("2026-01-01T00:00:00Z"),
                null),
            new Position(42, ""),
            300,
            1234);
    assertThat(ResumptionToken.decode(t.encode())).isEqualTo(t);
    ResumptionToken first =
        new ResumptionToken(
            new ListQuery(MetadataFormat.OAI_DC, null, null, Instant.parse("2026-01-02T00:00:00Z")),
            new Position(0, "abc_1"),
            3,
            10);
    assertThat(ResumptionToken.decode(first.encode())).isEqualTo(first);
    assertThat(first.encode()).matches("[A-Za-z0-9_-]+");
    for (String bad :
        new String[] {
          "",
          "!!!",
          "bm9wZQ",
          t.encode().substring(3),
          java.util.Base64.getUrlEncoder().encodeToString("1\nmarc\n\n\n\n1\n\n0\n0".getBytes())
        }) {
      assertThatThrownBy(() -> ResumptionToken.decode(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              OaiException.class, e -> assertThat(e.code()).isEqualTo("badResumptionToken"));
    }
  }
}
