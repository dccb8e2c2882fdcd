package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OaiRequestTest {

  static Map<String, String[]> params(String... nameValues) {
    Map<String, String[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.merge(
          nameValues[i],
          new String[] {nameValues[i + 1]},
          (a, b) -> {
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
    assertThat(
            OaiRequest.parse(
                    params(
                        "verb",
                        "ListRecords",
                        "metadataPrefix",
                        "oai_dc",
                        "from",
                        "2026-01-01",
                        "until",
                        "2026-02-01",
                        "set",
                        "local"))
                .arguments())
        .containsOnlyKeys("metadataPrefix", "from", "until", "set");
    assertThat(
            OaiRequest.parse(params("verb", "ListIdentifiers", "resumptionToken", "x"))
                .argument("resumptionToken"))
        .isEqualTo("x");
    assertThat(
            OaiRequest.parse(
                    params(
                        "verb", "GetRecord", "identifier", "oai:a:b", "metadataPrefix", "oai_dc"))
                .verb())
        .isEqualTo("GetRecord");
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
    assertThat(code(params("verb", "GetRecord", "identifier", "oai:a:b"))).isEqualTo("badArgument");
    assertThat(code(params("verb", "ListRecords", "metadataPrefix", ""))).isEqualTo("badArgument");
  }
}
