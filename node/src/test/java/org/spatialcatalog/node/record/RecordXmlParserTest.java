package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spatialcatalog.index.Bbox;

class RecordXmlParserTest {

  private final RecordXmlParser parser = new RecordXmlParser();

  private static final String ISO_NS =
      "xmlns:gmd=\"http://www.isotc211.org/2005/gmd\""
          + " xmlns:gco=\"http://www.isotc211.org/2005/gco\""
          + " xmlns:gmx=\"http://www.isotc211.org/2005/gmx\"";

  /** A minimal ISO record whose identification section is {@code identification}. */
  private static String iso(String beforeIdentification, String identification) {
    return "<gmd:MD_Metadata "
        + ISO_NS
        + ">"
        + beforeIdentification
        + "<gmd:identificationInfo><gmd:MD_DataIdentification>"
        + identification
        + "</gmd:MD_DataIdentification></gmd:identificationInfo></gmd:MD_Metadata>";
  }

  private static String title(String text) {
    return "<gmd:citation><gmd:CI_Citation><gmd:title><gco:CharacterString>"
        + text
        + "</gco:CharacterString></gmd:title></gmd:CI_Citation></gmd:citation>";
  }

  private static String box(String west, String east, String south, String north) {
    return "<gmd:extent><gmd:EX_Extent><gmd:geographicElement><gmd:EX_GeographicBoundingBox>"
        + "<gmd:westBoundLongitude><gco:Decimal>"
        + west
        + "</gco:Decimal></gmd:westBoundLongitude>"
        + "<gmd:eastBoundLongitude><gco:Decimal>"
        + east
        + "</gco:Decimal></gmd:eastBoundLongitude>"
        + "<gmd:southBoundLatitude><gco:Decimal>"
        + south
        + "</gco:Decimal></gmd:southBoundLatitude>"
        + "<gmd:northBoundLatitude><gco:Decimal>"
        + north
        + "</gco:Decimal></gmd:northBoundLatitude>"
        + "</gmd:EX_GeographicBoundingBox></gmd:geographicElement></gmd:EX_Extent></gmd:extent>";
  }

  private static String dateStamp(String element, String text) {
    return "<gmd:dateStamp><gco:" + element + ">" + text + "</gco:" + element + "></gmd:dateStamp>";
  }

  // ---- ISO 19139 ----

  @Test
  void extractsAllFieldsFromAnIsoRecord() {
    String xml =
        iso(
            "<gmd:fileIdentifier><gco:CharacterString> abc-123"
                + " </gco:CharacterString></gmd:fileIdentifier>"
                + dateStamp("DateTime", "2024-02-14T09:30:00Z"),
            title("  Rivers\n     of   Europe ")
                + "<gmd:abstract><gco:CharacterString>\n"
                + "  Main rivers.\n"
                + "</gco:CharacterString></gmd:abstract><gmd:descriptiveKeywords><gmd:MD_Keywords>"
                + "<gmd:keyword><gco:CharacterString>Hydrography</gco:CharacterString></gmd:keyword><gmd:keyword><gmx:Anchor"
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                + " xlink:href=\"http://inspire.ec.europa.eu/theme/hy\">INSPIRE</gmx:Anchor></gmd:keyword><gmd:keyword><gco:CharacterString>"
                + "  </gco:CharacterString></gmd:keyword>"
                + "</gmd:MD_Keywords></gmd:descriptiveKeywords>"
                + "<gmd:descriptiveKeywords><gmd:MD_Keywords><gmd:keyword><gco:CharacterString>"
                + " Hydrography </gco:CharacterString></gmd:keyword>"
                + "<gmd:keyword><gco:CharacterString>Water</gco:CharacterString></gmd:keyword>"
                + "</gmd:MD_Keywords></gmd:descriptiveKeywords>"
                + box("-10.5", "30", "35", "70.25"));

    ParsedRecord record = parser.parse(xml);

    assertThat(record.schema()).isEqualTo(RecordSchema.ISO19139);
    assertThat(record.uuid()).isEqualTo("abc-123");
    assertThat(record.title()).isEqualTo("Rivers of Europe");
    assertThat(record.abstractText()).isEqualTo("Main rivers.");
    assertThat(record.keywords()).containsExactly("Hydrography", "INSPIRE", "Water");
    assertThat(record.bbox()).isEqualTo(new Bbox(-10.5, 35, 30, 70.25));
    assertThat(record.dateStamp()).isEqualTo(Instant.parse("2024-02-14T09:30:00Z"));
    assertThat(record.xml()).isSameAs(xml);
  }

