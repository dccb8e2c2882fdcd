package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.record.ParsedRecord;
import org.spatialcatalog.node.record.RecordAccess;
import org.spatialcatalog.node.record.RecordSchema;
import org.spatialcatalog.node.record.RecordXmlParser;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.xml.SecureXml;
import org.xml.sax.InputSource;

class DublinCoreCrosswalkTest {

  static final StoredRecord RECORD =
      new StoredRecord(
          "a1b2c3d4_0000_0000_0000_000000000000",
          "urn:uuid:42",
          RecordSchema.DUBLIN_CORE.id(),
          "Rivers <& lakes>",
          "Water \"bodies\" of the region",
          List.of("Hydrography", "Lakes"),
          new Bbox(2.5, 49.5, 6.4, 51.5),
          Instant.parse("2026-03-04T05:06:07.890Z"),
          3,
          Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("2026-03-05T00:00:00Z"),
          RecordAccess.ownedBy(null, null));

  @Test
  void isoFromDublinCoreParsesBackToTheSameFields() {
    ParsedRecord back = new RecordXmlParser().parse(DublinCoreCrosswalk.iso19139(RECORD));
    assertThat(back.schema()).isEqualTo(RecordSchema.ISO19139);
    assertThat(back.uuid()).isEqualTo("urn:uuid:42");
    assertThat(back.title()).isEqualTo("Rivers <& lakes>");
    assertThat(back.abstractText()).isEqualTo("Water \"bodies\" of the region");
    assertThat(back.keywords()).containsExactly("Hydrography", "Lakes");
    assertThat(back.bbox()).isEqualTo(new Bbox(2.5, 49.5, 6.4, 51.5));
    assertThat(back.dateStamp()).isEqualTo(Instant.parse("2026-03-04T05:06:07Z"));
  }

  @Test
  void oaiDcCarriesTheParsedFieldsAndParsesBack() throws Exception {
    String xml = DublinCoreCrosswalk.oaiDc(RECORD);
    OaiSchemaRules.oaiDc(
        SecureXml.documentBuilder()
            .parse(new InputSource(new StringReader(xml)))
            .getDocumentElement());
    ParsedRecord back = new RecordXmlParser().parse(xml);
    assertThat(back.schema()).isEqualTo(RecordSchema.DUBLIN_CORE);
    assertThat(back.uuid()).isEqualTo("urn:uuid:42");
    assertThat(back.title()).isEqualTo("Rivers <& lakes>");
    assertThat(back.abstractText()).isEqualTo("Water \"bodies\" of the region");
    assertThat(back.keywords()).containsExactly("Hydrography", "Lakes");
    assertThat(xml)
        .contains("<dc:coverage>North 51.5, South 49.5, East 6.4, West 2.5" + "</dc:coverage>");
  }

  @Test
  void aRecordWithoutOptionalFieldsStillHasWhatIsoRequires() {
    StoredRecord bare =
        new StoredRecord(
            "a1b2c3d4_0000_0000_0000_000000000001",
            null,
            RecordSchema.DUBLIN_CORE.id(),
            "Bare",
            "",
            List.of(),
            null,
            null,
            1,
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-02T03:04:05Z"),
            RecordAccess.ownedBy(null, null));
    String iso = DublinCoreCrosswalk.iso19139(bare);
    assertThat(iso)
        .contains(
            "<gmd:contact>",
            "<gmd:dateStamp><gco:DateTime>2026-01-02T03:04:05Z",
            "<gmd:abstract>",
            "<gmd:language>");
    assertThat(new RecordXmlParser().parse(iso).title()).isEqualTo("Bare");
    assertThat(DublinCoreCrosswalk.oaiDc(bare)).doesNotContain("dc:identifier", "dc:coverage");
  }
}
