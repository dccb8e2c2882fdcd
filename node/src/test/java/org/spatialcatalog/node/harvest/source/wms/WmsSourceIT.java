package org.spatialcatalog.node.harvest.source.wms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.harvest.StubServer;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterOptions;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.harvest.source.TestAccess;
import org.spatialcatalog.node.record.ParsedRecord;
import org.spatialcatalog.node.record.RecordXmlParser;

/**
 * A MapServer WMS 1.1.1 capabilities document, byte for byte (DOCTYPE with internal subset,
 * ISO-8859-1): every named layer becomes a record with the service's contact and a link back to the
 * service and layer.
 */
class WmsSourceIT {

  @Test
  void wms111CapabilitiesWithTheirDoctypeBecomeRecordsWithContactAndOnlineResource()
      throws Exception {
    byte[] capabilities =
        StubServer.resource("wms-1.1.1-capabilities.xml")
            .replace("@MARKER@", "Bzh")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    try (StubServer server =
        new StubServer()
            .on("/wms", StubServer.Reply.bytes(200, "application/vnd.ogc.wms_xml", capabilities))) {
      Instant now = Instant.now();
      Harvester h =
          new Harvester(
              "h",
              "wms",
              HarvesterType.WMS,
              server.url("/wms"),
              null,
              true,
              60,
              4,
              HarvesterOptions.given(HarvesterType.WMS, Map.of("version", "1.1.1")),
              now,
              now,
              null);
      SourceReader.Page page = new WmsSource().open(h, TestAccess.access(100)).read(null);

      assertThat(page.items())
          .extracting(SourceItem::remoteId)
          .containsExactly("hydro", "cours_eau", "plans_eau");
      assertThat(page.matched()).isEqualTo(3);
      assertThat(server.requests("/wms").get(0).query()).containsEntry("VERSION", "1.1.1");
      SourceItem rivers = page.items().get(1);
      ParsedRecord parsed = new RecordXmlParser().parse(rivers.xml());
      assertThat(parsed.title()).isEqualTo("Bzh record cours d'eau");
      assertThat(parsed.bbox()).isEqualTo(new Bbox(-4.8, 47.3, -1.1, 48.8));
      assertThat(rivers.xml())
          .contains("<gmd:organisationName><gco:CharacterString>Bzh Observatoire de l&apos;eau")
          .contains("<gmd:individualName><gco:CharacterString>Marie Le Gall")
          .contains("sig@eau.example.org")
          .doesNotContain("Spatial Catalog Demo Agency")
          .contains("<gmd:URL>http://wms.example.org/cgi-bin/mapserv?map=hydro.map&amp;</gmd:URL>")
          .contains("<gmd:protocol><gco:CharacterString>OGC:WMS</gco:CharacterString>")
          .contains("<gmd:name><gco:CharacterString>cours_eau</gco:CharacterString>");
      // The layer without a box of its own inherits its parent's.
      assertThat(new RecordXmlParser().parse(page.items().get(2).xml()).bbox())
          .isEqualTo(new Bbox(-5.2, 47.2, -1, 48.9));
    }
  }

  private static Harvester harvester(StubServer server) {
    Instant now = Instant.now();
    return new Harvester(
        "h",
        "wms",
        HarvesterType.WMS,
        server.url("/wms"),
        null,
        true,
        60,
        4,
        HarvesterOptions.given(HarvesterType.WMS, Map.of()),
        now,
        now,
        null);
  }

