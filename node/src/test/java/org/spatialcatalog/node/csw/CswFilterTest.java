package org.spatialcatalog.node.csw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.Constraint;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.index.SearchHit;
import org.spatialcatalog.index.SearchQuery;
import org.spatialcatalog.index.SortOrder;
import org.spatialcatalog.node.xml.SecureXml;
import org.xml.sax.InputSource;

/**
 * OGC Filter and CQL constraints, read as a client sends them and run against a real Lucene index:
 * what each operator selects, wildcards and escapes, matchCase, axis order of boxes, and the
 * refusal of what the index cannot answer.
 */
class CswFilterTest {

  @TempDir static Path dir;
  static RecordIndex index;
  static final Queryables QUERYABLES = new Queryables(List.of("custodian"));

  @BeforeAll
  static void fill() throws Exception {
    index = RecordIndex.open(dir);
    index.apply(
        List.of(
            record(
                "a",
                "Water quality of the Rhine",
                List.of("hydrography", "INSPIRE"),
                new Bbox(4, 50, 8, 52),
                "2024-01-10T00:00:00Z",
                "Rijkswaterstaat",
                Map.of(
                    Property.ORGANISATION, List.of("Rijkswaterstaat"),
                    Property.TOPIC_CATEGORY, List.of("inlandWaters"),
                    Property.REVISION_DATE, List.of("2020-05-01"),
                    Property.RESOURCE_LANGUAGE, List.of("dut"),
                    Property.FORMAT, List.of("GeoTIFF"),
                    Property.TYPE, List.of("dataset"))),
            record(
                "b",
                "Groundwater bodies",
                List.of("Hydrography"),
                new Bbox(-10, 35, 30, 70),
                "2024-02-10T00:00:00Z",
                "EEA",
                Map.of(
                    Property.ORGANISATION, List.of("European Environment Agency"),
                    Property.TOPIC_CATEGORY, List.of("inlandWaters", "environment"),
                    Property.REVISION_DATE, List.of("2021-06-15T10:00:00Z"),
                    Property.RESOURCE_LANGUAGE, List.of("eng"),
                    Property.FORMAT, List.of("ESRI Shapefile"),
                    Property.TYPE, List.of("series"))),
            record(
                "c",
                "Land cover 50% sample",
                List.of("land"),
                new Bbox(100, -40, 150, -10),
                "2024-03-10T00:00:00Z",
                null,
                Map.of(
                    Property.TOPIC_CATEGORY, List.of("environment"),
                    Property.REVISION_DATE, List.of("2022"),
                    Property.RESOURCE_LANGUAGE, List.of("eng"),
                    Property.TYPE, List.of("dataset"))),
            record(
                "d",
                "Roads",
                List.of(),
                null,
                "2024-04-10T00:00:00Z",
                null,
                Map.of(Property.TYPE, List.of("service"), Property.SERVICE_TYPE, List.of("view")))),
        List.of(),
        1);
    index.refresh();
  }

  @AfterAll
  static void close() throws Exception {
    index.close();
  }

  static IndexedRecord record(
      String id,
      String title,
      List<String> keywords,
      Bbox bbox,
      String changed,
      String custodian,
      Map<Property, List<String>> properties) {
    return new IndexedRecord(
        id,
        "uuid-" + id,
        "iso19139",
        title,
        "About " + title,
        keywords,
        bbox,
        Instant.parse(changed),
        1,
        custodian == null ? Map.of() : Map.of("custodian", List.of(custodian)),
        List.of(IndexedRecord.EVERYONE),
        properties);
  }

  static List<String> ids(Constraint c) {
    return index
        .search(
            new SearchQuery(
                null,
                List.of(),
                null,
                0,
                100,
                SortOrder.RELEVANCE,
                List.of(),
                List.of(),
                Map.of(),
                null,
                null,
                c))
        .hits()
        .stream()
        .map(SearchHit::id)
        .sorted()
        .toList();
  }

