package org.spatialcatalog.node.csw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.record.RecordAccess;
import org.spatialcatalog.node.record.StoredRecord;

/**
 * The answers that need no running node, validated against the official XSDs: capabilities,
 * exception reports, DescribeRecord, GetDomain parameter domains, and every record rendering
 * (csw:Record brief, summary, full and chosen elements; gmd brief, summary, and full from Dublin
 * Core). The validator itself refuses an invalid answer.
 */
class CswSchemasTest {

  static final StoredRecord RECORD =
      new StoredRecord(
          "i1",
          "uuid-1",
          "dublin-core",
          "Rivers & lakes",
          "Water <bodies>",
          List.of("hydrography", "INSPIRE"),
          new Bbox(3.5, 50.1, 7.2, 53.6),
          Instant.parse("2024-03-01T10:00:00Z"),
          2,
          Instant.parse("2024-01-01T00:00:00Z"),
          Instant.parse("2024-03-02T00:00:00Z"),
          RecordAccess.ownedBy(null, null));

  @Test
  void capabilitiesExceptionsAndDomainsAreSchemaValid() throws Exception {
    CswSchemas.validate(Capabilities.of("http://lb.example/csw", new Queryables(List.of("org"))));
    CswSchemas.validate(ExceptionReport.of(CswException.invalid("typeNames", "bad 'x' <y>")));
    CswSchemas.validate(Capabilities.describeRecord(true, true));
    StringBuilder summary =
        new StringBuilder(
            "<csw:TransactionResponse " + CswXml.CSW_NAMESPACES + " version=\"2.0.2\">");
    Transactions.summary(summary, 1, 2, 3);
    CswSchemas.validate(summary.append("</csw:TransactionResponse>").toString());
    String domain =
        "<csw:GetDomainResponse "
            + CswXml.CSW_NAMESPACES
            + ">"
            + Domains.parameterDomain("getrecords.outputschema")
            + "</csw:GetDomainResponse>";
    CswSchemas.validate(domain);
    assertThat(domain).contains(CswXml.GMD);
  }

  @Test
  void everyRecordRenderingIsSchemaValid() throws Exception {
    for (RecordFormats.ElementSet set : RecordFormats.ElementSet.values()) {
      CswSchemas.validate(RecordFormats.dublinCore(RECORD, null, set, List.of()));
      CswSchemas.validate(RecordFormats.iso(RECORD, null, set));
    }
    String chosen =
        RecordFormats.dublinCore(
            RECORD,
            null,
            RecordFormats.ElementSet.FULL,
            List.of("boundingbox", "title", "identifier"));
    CswSchemas.validate(chosen);
    assertThat(chosen).doesNotContain("dct:abstract").contains("<dc:title>Rivers &amp; lakes");
  }

  @Test
  void boxesAreWrittenLatitudeFirstWithTheirCrs() {
    String brief =
        RecordFormats.dublinCore(RECORD, null, RecordFormats.ElementSet.BRIEF, List.of());
    assertThat(brief)
        .contains("crs=\"urn:ogc:def:crs:EPSG::4326\"")
        .contains("<ows:LowerCorner>50.1 3.5</ows:LowerCorner>")
        .contains("<ows:UpperCorner>53.6 7.2</ows:UpperCorner>");
  }

  @Test
  void theValidatorRefusesAnInvalidAnswer() {
    assertThatThrownBy(
            () ->
                CswSchemas.validate(
                    "<csw:GetRecordsResponse "
                        + CswXml.CSW_NAMESPACES
                        + "><csw:Nonsense/></csw:GetRecordsResponse>"))
        .hasMessageContaining("Nonsense");
  }
}
