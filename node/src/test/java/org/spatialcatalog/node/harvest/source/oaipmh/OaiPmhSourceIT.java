package org.spatialcatalog.node.harvest.source.oaipmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.harvest.OaiProvider;
import org.spatialcatalog.node.harvest.StubServer;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterOptions;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.harvest.source.TestAccess;
import org.spatialcatalog.node.record.SampleRecords;

/** The OAI-PMH reader against a provider with real servers' quirks, over real HTTP. */
class OaiPmhSourceIT {

  StubServer server;
  OaiProvider provider;

  @BeforeEach
  void start() {
    provider = new OaiProvider();
    for (int i = 0; i < 29; i++) {
      String xml =
          SampleRecords.dublinCore("q-" + i, "Quirk record " + i, "x", List.of("k"), null, null);
      provider.items.add(
          new OaiProvider.Item(
              "oai:q:" + i, "2026-01-01", xml.substring(xml.indexOf("?>") + 2).trim()));
    }
    provider.pageSize = 8;
    server = new StubServer().on("/oai", provider);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SourceReader reader(Map<String, Object> options) {
    return reader(options, null);
  }

  private SourceReader reader(Map<String, Object> options, Instant lastSuccess) {
    Instant now = Instant.now();
    Harvester h =
        new Harvester(
            "h1",
            "quirks",
            HarvesterType.OAIPMH,
            server.url("/oai"),
            null,
            true,
            60,
            4,
            HarvesterOptions.given(HarvesterType.OAIPMH, options),
            now,
            now,
            null);
    return new OaiPmhSource().open(h, TestAccess.access(100, TestAccess.properties(), lastSuccess));
  }

  @Test
  void afterASuccessfulRunOnlyWhatChangedSinceIsListedWithDeletions() throws Exception {
    provider.items.add(
        new OaiProvider.Item("oai:q:new", "2026-01-15", provider.items.get(0).metadata()));
    provider.items.add(new OaiProvider.Item("oai:q:gone", "2026-01-20", null));
    SourceReader.Page page = reader(Map.of(), Instant.parse("2026-01-10T12:00:00Z")).read(null);
    assertThat(page.listedSince()).isEqualTo("2026-01-09");
    assertThat(page.items())
        .extracting(SourceItem::remoteId)
        .containsExactly("oai:q:new", "oai:q:gone");
    assertThat(page.items().get(1).deleted()).isTrue();
    assertThat(page.next()).isNull();
    assertThat(server.queries("/oai"))
        .extracting(q -> q.get("verb"))
        .containsExactly("Identify", "ListRecords");
    assertThat(server.queries("/oai").get(1)).containsEntry("from", "2026-01-09");
  }

  @Test
  void secondsGranularityAsksFromAnHourBeforeTheLastRun() throws Exception {
    provider.granularity = "YYYY-MM-DDThh:mm:ssZ";
    SourceReader.Page page = reader(Map.of(), Instant.parse("2026-01-10T12:00:00.250Z")).read(null);
    assertThat(page.listedSince()).isEqualTo("2026-01-10T11:00:00Z");
  }

  @Test
  void aSourceThatForgetsDeletionsIsAlwaysListedCompletely() throws Exception {
    provider.deletedRecord = "no";
    SourceReader.Page page = reader(Map.of(), Instant.parse("2026-01-10T12:00:00Z")).read(null);
    assertThat(page.listedSince()).isNull();
    assertThat(page.items()).hasSize(8);
    assertThat(page.notes()).singleElement().asString().contains("deletedRecord no");
    assertThat(server.queries("/oai").get(1)).doesNotContainKey("from");
  }

  @Test
  void anOwnFromOrIncrementalFalseMeansNoIncrementalListing() throws Exception {
    Instant last = Instant.parse("2026-01-10T12:00:00Z");
    assertThat(reader(Map.of("incremental", false), last).read(null).listedSince()).isNull();
    assertThat(reader(Map.of("from", "2025-06-01"), last).read(null).listedSince()).isNull();
    assertThat(server.queries("/oai"))
        .noneSatisfy(q -> assertThat(q).containsEntry("verb", "Identify"));
    assertThat(server.queries("/oai").get(1)).containsEntry("from", "2025-06-01");
  }

  private static List<String> ids(SourceReader.Page page) {
    return page.items().stream().map(SourceItem::remoteId).toList();
  }

  @Test
  void aBadArgumentForATokenWithoutMetadataPrefixIsRecoveredAndPrefixSentFromThenOn()
      throws Exception {
    provider.wantsMetadataPrefixWithToken = true;
    SourceReader reader = reader(Map.of("metadataPrefix", "oai_dc", "set", "maps"));
    SourceReader.Page first = reader.read(null);
    assertThat(first.items()).hasSize(8);
    SourceReader.Page second = reader.read(first.next());
    assertThat(ids(second)).startsWith("oai:q:8");
    assertThat(second.notes())
        .singleElement()
        .asString()
        .contains("badArgument")
        .contains("Missing metadataPrefix parameter");
    SourceReader.Page third = reader.read(second.next());
    SourceReader.Page fourth = reader.read(third.next());
    assertThat(fourth.next()).isNull();
    assertThat(
            first.items().size()
                + second.items().size()
                + third.items().size()
                + fourth.items().size())
        .isEqualTo(29);
    List<Map<String, String>> asked = server.queries("/oai");
    // first page, the refused token, the same token with the prefix, then two more pages
    assertThat(asked).hasSize(5);
    assertThat(asked.get(1)).doesNotContainKey("metadataPrefix");
    assertThat(asked.subList(2, 5))
        .allSatisfy(
            q ->
                assertThat(q)
                    .containsEntry("metadataPrefix", "oai_dc")
                    .containsEntry("set", "maps")
                    .containsKey("resumptionToken"));
  }

  @Test
  void theOptionSendsMetadataPrefixWithEveryToken() throws Exception {
    SourceReader reader = reader(Map.of("repeatMetadataPrefix", true));
    String cursor = reader.read(null).next();
    while (cursor != null) {
      SourceReader.Page page = reader.read(cursor);
      assertThat(page.notes()).isEmpty();
      cursor = page.next();
    }
    assertThat(server.queries("/oai"))
        .hasSize(4)
        .allSatisfy(q -> assertThat(q).containsEntry("metadataPrefix", "iso19139"));
  }

  @Test
  void anExpiredTokenRestartsTheListingOnce() throws Exception {
    SourceReader reader = reader(Map.of());
    SourceReader.Page first = reader.read(null);
    provider.session.incrementAndGet();
    SourceReader.Page again = reader.read(first.next());
    assertThat(again.restarted()).isTrue();
    assertThat(ids(again)).isEqualTo(ids(first));
    assertThat(again.notes())
        .singleElement()
        .asString()
        .contains("no longer accepts")
        .contains(first.next());
    // A second expiry in the same attempt is an error, not a loop.
    provider.session.incrementAndGet();
    assertThatThrownBy(() -> reader.read(again.next()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("badResumptionToken");
  }

  @Test
  void theLastPagesTokenZeroIsReturnedAsIsForTheWorkerToCatch() throws Exception {
    provider.lastTokenIsZero = true;
    SourceReader reader = reader(Map.of());
    String cursor = null;
    SourceReader.Page page;
    int pages = 0;
    do {
      page = reader.read(cursor);
      cursor = page.next();
      pages++;
    } while (!"0".equals(cursor));
    assertThat(pages).isEqualTo(4);
    assertThat(page.matched()).isEqualTo(29);
  }

  @Test
  void aRecordOverTheSizeLimitFailsAloneUnderItsIdentifierAndThePageIsRead() throws Exception {
    provider.pageSize = 40;
    String big =
        SampleRecords.dublinCore(
            "q-big", "Big record", "x".repeat(60_000), List.of("k"), null, null);
    provider.items.set(
        5,
        new OaiProvider.Item("oai:q:5", "2026-01-01", big.substring(big.indexOf("?>") + 2).trim()));
    Instant now = Instant.now();
    Harvester h =
        new Harvester(
            "h1",
            "quirks",
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
    // A limit of 20 000 characters per record, for a page of all 29 records far larger than it.
    SourceReader.Page page =
        new OaiPmhSource()
            .open(h, TestAccess.access(100, TestAccess.properties(), null, 20_000))
            .read(null);

    assertThat(page.items()).hasSize(29);
    SourceItem failed = page.items().get(5);
    assertThat(failed.remoteId()).isEqualTo("oai:q:5");
    assertThat(failed.xml()).isNull();
    assertThat(failed.error()).contains("larger than 20000").contains("catalog.max-record-size");
    assertThat(page.items().stream().filter(i -> i.error() == null)).hasSize(28);
    assertThat(page.items().get(6).xml()).contains("Quirk record 6");
    assertThat(page.next()).isNull();
  }
}
