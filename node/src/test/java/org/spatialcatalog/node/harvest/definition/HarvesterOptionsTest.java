package org.spatialcatalog.node.harvest.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HarvesterOptionsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void givenOptionsComeBackAsTheSameJsonObject() {
    Map<String, Object> given =
        Map.of(
            "metadataPrefix", "oai_dc",
            "set", "maps",
            "from", "2026-01-31",
            "incremental", false,
            "removeVanished", false,
            "maxRemovalShare", 1,
            "webhookUrl", "https://ops.example.org/hook");
    HarvesterOptions options = HarvesterOptions.given(HarvesterType.OAIPMH, given);

    assertThat(options).isInstanceOf(OaiPmhOptions.class);
    // As JSON, the way the API answers and the database stores them: 1 stays 1.
    assertThat(JSON.writeValueAsString(new TreeMap<>(options.toMap())))
        .isEqualTo(JSON.writeValueAsString(new TreeMap<>(given)));
    OaiPmhOptions oai = (OaiPmhOptions) options;
    assertThat(oai.metadataPrefixOrDefault()).isEqualTo("oai_dc");
    assertThat(oai.isIncremental()).isFalse();
    assertThat(oai.common().removesVanished()).isFalse();
    assertThat(oai.common().maxRemovalShareOr(0.3)).isEqualTo(1.0);
  }

  @Test
  void absentOptionsTakeTheirDefaultsAndStayAbsent() {
    CswOptions csw = (CswOptions) HarvesterOptions.given(HarvesterType.CSW, null);

    assertThat(csw.toMap()).isEmpty();
    assertThat(csw.outputSchemaUri()).isEqualTo(CswOptions.ISO_SCHEMA);
    assertThat(csw.byId()).isFalse();
    assertThat(csw.common().removesVanished()).isTrue();
    assertThat(csw.common().maxRemovalShareOr(0.3)).isEqualTo(0.3);
    assertThat(
            ((WmsOptions) HarvesterOptions.given(HarvesterType.WMS, Map.of())).versionOrDefault())
        .isEqualTo("1.3.0");
  }

  @Test
  void anUnknownOptionIsRefusedNamingItAndTheKnownOnes() {
    assertThatThrownBy(
            () -> HarvesterOptions.given(HarvesterType.WMS, Map.of("metadataPrefix", "oai_dc")))
        .isInstanceOfSatisfying(
            InvalidHarvesterException.class,
            e -> {
              assertThat(e.field()).isEqualTo("options.metadataPrefix");
              assertThat(e.getMessage())
                  .contains(
                      "known options: [maxRemovalShare, removeVanished, version, webhookUrl]");
            });
  }

  @Test
  void anOptionOfTheWrongTypeOrOutOfRangeIsRefusedNamingIt() {
    assertField(HarvesterType.OAIPMH, Map.of("set", 5), "options.set");
    assertField(HarvesterType.OAIPMH, Map.of("incremental", "no"), "options.incremental");
    assertField(HarvesterType.OAIPMH, Map.of("from", "yesterday"), "options.from");
    assertField(HarvesterType.OAIPMH, Map.of("metadataPrefix", "marc"), "options.metadataPrefix");
    assertField(HarvesterType.CSW, Map.of("getRecordById", "true"), "options.getRecordById");
    assertField(HarvesterType.CSW, Map.of("outputSchema", "fgdc"), "options.outputSchema");
    assertField(HarvesterType.WMS, Map.of("version", "1.0.0"), "options.version");
    assertField(HarvesterType.CATALOG, Map.of("query", true), "options.query");
    assertField(HarvesterType.FOLDER, Map.of("removeVanished", "yes"), "options.removeVanished");
    assertField(HarvesterType.FOLDER, Map.of("maxRemovalShare", 1.5), "options.maxRemovalShare");
    assertField(HarvesterType.FOLDER, Map.of("maxRemovalShare", "half"), "options.maxRemovalShare");
    assertField(HarvesterType.FOLDER, Map.of("webhookUrl", "ftp://x/"), "options.webhookUrl");
  }

  @Test
  void storedOptionsAlwaysReadEvenUnderOlderRules() {
    HarvesterOptions options =
        HarvesterOptions.stored(
            HarvesterType.CATALOG, Map.of("query", 42, "retired", "x", "removeVanished", "false"));

    assertThat(((CatalogOptions) options).query()).isEqualTo("42");
    assertThat(options.common().removesVanished()).isFalse();
    assertThat(options.toMap()).containsOnlyKeys("query", "removeVanished");
  }

  private static void assertField(HarvesterType type, Map<String, Object> options, String field) {
    assertThatThrownBy(() -> HarvesterOptions.given(type, options))
        .isInstanceOfSatisfying(
            InvalidHarvesterException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
