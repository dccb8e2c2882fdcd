package org.spatialcatalog.node.harvest.source.oaipmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.harvest.StubServer;
import org.spatialcatalog.node.harvest.StubServer.Reply;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterOptions;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.harvest.source.TestAccess;
import org.springframework.util.unit.DataSize;

/**
 * OAI-PMH pages are parsed from the HTTP stream while they arrive: a page of 100 MB, generated
 * while it is sent, has its records handed over while the server has sent little more than them;
 * the response cap stops a page that grows past it, counted on the stream; an answer that stops
 * mid-page is asked again and its records count once; a page that trickles ends at the request
 * deadline.
 */
class OaiPmhStreamingIT {

  static final String OAI = OaiPmhSource.OAI;
  final StubServer server = new StubServer();

  @AfterEach
  void stop() {
    server.close();
  }

  /** A ListRecords page of {@code records} Dublin Core records of about {@code size} bytes each. */
  static final class GeneratedPage extends InputStream {
    final AtomicLong produced = new AtomicLong();
    private final InputStream parts;

    GeneratedPage(int records, int size, String token, boolean stallHalfway) {
      Enumeration<InputStream> e =
          new Enumeration<>() {
            int next = -1;

            @Override
            public boolean hasMoreElements() {
              return next <= records;
            }

            @Override
            public InputStream nextElement() {
              int i = next++;
              if (i < 0) {
                return bytes(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\""
                        + OAI
                        + "\"><responseDate>2026-12-01T10:00:00Z</responseDate>"
                        + "<request verb=\"ListRecords\">http://example.org/oai</request>"
                        + "<ListRecords>\n");
              }
              if (i == records) {
                return bytes(
                    (token == null
                            ? ""
                            : "<resumptionToken completeListSize=\"99999\">"
                                + token
                                + "</resumptionToken>")
                        + "</ListRecords></OAI-PMH>\n");
              }
              if (stallHalfway && i == records / 2) {
                return new InputStream() {
                  @Override
                  public int read() throws IOException {
                    try {
                      // Stops sending, as a server that hangs mid-answer; ended by closing the
                      // stub.
                      Thread.sleep(Duration.ofMinutes(5).toMillis());
                    } catch (InterruptedException stopped) {
                      Thread.currentThread().interrupt();
                    }
                    throw new IOException("stalled");
                  }
                };
              }
              return bytes(record(i, size));
            }
          };
      parts = new SequenceInputStream(e);
    }

