package org.spatialcatalog.node.harvest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.record.SampleRecords;

/** A record the catalog refuses is still known by the identifier its XML carries. */
class RecordIdentityTest {

  @Test
  void anIsoRecordWithoutTitleIsKnownByItsFileIdentifier() {
    String xml =
        SampleRecords.iso19139("iso-42", "x", "a", List.of(), null, null)
            .replaceAll("(?s)<gmd:title>.*?</gmd:title>", "");
    assertThat(RecordIdentity.of(xml)).isEqualTo("iso-42");
  }

  @Test
  void aDublinCoreRecordIsKnownByItsIdentifier() {
    String xml =
        "<csw:Record xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier> dc-7 </dc:identifier>"
            + "</csw:Record>";
    assertThat(RecordIdentity.of(xml)).isEqualTo("dc-7");
  }

  @Test
  void withoutIdentifierOrReadableXmlThereIsNone() {
    assertThat(
            RecordIdentity.of("<csw:Record xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\"/>"))
        .isNull();
    assertThat(RecordIdentity.of("<not-closed>")).isNull();
    assertThat(RecordIdentity.of(null)).isNull();
  }
}