  /**
   * A WMS 1.3.0 capabilities of 3000 layers, each with 300 CRS and a style (whose Name, Title and
   * Abstract are not the layer's), about 18 MB: read from the stream, only the layers' fields kept.
   */
  @Test
  void largeWms130CapabilitiesAreReadLayerByLayerFromTheStream() throws Exception {
    StringBuilder crs = new StringBuilder();
    for (int c = 0; c < 300; c++) {
      crs.append("<CRS>EPSG:").append(2000 + c).append("</CRS>");
    }
    StringBuilder doc =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><WMS_Capabilities version=\"1.3.0\""
                + " xmlns=\"http://www.opengis.net/wms\""
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\"><Service><Name>WMS</Name>"
                + "<Title>Big</Title><ContactInformation><ContactPersonPrimary>"
                + "<ContactPerson>Ana</ContactPerson><ContactOrganization>Big Org"
                + "</ContactOrganization></ContactPersonPrimary></ContactInformation></Service>"
                + "<Capability><Request><GetMap><Format>image/png</Format><DCPType><HTTP><Get>"
                + "<OnlineResource xlink:href=\"http://big.example.org/wms?\"/></Get></HTTP>"
                + "</DCPType></GetMap></Request><Layer><Title>Root without name</Title>"
                + "<EX_GeographicBoundingBox><westBoundLongitude>-10</westBoundLongitude>"
                + "<eastBoundLongitude>10</eastBoundLongitude><southBoundLatitude>40"
                + "</southBoundLatitude><northBoundLatitude>50</northBoundLatitude>"
                + "</EX_GeographicBoundingBox>");
    for (int i = 0; i < 3000; i++) {
      doc.append("<Layer queryable=\"1\"><Name>layer_")
          .append(i)
          .append("</Name><Title>Layer ")
          .append(i)
          .append("</Title><KeywordList><Keyword>k")
          .append(i)
          .append("</Keyword></KeywordList>")
          .append(crs)
          .append(
              i == 7
                  ? "<EX_GeographicBoundingBox><westBoundLongitude>1</westBoundLongitude>"
                      + "<eastBoundLongitude>2</eastBoundLongitude><southBoundLatitude>41"
                      + "</southBoundLatitude><northBoundLatitude>42</northBoundLatitude>"
                      + "</EX_GeographicBoundingBox>"
                  : "")
          .append("<Style><Name>default</Name><Title>Style title</Title>")
          .append("<Abstract>Style abstract</Abstract></Style></Layer>");
    }
    doc.append("</Layer></Capability></WMS_Capabilities>");
    byte[] bytes = doc.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(bytes.length).isGreaterThan(15_000_000);
    try (StubServer server =
        new StubServer()
            .on(
                "/wms",
                StubServer.Reply.streamed(
                    "text/xml", () -> new java.io.ByteArrayInputStream(bytes)))) {
      SourceReader reader = new WmsSource().open(harvester(server), TestAccess.access(1000));
      SourceReader.Page page = reader.read(null);
      SourceReader.Page last = reader.read("2000");

      assertThat(page.matched()).isEqualTo(3000);
      assertThat(page.items()).hasSize(1000);
      assertThat(last.items()).hasSize(1000);
      assertThat(last.next()).isNull();
      assertThat(server.requests("/wms")).hasSize(1);
      SourceItem seventh = page.items().get(7);
      assertThat(seventh.remoteId()).isEqualTo("layer_7");
      ParsedRecord parsed = new RecordXmlParser().parse(seventh.xml());
      assertThat(parsed.title()).isEqualTo("Layer 7");
      assertThat(parsed.bbox()).isEqualTo(new Bbox(1, 41, 2, 42));
      assertThat(seventh.xml())
          .contains("Big Org")
          .contains("<gmd:URL>http://big.example.org/wms?</gmd:URL>")
          .doesNotContain("Style");
      // The others inherit the root layer's box.
      assertThat(new RecordXmlParser().parse(last.items().get(0).xml()).bbox())
          .isEqualTo(new Bbox(-10, 40, 10, 50));
    }
  }

  @Test
  void aServiceExceptionReportFailsWithItsText() {
    try (StubServer server =
        new StubServer()
            .on(
                "/wms",
                StubServer.Reply.xml(
                    "<?xml version=\"1.0\"?><ServiceExceptionReport version=\"1.3.0\">"
                        + "<ServiceException code=\"InvalidFormat\">Unknown layer set"
                        + "</ServiceException></ServiceExceptionReport>"))) {
      assertThatThrownBy(
              () -> new WmsSource().open(harvester(server), TestAccess.access(10)).read(null))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("WMS exception: Unknown layer set");
    }
  }
}