    static InputStream bytes(String s) {
      return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int read() throws IOException {
      int b = parts.read();
      produced.addAndGet(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = parts.read(b, off, len);
      produced.addAndGet(Math.max(0, n));
      return n;
    }
  }

  static String record(int i, int size) {
    String head =
        "<record><header><identifier>oai:gen:"
            + i
            + "</identifier><datestamp>2026-01-01</datestamp></header><metadata>"
            + "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier>gen-"
            + i
            + "</dc:identifier><dc:title>Generated "
            + i
            + "</dc:title><dc:description>";
    String tail = "</dc:description></oai_dc:dc></metadata></record>\n";
    return head + "d".repeat(Math.max(0, size - head.length() - tail.length())) + tail;
  }

  private SourceReader reader(HarvestProperties properties, long maxRecordSize) {
    Instant now = Instant.now();
    Harvester h =
        new Harvester(
            "h1",
            "streaming",
            HarvesterType.OAIPMH,
            server.url("/oai"),
            null,
            true,
            60,
            4,
            HarvesterOptions.given(HarvesterType.OAIPMH, Map.of()),
            now,
            now,
            null);
    return new OaiPmhSource().open(h, TestAccess.access(100, properties, null, maxRecordSize));
  }

  @Test
  void aPageOf100MegabytesIsHandedOverRecordByRecordWhileItArrives() throws Exception {
    int records = 10_000;
    int size = 10_000;
    List<GeneratedPage> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.on(
        "/oai",
        Reply.streamed(
            "text/xml",
            () -> {
              GeneratedPage page = new GeneratedPage(records, size, "next-page", false);
              sent.add(page);
              return page;
            }));
    long[] ahead = {0};
    int[] seen = {0};
    SourceReader.Page page =
        reader(TestAccess.properties(), 20_000)
            .read(
                null,
                item -> {
                  assertThat(item.error()).isNull();
                  assertThat(item.remoteId()).isEqualTo("oai:gen:" + seen[0]);
                  seen[0]++;
                  // What the server sent beyond the records handed over so far: the page is not
                  // gathered first, only socket and client buffers lie between server and parser.
                  ahead[0] = Math.max(ahead[0], sent.get(0).produced.get() - (long) seen[0] * size);
                });

    assertThat(seen[0]).isEqualTo(records);
    assertThat(sent.get(0).produced.get()).isGreaterThan(100_000_000L);
    assertThat(ahead[0]).isLessThan(24_000_000L);
    assertThat(page.items()).isEmpty();
    assertThat(page.next()).isEqualTo("next-page");
    assertThat(page.matched()).isEqualTo(99_999);
  }

  @Test
  void aPageThatGrowsPastTheResponseCapFailsSayingSoAndIsNotAskedAgain() {
    server.on(
        "/oai", Reply.streamed("text/xml", () -> new GeneratedPage(1_000, 10_000, "next", false)));
    HarvestProperties properties =
        TestAccess.properties(
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            DataSize.ofMegabytes(1),
            3,
            Duration.ofSeconds(30));
    List<SourceItem> handed = new ArrayList<>();

    assertThatThrownBy(() -> reader(properties, 20_000).read(null, handed::add))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("exceeds 1048576B (catalog.harvest.max-response-size)");
    // Records before the cap were handed over as they arrived; the page failed at the cap.
    assertThat(handed).hasSizeBetween(1, 105);
    assertThat(server.requests("/oai")).hasSize(1);
  }

  @Test
  void anAnswerThatStopsMidPageIsAskedAgainAndItsRecordsCountOnce() throws Exception {
    server.on(
        "/oai",
        Reply.streamed("text/xml", () -> new GeneratedPage(40, 2_000, null, true)),
        Reply.streamed("text/xml", () -> new GeneratedPage(40, 2_000, null, false)));
    HarvestProperties properties =
        TestAccess.properties(
            Duration.ofMillis(700),
            Duration.ofMinutes(1),
            DataSize.ofMegabytes(10),
            3,
            Duration.ofSeconds(30));
    List<String> handed = new ArrayList<>();
    SourceReader reader = reader(properties, 20_000);

    SourceReader.Page page = reader.read(null, item -> handed.add(item.remoteId()));

    assertThat(server.requests("/oai")).hasSize(2);
    // What the first answer brought before it stopped (up to its first 20 records, less what the
    // server still buffered) came again when the page was read again; collected, each counts once.
    assertThat(handed).hasSizeBetween(41, 60).startsWith("oai:gen:0").endsWith("oai:gen:39");
    assertThat(handed.subList(handed.size() - 40, handed.size()))
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, 40).mapToObj(i -> "oai:gen:" + i).toList());
    assertThat(page.next()).isNull();
    assertThat(SourceReader.collect((SourceReader.StreamingReader) reader, null).items())
        .hasSize(40);
  }

  @Test
  void aPageThatTricklesEndsAtTheRequestDeadline() {
    byte[] body = new byte[0];
    try (InputStream in = new GeneratedPage(20, 2_000, null, false)) {
      body = in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    server.on("/oai", Reply.bytes(200, "text/xml", body).trickle(200, Duration.ofMillis(200)));
    // Each read waits at most 10 s (the idle timeout), far longer than the 200 ms between chunks
    // even on a loaded machine, so only the 3 s deadline over the whole answer can end it.
    HarvestProperties properties =
        TestAccess.properties(
            Duration.ofSeconds(10),
            Duration.ofSeconds(3),
            DataSize.ofMegabytes(10),
            0,
            Duration.ofSeconds(10));

    assertThatThrownBy(() -> reader(properties, 20_000).read(null, item -> {}))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no complete answer within PT3S")
        .hasMessageContaining("catalog.harvest.request-deadline");
  }
}
