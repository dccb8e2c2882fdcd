package org.spatialcatalog.node.harvest.wms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.harvest.Harvester;
import org.spatialcatalog.node.harvest.HarvesterType;
import org.spatialcatalog.node.harvest.SourceItem;
import org.spatialcatalog.node.harvest.SourceReader;
import org.spatialcatalog.node.harvest.StubServer;
import org.spatialcatalog.node.harvest.TestAccess;
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
              Map.of("version", "1.1.1"),
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
}