  @Test
  void matchesElementsByNamespaceNotByPrefix() {
    String xml =
        "<m:MD_Metadata xmlns:m=\"http://www.isotc211.org/2005/gmd\""
            + " xmlns:c=\"http://www.isotc211.org/2005/gco\">"
            + "<m:identificationInfo><m:MD_DataIdentification><m:citation><m:CI_Citation><m:title><c:CharacterString>Prefixes"
            + " are arbitrary</c:CharacterString>"
            + "</m:title></m:CI_Citation></m:citation></m:MD_DataIdentification></m:identificationInfo>"
            + "</m:MD_Metadata>";

    assertThat(parser.parse(xml).title()).isEqualTo("Prefixes are arbitrary");
  }

  @Test
  void ignoresElementsWithTheRightLocalNameInAnotherNamespace() {
    String xml =
        iso(
            "",
            "<gmd:citation><gmd:CI_Citation><gmd:title>"
                + "<x:CharacterString xmlns:x=\"urn:other\">Wrong namespace</x:CharacterString>"
                + "<gco:CharacterString>Right namespace</gco:CharacterString>"
                + "</gmd:title></gmd:CI_Citation></gmd:citation>");

    assertThat(parser.parse(xml).title()).isEqualTo("Right namespace");
  }

  @Test
  void acceptsAnAnchorAsIsoTitle() {
    String xml =
        iso(
            "",
            "<gmd:citation><gmd:CI_Citation><gmd:title><gmx:Anchor>Anchored title</gmx:Anchor>"
                + "</gmd:title></gmd:CI_Citation></gmd:citation>");

    assertThat(parser.parse(xml).title()).isEqualTo("Anchored title");
  }

  @Test
  void acceptsMiMetadataAsIso19139() {
    String xml =
        "<gmi:MI_Metadata xmlns:gmi=\"http://www.isotc211.org/2005/gmi\" "
            + ISO_NS
            + ">"
            + "<gmd:identificationInfo><gmd:MD_DataIdentification>"
            + title("Imagery")
            + "</gmd:MD_DataIdentification></gmd:identificationInfo></gmi:MI_Metadata>";

    ParsedRecord record = parser.parse(xml);

    assertThat(record.schema()).isEqualTo(RecordSchema.ISO19139);
    assertThat(record.title()).isEqualTo("Imagery");
  }

  @Test
  void readsServiceIdentificationToo() {
    String xml =
        "<gmd:MD_Metadata "
            + ISO_NS
            + " xmlns:srv=\"http://www.isotc211.org/2005/srv\">"
            + "<gmd:identificationInfo><srv:SV_ServiceIdentification>"
            + title("View service")
            + "<srv:extent><gmd:EX_Extent><gmd:geographicElement><gmd:EX_GeographicBoundingBox>"
            + "<gmd:westBoundLongitude><gco:Decimal>1</gco:Decimal></gmd:westBoundLongitude>"
            + "<gmd:eastBoundLongitude><gco:Decimal>2</gco:Decimal></gmd:eastBoundLongitude>"
            + "<gmd:southBoundLatitude><gco:Decimal>3</gco:Decimal></gmd:southBoundLatitude>"
            + "<gmd:northBoundLatitude><gco:Decimal>4</gco:Decimal></gmd:northBoundLatitude>"
            + "</gmd:EX_GeographicBoundingBox></gmd:geographicElement></gmd:EX_Extent></srv:extent>"
            + "</srv:SV_ServiceIdentification></gmd:identificationInfo></gmd:MD_Metadata>";

    ParsedRecord record = parser.parse(xml);

    assertThat(record.title()).isEqualTo("View service");
    assertThat(record.bbox()).isEqualTo(new Bbox(1, 3, 2, 4));
  }

