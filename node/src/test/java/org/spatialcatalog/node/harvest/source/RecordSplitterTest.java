package org.spatialcatalog.node.harvest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.harvest.StubServer;
import org.spatialcatalog.node.record.ParsedRecord;
import org.spatialcatalog.node.record.RecordXmlParser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Pages are read record by record: a record is handed over before the page is read to its end, each
 * as a document of its own, and one record over the size limit is reported alone while the rest of
 * a page many times the limit is read as usual.
 */
class RecordSplitterTest {

  static final String OAI = "http://www.openarchives.org/OAI/2.0/";
  static final String CSW = "http://www.opengis.net/cat/csw/2.0.2";

  static final RecordSplitter LIST_RECORDS =
      new RecordSplitter(new QName(OAI, "ListRecords"), new QName(OAI, "record"), 20_000);

  /** An OAI-PMH ListRecords page of Dublin Core records, one with an abstract this long. */
  static byte[] oaiPage(int records, int big, int bigAbstract) {
    StringBuilder page =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\""
                + OAI
                + "\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<responseDate>2026-12-01T10:00:00Z</responseDate>"
                + "<request verb=\"ListRecords\">http://example.org/oai</request><ListRecords>\n");
    for (int i = 0; i < records; i++) {
      String text = i == big ? "a".repeat(bigAbstract) : "Record number " + i + ". ".repeat(1000);
      page.append("<record><header><identifier>oai:x:")
          .append(i)
          .append("</identifier><datestamp>2026-01-01</datestamp></header><metadata>")
          .append("<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\"")
          .append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")
          .append("<dc:identifier>x-")
          .append(i)
          .append("</dc:identifier><dc:title>Record &amp; ")
          .append(i)
          .append("</dc:title><dc:description>")
          .append(text)
          .append("</dc:description></oai_dc:dc></metadata></record>\n");
    }
    page.append("<resumptionToken completeListSize=\"9999\">next-1</resumptionToken>");
    page.append("</ListRecords></OAI-PMH>");
    return page.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Counts the bytes the parser has taken from the page so far. */
  static final class Counting extends FilterInputStream {
    long read;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      read += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      read += Math.max(n, 0);
      return n;
    }
  }

  @Test
  void eachRecordIsHandedOverBeforeThePageIsReadToItsEnd() throws Exception {
    byte[] page = oaiPage(2000, -1, 0);
    Counting in = new Counting(new ByteArrayInputStream(page));
    List<Long> readAtRecord = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Document skeleton =
        LIST_RECORDS.split(
            in,
            "page",
            (record, oversized) -> {
              readAtRecord.add(in.read);
              assertThat(oversized).isFalse();
              // A document of its own, not a part of a page DOM.
              assertThat(record.getParentNode()).isInstanceOf(Document.class);
              assertThat(record.getNextSibling()).isNull();
              ids.add(
                  SourceXml.childText(SourceXml.child(record, OAI, "header"), OAI, "identifier"));
            });

    assertThat(ids).hasSize(2000).startsWith("oai:x:0", "oai:x:1").endsWith("oai:x:1999");
    // The first record arrived when the parser had read a few kilobytes of a page of megabytes.
    assertThat(page.length).isGreaterThan(4_000_000);
    assertThat(readAtRecord.get(0)).isLessThan(page.length / 100);
    assertThat(readAtRecord.get(1000)).isLessThan(page.length * 6 / 10);
    // What is not a record stays, and no record does.
    Element list = SourceXml.child(skeleton.getDocumentElement(), OAI, "ListRecords");
    assertThat(SourceXml.children(list, OAI, "record")).isEmpty();
    assertThat(list.getChildNodes().getLength()).isEqualTo(1);
    Element token = SourceXml.child(list, OAI, "resumptionToken");
    assertThat(token.getTextContent()).isEqualTo("next-1");
    assertThat(token.getAttribute("completeListSize")).isEqualTo("9999");
  }

  @Test
  void aRecordOverTheLimitIsReportedAloneWithItsHeaderAndThePageGoesOn() throws Exception {
    // 300 records of about 2.4 KB each: a page thirty times the limit of one record.
    byte[] page = oaiPage(300, 57, 50_000);
    assertThat(page.length).isGreaterThan(30 * 20_000);
    List<String> fine = new ArrayList<>();
    List<String> over = new ArrayList<>();
    LIST_RECORDS.split(
        new ByteArrayInputStream(page),
        "page",
        (record, oversized) -> {
          String id =
              SourceXml.childText(SourceXml.child(record, OAI, "header"), OAI, "identifier");
          if (oversized) {
            over.add(id);
            // Only the start was kept, within the limit.
            assertThat(record.getTextContent().length()).isLessThanOrEqualTo(20_000);
          } else {
            fine.add(id);
          }
        });

    assertThat(over).containsExactly("oai:x:57");
    assertThat(fine).hasSize(299).doesNotContain("oai:x:57").contains("oai:x:58", "oai:x:299");
  }

  @Test
  void aRecordCutOutOfAStreamedPageKeepsItsAncestorsNamespaces() throws Exception {
    String answer =
        "<csw:GetRecordsResponse xmlns:csw=\""
            + CSW
            + "\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<csw:SearchResults numberOfRecordsMatched=\"1\" nextRecord=\"0\">"
            + "<csw:Record xsi:type=\"csw:RecordType\"><dc:identifier>r-1</dc:identifier>"
            + "<dc:title>Cut &amp; kept</dc:title></csw:Record></csw:SearchResults>"
            + "</csw:GetRecordsResponse>";
    List<String> records = new ArrayList<>();
    Document skeleton =
        new RecordSplitter(new QName(CSW, "SearchResults"), null, 20_000)
            .split(
                new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)),
                "CSW answer",
                (record, oversized) -> records.add(SourceXml.standalone(record)));

    assertThat(records).hasSize(1);
    assertThat(records.get(0)).contains("xmlns:xsi=").contains("xmlns:dc=");
    ParsedRecord parsed = new RecordXmlParser().parse(records.get(0));
    assertThat(parsed.uuid()).isEqualTo("r-1");
    assertThat(parsed.title()).isEqualTo("Cut & kept");
    assertThat(
            SourceXml.child(skeleton.getDocumentElement(), CSW, "SearchResults")
                .getAttribute("numberOfRecordsMatched"))
        .isEqualTo("1");
  }

  @Test
  void aCutRecordReadFromItsElementIsTheRecordItsTextParsesTo() throws Exception {
    String iso =
        org.spatialcatalog.node.record.SampleRecords.iso19139(
            "iso-1",
            "Rivers & lakes <2026>",
            "Line one\nline two, \"quoted\", caf\u00e9 \ud83d\ude00",
            List.of("Hydrography", "Water & \"bodies\""),
            new org.spatialcatalog.index.Bbox(-10.5, 40, 1.25, 50),
            java.time.Instant.parse("2026-01-02T03:04:05Z"));
    String dc =
        "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier>dc-1</dc:identifier>"
            + "<dc:title><![CDATA[Kept <as> text]]> &amp; more</dc:title>"
            + "<dc:subject>a</dc:subject><!-- dropped --><dc:subject>b</dc:subject></oai_dc:dc>";
    String page =
        "<OAI-PMH xmlns=\""
            + OAI
            + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><ListRecords>"
            + "<record><header><identifier>a</identifier></header><metadata>"
            + iso.substring(iso.indexOf("?>") + 2)
            + "</metadata></record><record><header><identifier>b</identifier></header><metadata>"
            + dc
            + "</metadata></record></ListRecords></OAI-PMH>";
    List<SourceItem> items = new ArrayList<>();
    LIST_RECORDS.split(
        new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)),
        "page",
        (record, oversized) ->
            items.add(
                SourceItem.cut(
                    "p",
                    null,
                    null,
                    SourceXml.child(SourceXml.child(record, OAI, "metadata"), null, null))));

    RecordXmlParser parser = new RecordXmlParser();
    assertThat(items).hasSize(2);
    for (SourceItem item : items) {
      ParsedRecord fromText = parser.parse(item.xml());
      assertThat(parser.read(item.element(), item.xml())).isEqualTo(fromText);
    }
    assertThat(parser.parse(items.get(0).xml()).title()).isEqualTo("Rivers & lakes <2026>");
    assertThat(parser.parse(items.get(0).xml()).keywords()).contains("Water & \"bodies\"");
    assertThat(parser.parse(items.get(1).xml()).title()).isEqualTo("Kept <as> text & more");
  }

  @Test
  void aStreamedPageWithAnEntityBombOrAnExternalEntityIsRefusedAtOnce() {
    for (String resource : List.of("billion-laughs.xml", "external-entity.xml")) {
      byte[] evil = StubServer.resourceBytes(resource);
      long started = System.nanoTime();
      assertThatThrownBy(
              () ->
                  LIST_RECORDS.split(
                      new ByteArrayInputStream(evil), "OAI-PMH answer", (r, o) -> {}))
          .as(resource)
          .isInstanceOf(SourceException.class)
          .hasMessageStartingWith("OAI-PMH answer is not readable XML")
          .hasMessageContaining("DOCTYPE declares entities")
          .hasMessageNotContaining("root:");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
          .isLessThan(java.time.Duration.ofSeconds(5));
    }
  }

  @Test
  void aDoctypeWithoutEntitiesIsPassedOverWithoutReadingItsDtd() throws Exception {
    // The DTD URL is unreachable from the tests: reading it would fail the parse.
    String page =
        "<?xml version=\"1.0\"?><!DOCTYPE OAI-PMH SYSTEM \"http://127.0.0.1:9/oai.dtd\""
            + " [<!ELEMENT vendor EMPTY>]><OAI-PMH xmlns=\""
            + OAI
            + "\"><ListRecords><record>"
            + "<header><identifier>oai:d:1</identifier></header></record></ListRecords></OAI-PMH>";
    List<String> ids = new ArrayList<>();
    LIST_RECORDS.split(
        new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)),
        "page",
        (record, oversized) ->
            ids.add(
                SourceXml.childText(SourceXml.child(record, OAI, "header"), OAI, "identifier")));
    assertThat(ids).containsExactly("oai:d:1");
  }

  @Test
  void aMalformedPageIsASourceError() {
    byte[] broken =
        ("<OAI-PMH xmlns=\"" + OAI + "\"><ListRecords><record><header></record>")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                LIST_RECORDS.split(
                    new ByteArrayInputStream(broken), "OAI-PMH answer", (r, o) -> {}))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("OAI-PMH answer is not readable XML");
  }

  @Test
  void aRecordNested100000DeepIsCutOutWithoutCostingStackOrQuadraticTime() throws Exception {
    int depth = 100_000;
    String page =
        "<OAI-PMH xmlns=\""
            + OAI
            + "\"><ListRecords><record><header><identifier>oai:deep"
            + "</identifier></header><metadata>"
            + "<a>".repeat(depth)
            + "</a>".repeat(depth)
            + "</metadata></record></ListRecords></OAI-PMH>";
    List<Boolean> seen = new ArrayList<>();
    new RecordSplitter(new QName(OAI, "ListRecords"), new QName(OAI, "record"), 1_000_000)
        .split(
            new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)),
            "page",
            (record, oversized) -> seen.add(oversized));
    assertThat(seen).containsExactly(false);
  }
}
