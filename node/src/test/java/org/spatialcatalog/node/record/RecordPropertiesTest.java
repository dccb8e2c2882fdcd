package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.index.Property;

class RecordPropertiesTest {

  /** An ISO record with every property, plus look-alikes in places that must not count. */
  static final String ISO =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <gmi:MI_Metadata xmlns:gmi="http://www.isotc211.org/2005/gmi"
          xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco"
          xmlns:gmx="http://www.isotc211.org/2005/gmx" xmlns:srv="http://www.isotc211.org/2005/srv">
        <gmd:fileIdentifier><gco:CharacterString>f-1</gco:CharacterString></gmd:fileIdentifier>
        <gmd:language><gco:CharacterString>ger</gco:CharacterString></gmd:language>
        <gmd:parentIdentifier><gco:CharacterString>parent-9</gco:CharacterString></gmd:parentIdentifier>
        <gmd:hierarchyLevel><gmd:MD_ScopeCode codeList="x" codeListValue="service">Dienst</gmd:MD_ScopeCode></gmd:hierarchyLevel>
        <gmd:hierarchyLevelName><gco:CharacterString>Download service</gco:CharacterString></gmd:hierarchyLevelName>
        <gmd:contact><gmd:CI_ResponsibleParty><gmd:organisationName>
          <gco:CharacterString>Metadata Desk</gco:CharacterString>
        </gmd:organisationName></gmd:CI_ResponsibleParty></gmd:contact>
        <gmd:identificationInfo><srv:SV_ServiceIdentification>
          <gmd:citation><gmd:CI_Citation>
            <gmd:title><gco:CharacterString>Rivers WFS</gco:CharacterString></gmd:title>
            <gmd:alternateTitle><gco:CharacterString>Flüsse</gco:CharacterString></gmd:alternateTitle>
            <gmd:date><gmd:CI_Date>
              <gmd:date><gco:Date>2019-03-01</gco:Date></gmd:date>
              <gmd:dateType><gmd:CI_DateTypeCode codeList="x" codeListValue="creation"/></gmd:dateType>
            </gmd:CI_Date></gmd:date>
            <gmd:date><gmd:CI_Date>
              <gmd:date><gco:DateTime>2021-07-02T08:30:00</gco:DateTime></gmd:date>
              <gmd:dateType><gmd:CI_DateTypeCode codeList="x" codeListValue="revision"/></gmd:dateType>
            </gmd:CI_Date></gmd:date>
            <gmd:date><gmd:CI_Date>
              <gmd:date><gco:Date>2019-04-01</gco:Date></gmd:date>
              <gmd:dateType><gmd:CI_DateTypeCode codeList="x" codeListValue="">publication</gmd:CI_DateTypeCode></gmd:dateType>
            </gmd:CI_Date></gmd:date>
            <gmd:identifier><gmd:RS_Identifier><gmd:code>
              <gmx:Anchor>https://example.org/id/rivers</gmx:Anchor>
            </gmd:code></gmd:RS_Identifier></gmd:identifier>
          </gmd:CI_Citation></gmd:citation>
          <gmd:pointOfContact><gmd:CI_ResponsibleParty><gmd:organisationName>
            <gco:CharacterString>Federal Waterways Agency</gco:CharacterString>
          </gmd:organisationName></gmd:CI_ResponsibleParty></gmd:pointOfContact>
          <gmd:descriptiveKeywords><gmd:MD_Keywords>
            <gmd:keyword><gco:CharacterString>rivers</gco:CharacterString></gmd:keyword>
            <gmd:thesaurusName><gmd:CI_Citation>
              <gmd:title><gco:CharacterString>GEMET</gco:CharacterString></gmd:title>
              <gmd:alternateTitle><gco:CharacterString>not the resource</gco:CharacterString></gmd:alternateTitle>
              <gmd:date><gmd:CI_Date>
                <gmd:date><gco:Date>2008-06-01</gco:Date></gmd:date>
                <gmd:dateType><gmd:CI_DateTypeCode codeList="x" codeListValue="publication"/></gmd:dateType>
              </gmd:CI_Date></gmd:date>
            </gmd:CI_Citation></gmd:thesaurusName>
          </gmd:MD_Keywords></gmd:descriptiveKeywords>
          <gmd:language><gmd:LanguageCode codeList="x" codeListValue="eng">English</gmd:LanguageCode></gmd:language>
          <gmd:language><gmd:LanguageCode codeList="x">fre</gmd:LanguageCode></gmd:language>
          <gmd:topicCategory><gmd:MD_TopicCategoryCode>inlandWaters</gmd:MD_TopicCategoryCode></gmd:topicCategory>
          <gmd:topicCategory><gmd:MD_TopicCategoryCode>transportation</gmd:MD_TopicCategoryCode></gmd:topicCategory>
          <srv:serviceType><gco:LocalName>download</gco:LocalName></srv:serviceType>
        </srv:SV_ServiceIdentification></gmd:identificationInfo>
        <gmd:distributionInfo><gmd:MD_Distribution>
          <gmd:distributionFormat><gmd:MD_Format>
            <gmd:name><gco:CharacterString>GML</gco:CharacterString></gmd:name>
            <gmd:version><gco:CharacterString>3.2</gco:CharacterString></gmd:version>
          </gmd:MD_Format></gmd:distributionFormat>
          <gmd:distributionFormat><gmd:MD_Format>
            <gmd:name><gmx:Anchor>GeoPackage</gmx:Anchor></gmd:name>
          </gmd:MD_Format></gmd:distributionFormat>
        </gmd:MD_Distribution></gmd:distributionInfo>
      </gmi:MI_Metadata>
      """;

  /** A Dublin Core record with every property it can carry. */
  static final String DUBLIN_CORE =
      """
      <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
          xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dct="http://purl.org/dc/terms/">
        <dc:title>Soils</dc:title>
        <dc:type>dataset</dc:type>
        <dc:format>text/csv</dc:format>
        <dc:format>application/json</dc:format>
        <dc:language>dut</dc:language>
        <dc:creator>Soil Institute</dc:creator>
        <dc:publisher>Ministry of Agriculture</dc:publisher>
        <dct:alternative>Bodems</dct:alternative>
        <dct:created>2018</dct:created>
        <dct:issued>2018-05-01</dct:issued>
        <dct:modified>2023-01-02T03:04:05Z</dct:modified>
        <dct:isPartOf>soil-series</dct:isPartOf>
      </oai_dc:dc>
      """;

  /**
   * Dublin Core whose elements hold child elements, comments and CDATA: the pass asks for each
   * element's text, and an element with a child has none, so the pass goes on from that child.
   */
  static final String MIXED_DC =
      """
      <csw:Record xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"
          xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dct="http://purl.org/dc/terms/">
        <dc:title>Mixed</dc:title>
        <dc:type>data<dc:format>inner/format</dc:format>set</dc:type>
        <dc:format>text/<!-- a comment -->csv</dc:format>
        <dc:creator><![CDATA[Soil & <Water>]]> Institute</dc:creator>
        <dc:language>en<x>g</x></dc:language>
        <dc:publisher>Ministry</dc:publisher>
      </csw:Record>
      """;

  @Test
  void readsEveryIsoApPropertyFromItsOwnPlaceOnly() {
    Map<Property, List<String>> p = RecordProperties.of("iso19139", ISO);
    assertThat(p.get(Property.TYPE)).containsExactly("service");
    assertThat(p.get(Property.HIERARCHY_LEVEL_NAME)).containsExactly("Download service");
    assertThat(p.get(Property.PARENT_IDENTIFIER)).containsExactly("parent-9");
    assertThat(p.get(Property.LANGUAGE)).containsExactly("ger");
    assertThat(p.get(Property.RESOURCE_LANGUAGE)).containsExactly("eng", "fre");
    assertThat(p.get(Property.ALTERNATE_TITLE)).containsExactly("Flüsse");
    assertThat(p.get(Property.CREATION_DATE)).containsExactly("2019-03-01");
    assertThat(p.get(Property.REVISION_DATE)).containsExactly("2021-07-02T08:30:00");
    assertThat(p.get(Property.PUBLICATION_DATE)).containsExactly("2019-04-01");
    assertThat(p.get(Property.RESOURCE_IDENTIFIER))
        .containsExactly("https://example.org/id/rivers");
    // The metadata contact is not the resource's organisation.
    assertThat(p.get(Property.ORGANISATION)).containsExactly("Federal Waterways Agency");
    assertThat(p.get(Property.TOPIC_CATEGORY)).containsExactly("inlandWaters", "transportation");
    assertThat(p.get(Property.SERVICE_TYPE)).containsExactly("download");
    assertThat(p.get(Property.FORMAT)).containsExactly("GML", "GeoPackage");
  }

  @Test
  void isoRecordsWithoutHierarchyLevelAreDatasets() {
    String xml =
        SampleRecords.iso19139(
                "u", "T", "A", List.of(), null, Instant.parse("2024-02-03T04:05:06Z"))
            .replaceAll("(?s)<gmd:hierarchyLevel>.*</gmd:hierarchyLevel>", "");
    Map<Property, List<String>> p = RecordProperties.of("iso19139", xml);
    assertThat(p.get(Property.TYPE)).containsExactly("dataset");
    assertThat(p.get(Property.REVISION_DATE)).containsExactly("2024-02-03");
    assertThat(p.get(Property.LANGUAGE)).containsExactly("eng");
    assertThat(p.get(Property.RESOURCE_LANGUAGE)).containsExactly("eng");
    assertThat(p).doesNotContainKeys(Property.ORGANISATION, Property.FORMAT);
  }

  @Test
  void readsDublinCoreElementsAndTerms() {
    String xml = DUBLIN_CORE;
    Map<Property, List<String>> p = RecordProperties.of("dublin-core", xml);
    assertThat(p.get(Property.TYPE)).containsExactly("dataset");
    assertThat(p.get(Property.FORMAT)).containsExactly("text/csv", "application/json");
    assertThat(p.get(Property.RESOURCE_LANGUAGE)).containsExactly("dut");
    assertThat(p.get(Property.LANGUAGE)).containsExactly("dut");
    assertThat(p.get(Property.ORGANISATION))
        .containsExactly("Soil Institute", "Ministry of Agriculture");
    assertThat(p.get(Property.ALTERNATE_TITLE)).containsExactly("Bodems");
    assertThat(p.get(Property.CREATION_DATE)).containsExactly("2018");
    assertThat(p.get(Property.PUBLICATION_DATE)).containsExactly("2018-05-01");
    assertThat(p.get(Property.REVISION_DATE)).containsExactly("2023-01-02T03:04:05Z");
    assertThat(p.get(Property.PARENT_IDENTIFIER)).containsExactly("soil-series");
  }

  @Test
  void brokenOrMissingXmlGivesWhatWasReadAndNeverThrows() {
    assertThat(RecordProperties.of("dublin-core", null)).isEmpty();
    assertThat(
            RecordProperties.of(
                "dublin-core",
                "<r xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:type>series</dc:type><oops"))
        .containsEntry(Property.TYPE, List.of("series"));
    assertThat(RecordProperties.of("dublin-core", "<!DOCTYPE r SYSTEM \"http://x/\"><r/>"))
        .isEmpty();
  }

  /** What a tree and a text may show differently: CDATA, references, comments, prefixes. */
  static final String TRICKY =
      """
      <?xml version="1.0"?>
      <!-- before the root -->
      <MD_Metadata xmlns="http://www.isotc211.org/2005/gmd" xmlns:c="http://www.isotc211.org/2005/gco">
        <language><c:CharacterString><![CDATA[fr]]>e</c:CharacterString></language>
        <hierarchyLevel><MD_ScopeCode codeList="x" codeListValue="series"/></hierarchyLevel>
        <contact><CI_ResponsibleParty><organisationName><c:CharacterString>A &amp; B<!-- note -->
          &#233;tudes</c:CharacterString></organisationName></CI_ResponsibleParty></contact>
        <identificationInfo><MD_DataIdentification>
          <citation><CI_Citation>
            <title><c:CharacterString>T</c:CharacterString></title>
            <alternateTitle><c:CharacterString>  <![CDATA[<alt>]]>  </c:CharacterString></alternateTitle>
          </CI_Citation></citation>
          <topicCategory><MD_TopicCategoryCode>inlandWaters</MD_TopicCategoryCode></topicCategory>
        </MD_DataIdentification></identificationInfo>
        <distributionInfo><MD_Distribution><distributionFormat><MD_Format>
          <name><c:CharacterString>GeoTIFF</c:CharacterString></name>
        </MD_Format></distributionFormat></MD_Distribution></distributionInfo>
      </MD_Metadata>
      """;

  static java.util.stream.Stream<String> records() throws java.io.IOException {
    List<String> all = new java.util.ArrayList<>(List.of(ISO, DUBLIN_CORE, TRICKY, MIXED_DC));
    all.addAll(SampleRecords.demoRecords());
    all.add(
        SampleRecords.iso19139(
            "u-1",
            "Title",
            "Abstract",
            List.of("a", "b"),
            null,
            Instant.parse("2024-02-03T04:05:06Z")));
    try (var in =
        RecordPropertiesTest.class.getResourceAsStream("/harvest/pycsw-brittany-record.xml")) {
      all.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return all.stream();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("records")
  void aParsedTreeGivesWhatItsTextGives(String xml) {
    ParsedRecord parsed = new RecordXmlParser().parse(xml);

    assertThat(parsed.properties())
        .isNotEmpty()
        .isEqualTo(RecordProperties.of(parsed.schema().id(), xml));
  }
}
