package org.spatialcatalog.node.harvest.source.csw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.harvest.StubServer;
import org.spatialcatalog.node.harvest.StubServer.Reply;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterOptions;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.harvest.source.TestAccess;

/**
 * The CSW reader parses GetRecords pages from the HTTP stream: records are handed over one by one,
 * the page's SearchResults attributes (read before its records) give the next startPosition, a
 * record over {@code catalog.max-record-size} fails alone, and an {@code ows:ExceptionReport} or a
 * malformed page fails the page.
 */
class CswSourceIT {

  final StubServer server = new StubServer();

  @AfterEach
  void stop() {
    server.close();
  }

  static String page(int from, int count, int matched, int next, int bigAt) {
    StringBuilder s =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:GetRecordsResponse"
                + " xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:dct=\"http://purl.org/dc/terms/\">"
                + "<csw:SearchStatus timestamp=\"2026-12-01T10:00:00Z\"/>"
                + "<csw:SearchResults numberOfRecordsMatched=\""
                + matched
                + "\" numberOfRecordsReturned=\""
                + count
                + "\" nextRecord=\""
                + next
                + "\" elementSet=\"full\">\n");
    for (int i = from; i < from + count; i++) {
      s.append("<csw:Record><dc:identifier>csw-")
          .append(i)
          .append("</dc:identifier><dc:title>CSW record ")
          .append(i)
          .append("</dc:title><dc:type>dataset</dc:type><dct:abstract>")
          .append(i == bigAt ? "b".repeat(50_000) : "short")
          .append("</dct:abstract></csw:Record>\n");
    }
    return s.append("</csw:SearchResults></csw:GetRecordsResponse>").toString();
  }

  private SourceReader reader() {
    Instant now = Instant.now();
    Harvester h =
        new Harvester(
            "h1",
            "csw",
            HarvesterType.CSW,
            server.url("/csw"),
            null,
            true,
            60,
            4,
            HarvesterOptions.given(HarvesterType.CSW, Map.of("outputSchema", "csw:Record")),
            now,
            now,
            null);
    return new CswSource().open(h, TestAccess.access(10, TestAccess.properties(), null, 20_000));
  }

  @Test
  void pagesAreStreamedRecordByRecordAndFollowNextRecord() throws Exception {
    server.on("/csw", q -> "1".equals(q.get("startPosition")), Reply.xml(page(1, 10, 15, 11, 4)));
    server.on("/csw", q -> "11".equals(q.get("startPosition")), Reply.xml(page(11, 5, 15, 0, -1)));
    SourceReader reader = reader();
    List<SourceItem> first = new ArrayList<>();

    SourceReader.Page one = reader.read(null, first::add);
    SourceReader.Page two = reader.read(one.next());

    assertThat(one.items()).isEmpty();
    assertThat(first).hasSize(10);
    assertThat(first.get(0).xml()).contains("CSW record 1");
    // The fourth record is over the limit: a failure under its identifier, and the page goes on.
    assertThat(first.get(3).xml()).isNull();
    assertThat(first.get(3).remoteId()).isEqualTo("csw-4");
    assertThat(first.get(3).error()).contains("catalog.max-record-size");
    assertThat(first.get(4).xml()).contains("CSW record 5");
    assertThat(one.next()).isEqualTo("11");
    assertThat(one.matched()).isEqualTo(15);
    assertThat(two.items()).hasSize(5);
    assertThat(two.next()).isNull();
  }

  @Test
  void anExceptionReportFailsThePageWithItsText() {
    server.on(
        "/csw",
        Reply.xml(
            "<?xml version=\"1.0\"?><ows:ExceptionReport version=\"1.2.0\""
                + " xmlns:ows=\"http://www.opengis.net/ows\"><ows:Exception"
                + " exceptionCode=\"InvalidParameterValue\" locator=\"outputSchema\">"
                + "<ows:ExceptionText>outputSchema not supported</ows:ExceptionText>"
                + "</ows:Exception></ows:ExceptionReport>"));

    assertThatThrownBy(() -> reader().read(null))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("CSW exception")
        .hasMessageContaining("outputSchema not supported");
  }

  @Test
  void aMalformedPageFailsThePage() {
    String good = page(1, 3, 3, 0, -1);
    server.on("/csw", Reply.xml(good.substring(0, good.length() - 30) + "</oops>"));

    assertThatThrownBy(() -> reader().read(null))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("CSW GetRecords answer is not readable XML");
  }
}