  @Test
  void leavesOptionalIsoFieldsEmptyWhenAbsent() {
    ParsedRecord record = parser.parse(iso("", title("Bare")));

    assertThat(record.uuid()).isNull();
    assertThat(record.abstractText()).isEmpty();
    assertThat(record.keywords()).isEmpty();
    assertThat(record.bbox()).isNull();
    assertThat(record.dateStamp()).isNull();
  }

  @Test
  void unitesSeveralIsoBoundingBoxes() {
    String xml =
        iso(
            "",
            title("Two areas")
                + box("5.9", "11.9", "46.4", "52")
                + box("3.9", "6.5", "48", "51.9"));

    assertThat(parser.parse(xml).bbox()).isEqualTo(new Bbox(3.9, 46.4, 11.9, 52));
  }

  @Test
  void keepsAnAntimeridianCrossingBoxAsGiven() {
    String xml = iso("", title("Fiji") + box("176", "-178", "-21", "-12"));

    assertThat(parser.parse(xml).bbox()).isEqualTo(new Bbox(176, -21, -178, -12));
  }

  @Test
  void ignoresAnEmptyGeographicBoundingBox() {
    String xml =
        iso(
            "",
            title("No extent")
                + "<gmd:extent><gmd:EX_Extent><gmd:geographicElement><gmd:EX_GeographicBoundingBox><gmd:westBoundLongitude"
                + " gco:nilReason=\"missing\"/>"
                + "</gmd:EX_GeographicBoundingBox></gmd:geographicElement></gmd:EX_Extent></gmd:extent>");

    assertThat(parser.parse(xml).bbox()).isNull();
  }

  @ParameterizedTest
  @MethodSource("dateStamps")
  void readsIsoDateStampsInEveryIsoForm(String element, String text, String expected) {
    String xml = iso(dateStamp(element, text), title("Dated"));

    assertThat(parser.parse(xml).dateStamp()).isEqualTo(Instant.parse(expected));
  }

  static List<Object[]> dateStamps() {
    return List.of(
        new Object[] {"DateTime", "2024-02-14T09:30:00Z", "2024-02-14T09:30:00Z"},
        new Object[] {"DateTime", "2024-02-14T09:30:00", "2024-02-14T09:30:00Z"},
        new Object[] {"DateTime", "2024-02-14T09:30:00.250+02:00", "2024-02-14T07:30:00.250Z"},
        new Object[] {"DateTime", " 2024-02-14T09:30 ", "2024-02-14T09:30:00Z"},
        new Object[] {"Date", "2024-02-14", "2024-02-14T00:00:00Z"},
        new Object[] {"Date", "2024-02-14Z", "2024-02-14T00:00:00Z"},
        new Object[] {"Date", "2024-02-14+01:00", "2024-02-13T23:00:00Z"});
  }

  @Test
  void rejectsAnUnparseableDateStampNamingIt() {
    String xml = iso(dateStamp("DateTime", "14/02/2024"), title("Dated"));

    assertThatThrownBy(() -> parser.parse(xml))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("dateStamp")
        .hasMessageContaining("'14/02/2024'");
  }

  // ---- Dublin Core ----