  static List<String> filter(String body) throws Exception {
    String xml =
        "<ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\" "
            + "xmlns:gml=\"http://www.opengis.net/gml\">"
            + body
            + "</ogc:Filter>";
    return ids(
        new FilterReader(QUERYABLES)
            .read(
                SecureXml.documentBuilder()
                    .parse(new InputSource(new StringReader(xml)))
                    .getDocumentElement()));
  }

  static List<String> cql(String text) {
    return ids(new CqlReader(QUERYABLES).read(text));
  }

  @Test
  void likeMatchesWordsWithTheClientsOwnWildcards() throws Exception {
    assertThat(
            filter(
                "<ogc:PropertyIsLike wildCard=\"%\" singleChar=\"_\" escapeChar=\"\\\">"
                    + "<ogc:PropertyName>csw:AnyText</ogc:PropertyName><ogc:Literal>%water%</ogc:Literal>"
                    + "</ogc:PropertyIsLike>"))
        .containsExactly("a", "b");
    assertThat(
            filter(
                "<ogc:PropertyIsLike wildCard=\"*\" singleChar=\"#\" escapeChar=\"!\">"
                    + "<ogc:PropertyName>dc:title</ogc:PropertyName><ogc:Literal>r#ads</ogc:Literal>"
                    + "</ogc:PropertyIsLike>"))
        .containsExactly("d");
    // The escaped wildcard is a literal: "50%" is a word of c's title, "50" matches nothing else.
    assertThat(cql("Title LIKE '50\\%'")).containsExactly("c");
    assertThat(cql("AnyText LIKE '%water%' AND Subject = 'INSPIRE'")).containsExactly("a");
  }

  @Test
  void equalityHonoursMatchCase() throws Exception {
    String subject =
        "<ogc:PropertyName>dc:subject</ogc:PropertyName>"
            + "<ogc:Literal>hydrography</ogc:Literal>";
    // Keywords are kept in one search form, so Subject ignores case whatever matchCase says.
    assertThat(filter("<ogc:PropertyIsEqualTo>" + subject + "</ogc:PropertyIsEqualTo>"))
        .containsExactly("a", "b");
    assertThat(
            filter(
                "<ogc:PropertyIsEqualTo matchCase=\"false\">"
                    + subject
                    + "</ogc:PropertyIsEqualTo>"))
        .containsExactly("a", "b");
    assertThat(
            filter(
                "<ogc:PropertyIsNotEqualTo matchCase=\"false\">"
                    + subject
                    + "</ogc:PropertyIsNotEqualTo>"))
        .containsExactly("c", "d");
    assertThat(cql("title = 'Roads'")).containsExactly("d");
    assertThat(cql("title = 'roads'")).isEmpty();
    assertThat(
            filter(
                "<ogc:PropertyIsEqualTo matchCase=\"false\"><ogc:PropertyName>dc:title"
                    + "</ogc:PropertyName><ogc:Literal>ROADS</ogc:Literal></ogc:PropertyIsEqualTo>"))
        .containsExactly("d");
    assertThat(cql("Identifier = 'uuid-b'")).containsExactly("b");
  }

