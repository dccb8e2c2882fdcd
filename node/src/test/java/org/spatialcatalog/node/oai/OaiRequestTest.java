package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OaiRequestTest {

  static Map<String, String[]> params(String... nameValues) {
    Map<String, String[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.merge(nameValues[i], new String[] {nameValues[i + 1]}, (a, b) -> {
        String[] both = java.util.Arrays.copyOf(a, a.length + 1);
        both[a.length] = b[0];
        return both;
      });
    }
    return m;
  }

  static String code(Map<String, String[]> params) {
    try {
      OaiRequest.parse(params);
      return null;
    } catch (OaiException e) {
      return e.code();
    }
  }

  @Test
  void acceptsEachVerbWithItsArguments() throws Exception {
    assertThat(OaiRequest.parse(params("verb", "Identify")).arguments()).isEmpty();
    assertThat(OaiRequest.parse(params("verb", "ListRecords", "metadataPrefix", "oai_dc",
        "from", "2026-01-01", "until", "2026-02-01", "set", "local")).arguments())
        .containsOnlyKeys("metadataPrefix", "from", "until", "set");
    assertThat(OaiRequest.parse(params("verb", "ListIdentifiers", "resumptionToken", "x"))
        .argument("resumptionToken")).isEqualTo("x");
    assertThat(OaiRequest.parse(params("verb", "GetRecord", "identifier", "oai:a:b",
        "metadataPrefix", "oai_dc")).verb()).isEqualTo("GetRecord");
  }

  @Test
  void refusesWhatTheProtocolRefuses() {
    assertThat(code(params())).isEqualTo("badVerb");
    assertThat(code(params("verb", "listrecords"))).isEqualTo("badVerb");
    assertThat(code(params("verb", "Identify", "verb", "Identify"))).isEqualTo("badVerb");
    assertThat(code(params("verb", "Identify", "set", "x"))).isEqualTo("badArgument");
    assertThat(code(params("verb", "ListRecords"))).isEqualTo("badArgument");
    assertThat(code(params("verb", "ListSets", "metadataPrefix", "oai_dc")))
        .isEqualTo("badArgument");
    assertThat(code(params("verb", "ListRecords", "metadataPrefix", "a", "metadataPrefix", "b")))
        .isEqualTo("badArgument");
    assertThat(code(params("verb", "ListRecords", "resumptionToken", "t", "set", "local")))
        .isEqualTo("badArgument");
    assertThat(code(params("verb", "GetRecord", "identifier", "oai:a:b")))
        .isEqualTo("badArgument");
    assertThat(code(params("verb", "ListRecords", "metadataPrefix", ""))).isEqualTo("badArgument");
  }

  @Test
  void datesHaveTwoGranularitiesAndUntilIsInclusive() throws Exception {
    OaiDates.Bound day = OaiDates.parse("until", "2026-03-04");
    assertThat(day.day()).isTrue();
    assertThat(day.end()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
    OaiDates.Bound second = OaiDates.parse("until", "2026-03-04T05:06:07Z");
    assertThat(second.end()).isEqualTo(Instant.parse("2026-03-04T05:06:08Z"));
    for (String bad : new String[] {"2026-3-4", "2026-02-30", "2026-03-04T05:06Z",
        "2026-03-04T05:06:07.5Z", "2026-03-04T05:06:07+01:00", "yesterday"}) {
      assertThatThrownBy(() -> OaiDates.parse("from", bad)).as(bad)
          .isInstanceOfSatisfying(OaiException.class,
              e -> assertThat(e.code()).isEqualTo("badArgument"));
    }
    assertThat(OaiDates.format(Instant.parse("2026-03-04T05:06:07.999Z")))
        .isEqualTo("2026-03-04T05:06:07Z");
  }

  @Test
  void tokensRoundTripAndForgedTokensAreBadResumptionTokens() throws Exception {
    ResumptionToken t = new ResumptionToken(new ListQuery(MetadataFormat.ISO19139,
        "harvester:h-1", Instant.parse("2026-01-01T00:00:00Z"), null), new Position(42, ""), 300,
        1234);
    assertThat(ResumptionToken.decode(t.encode())).isEqualTo(t);
    ResumptionToken first = new ResumptionToken(new ListQuery(MetadataFormat.OAI_DC, null, null,
        Instant.parse("2026-01-02T00:00:00Z")), new Position(0, "abc_1"), 3, 10);
    assertThat(ResumptionToken.decode(first.encode())).isEqualTo(first);
    assertThat(first.encode()).matches("[A-Za-z0-9_-]+");
    for (String bad : new String[] {"", "!!!", "bm9wZQ", t.encode().substring(3),
        java.util.Base64.getUrlEncoder().encodeToString("1\nmarc\n\n\n\n1\n\n0\n0".getBytes())}) {
      assertThatThrownBy(() -> ResumptionToken.decode(bad)).as(bad)
          .isInstanceOfSatisfying(OaiException.class,
              e -> assertThat(e.code()).isEqualTo("badResumptionToken"));
    }
  }

  @Test
  void embeddedDocumentsLoseTheirPrologOnly() {
    String xml = "\uFEFF<?xml version=\"1.0\"?>\n<!-- c --><?pi x?>\n<a:b xmlns:a=\"u\"/>";
    assertThat(xml.substring(OaiWriter.rootStart(xml))).isEqualTo("<a:b xmlns:a=\"u\"/>");
    assertThat(OaiWriter.rootStart("<?xml broken")).isZero();
    assertThat(OaiWriter.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
  }
}
