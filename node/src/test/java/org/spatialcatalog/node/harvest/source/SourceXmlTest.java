package org.spatialcatalog.node.harvest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.harvest.StubServer;
import org.spatialcatalog.node.record.ParsedRecord;
import org.spatialcatalog.node.record.RecordXmlParser;
import org.w3c.dom.Element;

class SourceXmlTest {

  @Test
  void aRecordCutOutOfAnAnswerKeepsTheNamespacesDeclaredOnItsAncestors() throws Exception {
    String answer =
        "<csw:GetRecordsResponse xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><csw:SearchResults>"
            + "<csw:Record xsi:type=\"csw:RecordType\"><dc:identifier>r-1</dc:identifier>"
            + "<dc:title>Cut &amp; kept</dc:title></csw:Record></csw:SearchResults>"
            + "</csw:GetRecordsResponse>";
    Element results =
        SourceXml.child(
            SourceXml.parse(answer, "test").getDocumentElement(),
            "http://www.opengis.net/cat/csw/2.0.2",
            "SearchResults");
    String record = SourceXml.standalone(SourceXml.children(results, null, null).get(0));

    assertThat(record).contains("xmlns:xsi=").contains("xmlns:dc=");
    ParsedRecord parsed = new RecordXmlParser().parse(record);
    assertThat(parsed.uuid()).isEqualTo("r-1");
    assertThat(parsed.title()).isEqualTo("Cut & kept");
  }

  @Test
  void aWms111DoctypeWithItsInternalSubsetIsAcceptedWithoutReadingTheDtd() throws Exception {
    // The DTD URL is unreachable from the tests: reading it would fail the parse.
    byte[] capabilities = StubServer.resourceBytes("wms-1.1.1-capabilities.xml");
    org.w3c.dom.Document doc = SourceXml.parse(capabilities, "WMS capabilities");
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("WMT_MS_Capabilities");
    assertThat(
            SourceXml.childText(
                SourceXml.child(doc.getDocumentElement(), null, "Service"), null, "Title"))
        .isEqualTo("@MARKER@ r\u00e9seau hydrographique");
  }

  @Test
  void aBillionLaughsDocumentFailsAtOnceWithAClearError() {
    byte[] bomb = StubServer.resourceBytes("billion-laughs.xml");
    long started = System.nanoTime();
    assertThatThrownBy(() -> SourceXml.parse(bomb, "WMS capabilities"))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("WMS capabilities is not readable XML")
        .hasMessageContaining("DOCTYPE declares entities (lol");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofSeconds(5));
  }

  @Test
  void anEntityBombInAnAttributeStopsAtTheFirstExpansion() {
    String bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
            + "<r x=\"&c;\"/>";
    assertThatThrownBy(() -> SourceXml.parse(bomb, "CSW answer"))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("CSW answer is not readable XML")
        .hasMessageContaining("entity expansions");
  }

  @Test
  void anExternalEntityIsRefusedAndNothingIsRead() {
    byte[] xxe = StubServer.resourceBytes("external-entity.xml");
    assertThatThrownBy(() -> SourceXml.parse(xxe, "WMS capabilities"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("DOCTYPE declares entities (secret)")
        .hasMessageNotContaining("root:");
  }

  @Test
  void anAnswerWithAnExternalEntityIsASourceErrorAndNothingIsResolved() {
    String evil =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<r>&x;</r>";
    assertThatThrownBy(() -> SourceXml.parse(evil, "OAI-PMH answer"))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("OAI-PMH answer is not readable XML")
        .hasMessageNotContaining("root:");
  }

  @Test
  void queryParametersAreEncodedAndAppendedToAnExistingQuery() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("verb", "ListRecords");
    params.put("resumptionToken", "a b&c=d");
    params.put("set", null);
    assertThat(SourceUrls.with("http://h/oai?key=1", params).toString())
        .isEqualTo("http://h/oai?key=1&verb=ListRecords&resumptionToken=a+b%26c%3Dd");
    assertThat(SourceUrls.with("http://h/oai", Map.of("verb", "Identify")).toString())
        .isEqualTo("http://h/oai?verb=Identify");
  }
}