  @Test
  void extractsAllFieldsFromACswRecord() {
    String xml =
        """
        <csw:Record xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dct="http://purl.org/dc/terms/"
            xmlns:ows="http://www.opengis.net/ows">
          <dc:identifier>dc-1</dc:identifier>
          <dc:title>Bus stops</dc:title>
          <dc:subject>Transport</dc:subject>
          <dc:subject>Open data</dc:subject>
          <dc:subject>Transport</dc:subject>
          <dc:description>The description.</dc:description>
          <dct:abstract>The abstract.</dct:abstract>
          <dc:date>2020-01-01</dc:date>
          <dct:modified>2024-05-21T10:00:00Z</dct:modified>
          <ows:BoundingBox crs="urn:ogc:def:crs:EPSG::4326">
            <ows:LowerCorner>48.1 16.2</ows:LowerCorner>
            <ows:UpperCorner>48.3 16.5</ows:UpperCorner>
          </ows:BoundingBox>
        </csw:Record>
        """;

    ParsedRecord record = parser.parse(xml);

    assertThat(record.schema()).isEqualTo(RecordSchema.DUBLIN_CORE);
    assertThat(record.uuid()).isEqualTo("dc-1");
    assertThat(record.title()).isEqualTo("Bus stops");
    assertThat(record.abstractText()).isEqualTo("The abstract.");
    assertThat(record.keywords()).containsExactly("Transport", "Open data");
    assertThat(record.bbox()).isEqualTo(new Bbox(16.2, 48.1, 16.5, 48.3));
    assertThat(record.dateStamp()).isEqualTo(Instant.parse("2024-05-21T10:00:00Z"));
  }