  @Test
  void boxesFollowTheAxisOrderOfTheirCrs() throws Exception {
    String lonLat =
        "<gml:lowerCorner>3 49</gml:lowerCorner><gml:upperCorner>9 53</gml:upperCorner>";
    String latLon =
        "<gml:lowerCorner>49 3</gml:lowerCorner><gml:upperCorner>53 9</gml:upperCorner>";
    assertThat(
            filter(
                "<ogc:BBOX><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>"
                    + "<gml:Envelope>"
                    + lonLat
                    + "</gml:Envelope></ogc:BBOX>"))
        .containsExactly("a", "b");
    assertThat(
            filter(
                "<ogc:BBOX><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>"
                    + "<gml:Envelope srsName=\"urn:ogc:def:crs:EPSG::4326\">"
                    + latLon
                    + "</gml:Envelope></ogc:BBOX>"))
        .containsExactly("a", "b");
    assertThat(
            filter(
                "<ogc:Within><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>"
                    + "<gml:Envelope srsName=\"http://www.opengis.net/def/crs/EPSG/0/4326\">"
                    + latLon
                    + "</gml:Envelope></ogc:Within>"))
        .containsExactly("a");
    assertThat(
            filter(
                "<ogc:Intersects><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>"
                    + "<gml:Envelope srsName=\"urn:ogc:def:crs:OGC:1.3:CRS84\">"
                    + lonLat
                    + "</gml:Envelope></ogc:Intersects>"))
        .containsExactly("a", "b");
    assertThat(cql("BBOX(ows:BoundingBox, 3, 49, 9, 53)")).containsExactly("a", "b");
    assertThat(cql("BBOX(ows:BoundingBox, 49, 3, 53, 9, 'urn:ogc:def:crs:EPSG::4326')"))
        .containsExactly("a", "b");
    assertThat(
            filter(
                "<ogc:PropertyIsNull><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>"
                    + "</ogc:PropertyIsNull>"))
        .containsExactly("d");
  }

  @Test
  void logicDatesAndExtraFieldsCombine() throws Exception {
    assertThat(
            filter(
                "<ogc:Or><ogc:PropertyIsEqualTo><ogc:PropertyName>custodian"
                    + "</ogc:PropertyName><ogc:Literal>EEA</ogc:Literal></ogc:PropertyIsEqualTo>"
                    + "<ogc:Not><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>dct:modified"
                    + "</ogc:PropertyName><ogc:Literal>2024-01-11</ogc:Literal>"
                    + "</ogc:PropertyIsGreaterThanOrEqualTo></ogc:Not></ogc:Or>"))
        .containsExactly("a", "b");
    assertThat(cql("Modified BETWEEN '2024-02-10' AND '2024-03-10'")).containsExactly("b", "c");
    assertThat(cql("Modified = '2024-04-10'")).containsExactly("d");
    assertThat(cql("NOT (Subject IS NULL) AND (AnyText LIKE 'land' OR title LIKE 'roads')"))
        .containsExactly("c");
  }

  @Test
  void isoPropertiesAnswerEqualityLikeAndDateRanges() throws Exception {
    assertThat(
            filter(
                "<ogc:PropertyIsEqualTo><ogc:PropertyName>apiso:TopicCategory</ogc:PropertyName>"
                    + "<ogc:Literal>inlandWaters</ogc:Literal></ogc:PropertyIsEqualTo>"))
        .containsExactly("a", "b");
    assertThat(
            filter(
                "<ogc:PropertyIsBetween><ogc:PropertyName>apiso:RevisionDate</ogc:PropertyName>"
                    + "<ogc:LowerBoundary><ogc:Literal>2021-01-01</ogc:Literal></ogc:LowerBoundary>"
                    + "<ogc:UpperBoundary><ogc:Literal>2022-12-31</ogc:Literal></ogc:UpperBoundary>"
                    + "</ogc:PropertyIsBetween>"))
        .containsExactly("b", "c");
    assertThat(cql("RevisionDate < '2021-06-15'")).containsExactly("a");
    assertThat(cql("RevisionDate = '2021-06-15'")).containsExactly("b");
    assertThat(cql("ResourceLanguage = 'eng'")).containsExactly("b", "c");
    assertThat(cql("OrganisationName LIKE '%environment%'")).containsExactly("b");
    assertThat(cql("Organisation LIKE 'rijks%'")).containsExactly("a");
    assertThat(cql("dc:type = 'service' AND ServiceType = 'view'")).containsExactly("d");
    assertThat(cql("Type = 'dataset' AND NOT (Format IS NULL)")).containsExactly("a");
    assertThat(cql("Format = 'esri shapefile'")).isEmpty();
    assertThat(
            filter(
                "<ogc:PropertyIsEqualTo matchCase=\"false\"><ogc:PropertyName>dc:format"
                    + "</ogc:PropertyName><ogc:Literal>esri shapefile</ogc:Literal>"
                    + "</ogc:PropertyIsEqualTo>"))
        .containsExactly("b");
    assertThatThrownBy(() -> cql("TopicCategory < 'x'")).hasMessageContaining("TopicCategory");
    assertThatThrownBy(() -> cql("RevisionDate LIKE '2020%'")).hasMessageContaining("RevisionDate");
  }

