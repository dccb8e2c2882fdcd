package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spatialcatalog.index.Bbox;

/**
 * Axis order of Dublin Core {@code ows:BoundingBox} follows its crs, in the forms real servers
 * write: EPSG:4326 cited by URN or OGC URI is latitude, longitude; CRS84, the plain code and no crs
 * are longitude, latitude. The record API and harvests share this parser.
 */
class AxisOrderTest {

  private final RecordXmlParser parser = new RecordXmlParser();

  private static String record(String crsAttribute, String lower, String upper) {
    return "<csw:Record xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:ows=\"http://www.opengis.net/ows\">"
        + "<dc:identifier>axis-1</dc:identifier><dc:title>Axis</dc:title>"
        + "<ows:BoundingBox"
        + crsAttribute
        + "><ows:LowerCorner>"
        + lower
        + "</ows:LowerCorner><ows:UpperCorner>"
        + upper
        + "</ows:UpperCorner></ows:BoundingBox>"
        + "</csw:Record>";
  }

  @ParameterizedTest
  @CsvSource({
    // pycsw
    "urn:x-ogc:def:crs:EPSG:6.11:4326",
    // GeoNetwork
    "urn:ogc:def:crs:EPSG:6.6:4326",
    "urn:ogc:def:crs:EPSG::4326",
    "URN:OGC:DEF:CRS:EPSG::4326",
    "http://www.opengis.net/def/crs/EPSG/0/4326",
    "https://www.opengis.net/def/crs/EPSG/9.9.1/4326"
  })
  void epsg4326ByUrnOrUriIsLatitudeFirst(String crs) {
    ParsedRecord r = parser.parse(record(" crs=\"" + crs + "\"", "47.6 -4.1", "51.2 0.9"));
    assertThat(r.bbox()).isEqualTo(new Bbox(-4.1, 47.6, 0.9, 51.2));
  }

  @ParameterizedTest
  @CsvSource({
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "EPSG:4326",
    "http://www.opengis.net/gml/srs/epsg.xml#4326"
  })
  void crs84AndThePlainCodeAreLongitudeFirst(String crs) {
    ParsedRecord r = parser.parse(record(" crs=\"" + crs + "\"", "-4.1 47.6", "0.9 51.2"));
    assertThat(r.bbox()).isEqualTo(new Bbox(-4.1, 47.6, 0.9, 51.2));
  }

  @Test
  void noCrsIsLongitudeFirst() {
    ParsedRecord r = parser.parse(record("", "-4.1 47.6", "0.9 51.2"));
    assertThat(r.bbox()).isEqualTo(new Bbox(-4.1, 47.6, 0.9, 51.2));
  }

  @Test
  void aPycswBrittanyRecordIsFoundWhereBrittanyIs() throws Exception {
    String xml;
    try (var in = getClass().getResourceAsStream("/harvest/pycsw-brittany-record.xml")) {
      xml =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .replace("@ID@", "bzh-1")
              .replace("@TITLE@", "Trait de cote");
    }
    assertThat(parser.parse(xml).bbox()).isEqualTo(new Bbox(-4.1, 47.6, 0.9, 51.2));
  }

  @Test
  void aLatitudeFirstBoxWhoseLongitudeExceeds90IsNotRefused() {
    // New Caledonia: read longitude-first, its "south" would be 158 degrees and refused.
    ParsedRecord r =
        parser.parse(
            record(" crs=\"urn:x-ogc:def:crs:EPSG:6.11:4326\"", "-22.7 158.1", "-19.5 168.2"));
    assertThat(r.bbox()).isEqualTo(new Bbox(158.1, -22.7, 168.2, -19.5));
  }
}