  @Test
  void extractsAllFieldsFromAnOaiDcRecord() {
    String xml =
        """
        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
            xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:title>Land cover</dc:title>
          <dc:identifier>oai-7</dc:identifier>
          <dc:subject>Environment</dc:subject>
          <dc:description>Only a description.</dc:description>
          <dc:date>2023-06-30</dc:date>
        </oai_dc:dc>
        """;

    ParsedRecord record = parser.parse(xml);

    assertThat(record.schema()).isEqualTo(RecordSchema.DUBLIN_CORE);
    assertThat(record.uuid()).isEqualTo("oai-7");
    assertThat(record.title()).isEqualTo("Land cover");
    assertThat(record.abstractText()).isEqualTo("Only a description.");
    assertThat(record.keywords()).containsExactly("Environment");
    assertThat(record.bbox()).isNull();
    assertThat(record.dateStamp()).isEqualTo(Instant.parse("2023-06-30T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "urn:ogc:def:crs:EPSG::4326",
        "urn:ogc:def:crs:EPSG:6.6:4326",
        "urn:x-ogc:def:crs:EPSG:6.6:4326"
      })
  void readsEpsg4326UrnCornersAsLatitudeLongitude(String crs) {
    assertThat(parser.parse(cswWithBox(crs, "50.7 2.5", "51.5 5.9")).bbox())
        .isEqualTo(new Bbox(2.5, 50.7, 5.9, 51.5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326"})
  void readsOtherCornersAsLongitudeLatitude(String crs) {
    assertThat(parser.parse(cswWithBox(crs, "2.5 50.7", "5.9 51.5")).bbox())
        .isEqualTo(new Bbox(2.5, 50.7, 5.9, 51.5));
  }

  private static String cswWithBox(String crs, String lower, String upper) {
    String crsAttribute = crs.isEmpty() ? "" : " crs=\"" + crs + "\"";
    return "<csw:Record xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:ows=\"http://www.opengis.net/ows\">"
        + "<dc:title>Boxed</dc:title><ows:BoundingBox"
        + crsAttribute
        + ">"
        + "<ows:LowerCorner>"
        + lower
        + "</ows:LowerCorner>"
        + "<ows:UpperCorner>"
        + upper
        + "</ows:UpperCorner></ows:BoundingBox></csw:Record>";
  }

  @Test
  void rejectsAMalformedCornerNamingIt() {
    assertThatThrownBy(() -> parser.parse(cswWithBox("", "2.5", "5.9 51.5")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("ows:LowerCorner")
        .hasMessageContaining("two numbers");
  }

  @Test
  void rejectsAnOutOfRangeCornerNamingTheSide() {
    assertThatThrownBy(() -> parser.parse(cswWithBox("EPSG:4326", "2.5 50.7", "5.9 95")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("bbox north (95.0) is outside [-90, 90]");
  }

  @Test
  void rejectsADublinCoreRecordWithoutTitle() {
    String xml =
        "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title> </dc:title></oai_dc:dc>";

    assertThatThrownBy(() -> parser.parse(xml))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("title is missing (dc:title)");
  }

  // ---- samples ----

  @Test
  void parsesEveryBundledSampleRecord() {
    List<String> samples = SampleRecords.demoRecords();

    assertThat(samples).hasSize(8);
    List<ParsedRecord> records = samples.stream().map(parser::parse).toList();
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.uuid()).isNotBlank();
              assertThat(r.title()).isNotBlank();
              assertThat(r.abstractText()).isNotBlank();
              assertThat(r.keywords()).isNotEmpty();
              assertThat(r.bbox()).isNotNull();
              assertThat(r.dateStamp()).isNotNull();
            });
    assertThat(records).extracting(ParsedRecord::uuid).doesNotHaveDuplicates();
    assertThat(records).filteredOn(r -> r.schema() == RecordSchema.ISO19139).hasSize(6);
    assertThat(records).filteredOn(r -> r.schema() == RecordSchema.DUBLIN_CORE).hasSize(2);
    // Shared keywords are what make facets worth showing.
    assertThat(records).filteredOn(r -> r.keywords().contains("INSPIRE")).hasSizeGreaterThan(4);
    assertThat(records).filteredOn(r -> r.keywords().contains("Environment")).hasSizeGreaterThan(2);
  }

  @Test
  void readsTheHydrographySampleExactly() {
    ParsedRecord record =
        SampleRecords.demoRecords().stream()
            .map(parser::parse)
            .filter(r -> "a85ac4cb-f6f4-4e5e-9633-29598939a916".equals(r.uuid()))
            .findFirst()
            .orElseThrow();

    assertThat(record.title())
        .isEqualTo("Hydrography - river networks of the Rhine and Meuse basins");
    assertThat(record.keywords())
        .containsExactly(
            "Hydrography", "INSPIRE", "Environment", "Water", "Rivers", "Rhine", "Meuse", "Europe");
    assertThat(record.bbox()).isEqualTo(new Bbox(3.9, 46.4, 11.9, 52.0));
    assertThat(record.dateStamp()).isEqualTo(Instant.parse("2023-11-02T00:00:00Z"));
  }

  @Test
  void roundTripsAnIsoSampleRecord() {
    Instant stamp = Instant.parse("2024-03-01T10:15:30.123Z");
    List<String> keywords = List.of("Elevation", "R&D <beta>", "Höhenmodell");
    Bbox bbox = new Bbox(-31.5, 27.25, 44.8, 71.2);
    String xml =
        SampleRecords.iso19139(
            "uuid-\"1\"",
            "Terrain & <relief> of 'Europe'",
            "Line one\nline two",
            keywords,
            bbox,
            stamp);

    ParsedRecord record = parser.parse(xml);

    assertThat(record)
        .isEqualTo(
            new ParsedRecord(
                "uuid-\"1\"",
                RecordSchema.ISO19139,
                "Terrain & <relief> of 'Europe'",
                "Line one\nline two",
                keywords,
                bbox,
                stamp,
                xml));
  }

  @Test
  void roundTripsADublinCoreSampleRecord() {
    Instant stamp = Instant.parse("2024-05-21T00:00:00Z");
    List<String> keywords = List.of("Air quality", "Environment");
    Bbox bbox = new Bbox(2.54, 50.68, 5.92, 51.51);
    String xml =
        SampleRecords.dublinCore("dc-9", "Stations & sensors", "PM10 < 50", keywords, bbox, stamp);

    assertThat(parser.parse(xml))
        .isEqualTo(
            new ParsedRecord(
                "dc-9",
                RecordSchema.DUBLIN_CORE,
                "Stations & sensors",
                "PM10 < 50",
                keywords,
                bbox,
                stamp,
                xml));
  }

  @Test
  void roundTripsTinyCoordinatesWrittenAsPlainDecimals() {
    Bbox bbox = new Bbox(-0.00001, -1.0E-7, 0.00001, 1.0E-7);
    String iso = SampleRecords.iso19139("u", "t", "", List.of(), bbox, null);
    String dc = SampleRecords.dublinCore("u", "t", "", List.of(), bbox, null);

    assertThat(iso).contains("<gco:Decimal>-0.000010</gco:Decimal>").doesNotContain("E-");
    assertThat(dc).doesNotContain("E-");
    assertThat(parser.parse(iso).bbox()).isEqualTo(bbox);
    assertThat(parser.parse(dc).bbox()).isEqualTo(bbox);
  }

  @Test
  void roundTripsSampleRecordsWithoutOptionalFields() {
    ParsedRecord iso =
        parser.parse(SampleRecords.iso19139(null, "Only a title", null, null, null, null));
    ParsedRecord dc =
        parser.parse(SampleRecords.dublinCore(null, "Only a title", null, null, null, null));

    for (ParsedRecord record : List.of(iso, dc)) {
      assertThat(record.uuid()).isNull();
      assertThat(record.title()).isEqualTo("Only a title");
      assertThat(record.abstractText()).isEmpty();
      assertThat(record.keywords()).isEmpty();
      assertThat(record.bbox()).isNull();
      assertThat(record.dateStamp()).isNull();
    }
  }

  // ---- rejections ----

  @Test
  void rejectsAnIsoRecordWithoutTitleNamingThePath() {
    assertThatThrownBy(() -> parser.parse(iso("", "<gmd:abstract/>")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("title is missing (")
        .hasMessageContaining("gmd:identificationInfo/*/gmd:citation/gmd:CI_Citation/gmd:title");
  }

  @Test
  void rejectsAnIsoRecordWithBlankTitle() {
    assertThatThrownBy(() -> parser.parse(iso("", title("  \n "))))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("title is missing");
  }

  @Test
  void rejectsMalformedXmlWithLineAndColumn() {
    String xml = "<gmd:MD_Metadata " + ISO_NS + ">\n  <gmd:fileIdentifier>\n</gmd:MD_Metadata>";

    assertThatThrownBy(() -> parser.parse(xml))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("XML is not well-formed at line 3, column");
  }

  @Test
  void rejectsTextThatIsNotXml() {
    assertThatThrownBy(() -> parser.parse("{\"title\": \"json\"}"))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("XML is not well-formed at line 1");
  }

  @Test
  void rejectsAnEntityThatIsNotDeclared() {
    // Without a DOCTYPE only the five predefined entities and character references exist.
    String xml = iso("", title("caf&eacute;"));

    assertThatThrownBy(() -> parser.parse(xml))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("XML is not well-formed at line 1, column")
        .hasMessageContaining("eacute");
  }

  @Test
  void readsAnElementsTextAsTheDomDoesAcrossChildrenCdataCommentsAndReferences() {
    // An element's text is all the text below it in document order, comments left out.
    String xml =
        iso(
            "",
            title("Rivers <!-- draft --><b>of</b> <![CDATA[<Europe>]]> &amp; caf&#233;")
                + "<gmd:abstract><gco:CharacterString>one<x>two<y>three</y></x>four"
                + "</gco:CharacterString></gmd:abstract>");

    ParsedRecord record = parser.parse(xml);

    assertThat(record.title()).isEqualTo("Rivers of <Europe> & caf\u00e9");
    assertThat(record.abstractText()).isEqualTo("onetwothreefour");
  }

  @Test
  void readsARecordNestedFarDeeperThanAStackAllows() {
    // The tree is built and read by loops: a deep record is read, not a StackOverflowError.
    int depth = 200_000;
    String nested = "<x>".repeat(depth) + "deep" + "</x>".repeat(depth);
    String xml =
        iso(
            "",
            title("t")
                + "<gmd:abstract><gco:CharacterString>"
                + nested
                + "</gco:CharacterString></gmd:abstract>");

    assertThat(parser.parse(xml).abstractText()).isEqualTo("deep");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\t"})
  void rejectsAnEmptyBody(String body) {
    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("XML body is empty");
  }

  @Test
  void rejectsANullBody() {
    assertThatThrownBy(() -> parser.parse(null))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("XML body is empty");
  }

  @Test
  void rejectsAnExternalEntityWithoutReadingTheFile() {
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>&x;</dc:title></oai_dc:dc>";

    assertThatThrownBy(() -> parser.parse(xml))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("DOCTYPE declarations are not allowed")
        .satisfies(e -> assertThat(fullText(e)).doesNotContain("root:"));
  }

  @Test
  void rejectsAnyDoctypeEvenAHarmlessOne() {
    String xml = "<!-- note --><!DOCTYPE MD_Metadata>" + iso("", title("t"));

    assertThatThrownBy(() -> parser.parse(xml))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("DOCTYPE declarations are not allowed");
  }

  @Test
  void rejectsBillionLaughsQuickly() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
    for (int i = 2; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String xml = dtd + "]><lolz>&lol9;</lolz>";

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(() -> parser.parse(xml))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("DOCTYPE declarations are not allowed"));
  }

  @Test
  void rejectsAnUnknownRootNamingTheElement() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>"))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage(
            "unsupported root element {http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF:"
                + " expected gmd:MD_Metadata, gmi:MI_Metadata, csw:Record or oai_dc:dc");
  }

  @Test
  void rejectsTheRightLocalNameInTheWrongNamespace() {
    assertThatThrownBy(() -> parser.parse("<MD_Metadata><title>t</title></MD_Metadata>"))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("unsupported root element {}MD_Metadata");
  }

  @Test
  void rejectsAnOutOfRangeLongitudeNamingTheSide() {
    assertThatThrownBy(() -> parser.parse(iso("", title("t") + box("200", "10", "0", "1"))))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("bbox west (200.0) is outside [-180, 180]")
        .hasMessageContaining("gmd:westBoundLongitude/gco:Decimal");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "NaN", "Infinity", "0x1p3", "1,5", "1d"})
  void rejectsACoordinateThatIsNotAPlainNumber(String value) {
    assertThatThrownBy(() -> parser.parse(iso("", title("t") + box("0", "10", value, "1"))))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("bbox south '" + value + "' is not a number");
  }

  @Test
  void rejectsABoxMissingOneSide() {
    String xml =
        iso(
            "",
            title("t")
                + "<gmd:extent><gmd:EX_Extent><gmd:geographicElement><gmd:EX_GeographicBoundingBox>"
                + "<gmd:westBoundLongitude><gco:Decimal>1</gco:Decimal></gmd:westBoundLongitude>"
                + "</gmd:EX_GeographicBoundingBox></gmd:geographicElement></gmd:EX_Extent></gmd:extent>");

    assertThatThrownBy(() -> parser.parse(xml))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage(
            "bbox east is missing (gmd:EX_GeographicBoundingBox/gmd:eastBoundLongitude/gco:Decimal)");
  }

  @Test
  void rejectsABoxWithSouthAboveNorth() {
    assertThatThrownBy(() -> parser.parse(iso("", title("t") + box("0", "10", "50", "40"))))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageStartingWith("bbox south (50.0) is greater than north (40.0)");
  }

  @Test
  void parsesNormallyAfterARejectedDocumentOnTheSameThread() {
    assertThatThrownBy(() -> parser.parse("<a><b></a>")).isInstanceOf(InvalidRecordException.class);
    assertThatThrownBy(() -> parser.parse("<!DOCTYPE a><a/>"))
        .isInstanceOf(InvalidRecordException.class);

    assertThat(parser.parse(iso("", title("Still fine"))).title()).isEqualTo("Still fine");
  }

  @Test
  void parsesFromManyThreadsAtOnce() throws Exception {
    List<String> samples = SampleRecords.demoRecords();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ParsedRecord>> futures =
          java.util.stream.IntStream.range(0, 400)
              .mapToObj(i -> pool.submit(() -> parser.parse(samples.get(i % samples.size()))))
              .toList();
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get().xml()).isSameAs(samples.get(i % samples.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String fullText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