  @Test
  void likeHonoursMatchCaseWhereTheIndexKeepsCase() throws Exception {
    String like = "<ogc:PropertyIsLike wildCard=\"*\" singleChar=\"?\" escapeChar=\"\\\"";
    String title = "<ogc:PropertyName>dc:title</ogc:PropertyName>";
    // Without matchCase (Filter 1.1 has none on PropertyIsLike) and with "false": case ignored.
    assertThat(
            filter(like + ">" + title + "<ogc:Literal>rhine*</ogc:Literal></ogc:PropertyIsLike>"))
        .containsExactly("a");
    assertThat(
            filter(
                like
                    + " matchCase=\"false\">"
                    + title
                    + "<ogc:Literal>RHINE</ogc:Literal></ogc:PropertyIsLike>"))
        .containsExactly("a");
    assertThat(
            filter(
                like
                    + " matchCase=\"true\">"
                    + title
                    + "<ogc:Literal>rhine*</ogc:Literal></ogc:PropertyIsLike>"))
        .isEmpty();
    assertThat(
            filter(
                like
                    + " matchCase=\"true\">"
                    + title
                    + "<ogc:Literal>Rhi?e</ogc:Literal></ogc:PropertyIsLike>"))
        .containsExactly("a");
    assertThat(
            filter(
                like
                    + " matchCase=\"true\"><ogc:PropertyName>apiso:OrganisationName"
                    + "</ogc:PropertyName><ogc:Literal>*Agency</ogc:Literal></ogc:PropertyIsLike>"))
        .containsExactly("b");
    assertThatThrownBy(
            () ->
                filter(
                    like
                        + " matchCase=\"true\"><ogc:PropertyName>csw:AnyText</ogc:PropertyName>"
                        + "<ogc:Literal>Water</ogc:Literal></ogc:PropertyIsLike>"))
        .isInstanceOf(CswException.class)
        .hasMessageContaining("matchCase")
        .hasMessageContaining("csw:AnyText");
  }

  @Test
  void unsupportedQueryablesAndOperatorsAreRefusedByName() {
    assertThatThrownBy(() -> cql("Denominator = '1000'"))
        .isInstanceOf(CswException.class)
        .hasMessageContaining("'Denominator'")
        .satisfies(e -> assertThat(((CswException) e).code()).isEqualTo("InvalidParameterValue"));
    assertThatThrownBy(
            () ->
                filter(
                    "<ogc:PropertyIsLessThan><ogc:PropertyName>dc:title"
                        + "</ogc:PropertyName><ogc:Literal>x</ogc:Literal></ogc:PropertyIsLessThan>"))
        .hasMessageContaining("dc:title");
    assertThatThrownBy(() -> filter("<ogc:Beyond/>")).hasMessageContaining("Beyond");
    assertThatThrownBy(() -> cql("BBOX(ows:BoundingBox, 1, 2, 3, 4, 'EPSG:3857')"))
        .hasMessageContaining("EPSG:3857");
    assertThatThrownBy(() -> cql("title = ")).hasMessageContaining("CQL");
    assertThatThrownBy(() -> cql("Modified > 'yesterday'")).hasMessageContaining("yesterday");
  }
}
