package org.spatialcatalog.node.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.cluster.TestCluster;
import org.spatialcatalog.node.harvest.StubServer.Reply;
import org.spatialcatalog.node.record.SampleRecords;
import org.spatialcatalog.node.xml.XmlText;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes, a real broker and H2, and stub sources that answer like widely deployed servers,
 * byte for byte: OAI-PMH servers that want metadataPrefix with every token, whose last token is
 * {@code 0}, whose tokens expire, whose datestamps are long; a MapServer WMS 1.1.1 with its
 * DOCTYPE; pycsw records citing EPSG:4326 by URN (latitude first); a CSW whose listing changes
 * while it is paged; bodies that trickle and servers that ask to retry later; an answer nested so
 * deeply that harvesting it overflows the stack.
 */
class HarvestQuirksClusterIT {

  @TempDir static Path dir;
  static TestCluster cluster;
  static Harvests api;
  // Every node reaches the database through it, so a test can cut a harvest's connection.
  static FaultyProxy database;

  @BeforeAll
  static void start() throws Exception {
    List<String> args = new ArrayList<>(List.of(HarvestClusterIT.SETTINGS));
    args.removeIf(a -> a.startsWith("--catalog.harvest.http-timeout"));
    args.add("--catalog.harvest.http-timeout=3s");
    args.add("--catalog.harvest.request-deadline=5s");
    args.add("--catalog.harvest.retry-horizon=30s");
    cluster =
        TestCluster.onH2(
            dir,
            3,
            port -> {
              try {
                database = new FaultyProxy(port);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return database.port();
            },
            args.toArray(String[]::new));
    api = new Harvests(cluster);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private static OaiProvider provider(String marker, int n, String datestamp) {
    OaiProvider p = new OaiProvider();
    p.pageSize = 8;
    for (int i = 0; i < n; i++) {
      String xml =
          SampleRecords.iso19139(
              marker + "-" + i,
              marker + " record " + i,
              "quirk",
              List.of("HarvestTest"),
              null,
              null);
      p.items.add(
          new OaiProvider.Item(
              "oai:" + marker + ":" + i, datestamp, xml.substring(xml.indexOf("?>") + 2).trim()));
    }
    return p;
  }

  private List<String> reasons(String jobId) throws Exception {
    List<String> out = new ArrayList<>();
    api.live()
        .json("/api/harvest-jobs/" + jobId + "/events")
        .forEach(e -> out.add(e.path("reason").asString()));
    return out;
  }

  @Test
  void anOaiServerThatWantsMetadataPrefixWithEveryTokenIsHarvestedCompletely() throws Exception {
    String m = HarvestClusterIT.marker("oaiarg");
    // Datestamps longer than the 64 characters the link table used to hold.
    OaiProvider p =
        provider(
            m,
            29,
            "2024-03-11T10:15:30.123456789+01:00[Europe/Paris]"
                + " (revision 4711 of the upstream record)");
    p.wantsMetadataPrefixWithToken = true;
    try (StubServer source = new StubServer().on("/oai", p)) {
      // Complete listings every run: the datestamps below never move.
      String h =
          api.create(
              m, "oaipmh", source.url("/oai"), Map.of("options", Map.of("incremental", false)));
      String job = api.run(1, h);
      JsonNode done = api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(29);
      assertThat(done.path("counts").path("failed").asLong()).isZero();
      assertThat(done.path("outcome").asString()).isEqualTo("COMPLETE");
      assertThat(reasons(job)).anySatisfy(r -> assertThat(r).contains("badArgument"));
      assertThat(api.storedRecords(m)).isEqualTo(29);

      // The next run skips everything: the long datestamps were stored.
      JsonNode again = api.awaitState(api.run(2, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(again.path("counts").path("skipped").asLong()).isEqualTo(29);
      api.awaitSearchable(m, 29);

      // An edit behind an unchanged datestamp is still imported: the content decides.
      String xml =
          SampleRecords.iso19139(
              m + "-7", m + " record 7 edited", "quirk", List.of("HarvestTest"), null, null);
      OaiProvider.Item old = p.items.get(7);
      p.items.set(
          7,
          new OaiProvider.Item(
              old.identifier(), old.datestamp(), xml.substring(xml.indexOf("?>") + 2).trim()));
      JsonNode edited = api.awaitState(api.run(3, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(edited.path("counts").path("processed").asLong()).isEqualTo(1);
      assertThat(edited.path("counts").path("skipped").asLong()).isEqualTo(28);
      assertThat(
              api.sql(
                  "SELECT COUNT(*) FROM metadata_record WHERE title = ?", m + " record 7 edited"))
          .isEqualTo(1);
    }
  }

  @Test
  void aLastPageWhoseTokenIsZeroEndsTheListingInsteadOfLooping() throws Exception {
    String m = HarvestClusterIT.marker("oaizero");
    OaiProvider p = provider(m, 29, "2026-01-01");
    p.lastTokenIsZero = true;
    try (StubServer source = new StubServer().on("/oai", p)) {
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
      String job = api.run(2, h);
      JsonNode done = api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(29);
      assertThat(done.path("error").isNull()).isTrue();
      assertThat(reasons(job))
          .anySatisfy(r -> assertThat(r).containsAnyOf("already has", "a second time"));
      // Four pages and the one that sent the listing back to its start: no loop.
      assertThat(source.requests("/oai")).hasSize(5);
      assertThat(api.storedRecords(m)).isEqualTo(29);
    }
  }

  @Test
  void anExpiredTokenOnResumeRestartsTheListingAndTheLedgerSkipsWhatIsDone() throws Exception {
    String m = HarvestClusterIT.marker("oaiexp");
    OaiProvider p = provider(m, 40, "2026-01-01");
    List<String> served = new CopyOnWriteArrayList<>();
    try (StubServer source =
        new StubServer()
            .on(
                "/oai",
                r -> {
                  // The third page fails for good: the job fails after two pages.
                  String token = r.param("resumptionToken");
                  if (token != null && token.endsWith("-16") && !served.contains("resumed")) {
                    return Reply.status(503, "down");
                  }
                  return p.apply(r);
                })) {
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
      String job = api.run(3, h);
      JsonNode failed = api.awaitState(job, "FAILED", Duration.ofSeconds(120));
      assertThat(failed.path("counts").path("processed").asLong()).isEqualTo(16);
      // The server restarted meanwhile: the saved token is no longer valid.
      p.session.incrementAndGet();
      served.add("resumed");
      assertThat(cluster.client(1).post("/api/harvest-jobs/" + job + "/resume", "").status())
          .isEqualTo(202);
      JsonNode done = api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(40);
      assertThat(done.path("attempt").asInt()).isEqualTo(1);
      assertThat(reasons(job)).anySatisfy(r -> assertThat(r).contains("no longer accepts"));
      assertThat(api.storedRecords(m)).isEqualTo(40);
    }
  }

  @Test
  void theNextOaiRunListsOnlyWhatChangedAndAppliesReportedDeletions() throws Exception {
    String m = HarvestClusterIT.marker("oaiinc");
    OaiProvider p = provider(m, 12, "2026-01-01");
    try (StubServer source = new StubServer().on("/oai", p)) {
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
      JsonNode first = api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(first.path("counts").path("processed").asLong()).isEqualTo(12);

      // One record changed, one deleted (reported), one gone without a trace.
      String xml =
          SampleRecords.iso19139(
              m + "-3", m + " record 3 revised", "quirk", List.of("HarvestTest"), null, null);
      p.items.set(
          3,
          new OaiProvider.Item(
              "oai:" + m + ":3", "2099-01-01", xml.substring(xml.indexOf("?>") + 2).trim()));
      p.items.set(5, new OaiProvider.Item("oai:" + m + ":5", "2099-01-01", null));
      p.items.remove(9);
      String job = api.run(2, h);
      JsonNode second = api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(second.path("counts").path("processed").asLong()).isEqualTo(1);
      assertThat(second.path("counts").path("removed").asLong()).isEqualTo(1);
      assertThat(second.path("outcome").asString()).isEqualTo("COMPLETE");
      assertThat(reasons(job)).anySatisfy(r -> assertThat(r).contains("incremental listing"));
      assertThat(source.requests("/oai"))
          .anySatisfy(
              r -> assertThat(r.query()).containsEntry("verb", "ListRecords").containsKey("from"));
      // 12 - the deleted one; the one that vanished silently stays until a complete run.
      assertThat(api.storedRecords(m)).isEqualTo(11);
    }
  }

  @Test
  void aWms111ServerWithItsDoctypeIsHarvestedWithContactAndServiceLink() throws Exception {
    String m = HarvestClusterIT.marker("wms111");
    byte[] capabilities =
        StubServer.resource("wms-1.1.1-capabilities.xml")
            .replace("@MARKER@", m)
            .getBytes(StandardCharsets.ISO_8859_1);
    try (StubServer source =
        new StubServer()
            .on("/wms", Reply.bytes(200, "application/vnd.ogc.wms_xml", capabilities))) {
      String h =
          api.create(m, "wms", source.url("/wms"), Map.of("options", Map.of("version", "1.1.1")));
      JsonNode done = api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(3);
      api.awaitSearchable(m, 3);
      JsonNode hits = cluster.client(2).json("/api/search?q=" + m + "&bbox=-4.5,47.5,-2,48.5");
      assertThat(hits.path("total").asLong()).isEqualTo(3);
      String uuid =
          cluster
              .client(3)
              .json("/api/search?q=" + m + "&sort=title")
              .path("hits")
              .get(0)
              .path("uuid")
              .asString();
      String xml = cluster.client(3).getXml("/api/records/" + uuid).body();
      assertThat(xml)
          .contains("OGC:WMS")
          .contains("Marie Le Gall")
          .contains("http://wms.example.org/cgi-bin/mapserv?map=hydro.map");
    }
  }

  @Test
  void latitudeFirstBoxesByUrnAreStoredLongitudeFirstAndFoundWhereTheyAre() throws Exception {
    String m = HarvestClusterIT.marker("axis");
    String brittany =
        StubServer.resource("pycsw-brittany-record.xml")
            .replace("@ID@", m + "-bzh")
            .replace("@TITLE@", m + " record Bretagne");
    String caledonia =
        StubServer.resource("pycsw-brittany-record.xml")
            .replace("@ID@", m + "-ncl")
            .replace("@TITLE@", m + " record Caledonie")
            .replace("47.6 -4.1", "-22.7 158.1")
            .replace("51.2 0.9", "-19.5 168.2");
    String answer =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:GetRecordsResponse"
            + " xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\" version=\"2.0.2\">"
            + "<csw:SearchStatus timestamp=\"2026-11-30T09:41:07Z\"/><csw:SearchResults"
            + " numberOfRecordsMatched=\"2\" numberOfRecordsReturned=\"2\" nextRecord=\"0\""
            + " recordSchema=\"http://www.opengis.net/cat/csw/2.0.2\" elementSet=\"full\">"
            + brittany
            + caledonia
            + "</csw:SearchResults></csw:GetRecordsResponse>";
    try (StubServer source = new StubServer().on("/csw", Reply.xml(answer))) {
      String h =
          api.create(
              m,
              "csw",
              source.url("/csw"),
              Map.of("options", Map.of("outputSchema", "csw:Record")));
      JsonNode done = api.awaitState(api.run(2, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(2);
      assertThat(done.path("counts").path("failed").asLong()).isZero();
      api.awaitSearchable(m, 2);
      JsonNode bzh = cluster.client(1).json("/api/search?q=" + m + "&bbox=-3,48,-2,49");
      assertThat(bzh.path("total").asLong()).isEqualTo(1);
      assertThat(bzh.path("hits").get(0).path("bbox").toString()).isEqualTo("[-4.1,47.6,0.9,51.2]");
      // The harvested record keeps its source's online resource.
      String xml = cluster.client(3).getXml("/api/records/" + m + "-bzh").body();
      assertThat(xml).contains("scheme=\"OGC:WMS\"");
      assertThat(
              cluster
                  .client(3)
                  .json("/api/search?q=" + m + "&bbox=160,-22,165,-20")
                  .path("total")
                  .asLong())
          .isEqualTo(1);
    }
  }

  /** A CSW over a mutable list, paged by offset; a hook runs before each answer. */
  private static Reply cswPage(StubServer.Request r, List<String> ids, String marker) {
    int start = Integer.parseInt(r.query().getOrDefault("startPosition", "1"));
    int max = Integer.parseInt(r.query().getOrDefault("maxRecords", "10"));
    List<String> all = List.copyOf(ids);
    int from = Math.min(all.size(), start - 1);
    int to = Math.min(all.size(), from + max);
    StringBuilder out =
        new StringBuilder(
            "<csw:GetRecordsResponse"
                + " xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\"><csw:SearchResults"
                + " numberOfRecordsMatched=\""
                + all.size()
                + "\" numberOfRecordsReturned=\""
                + (to - from)
                + "\" nextRecord=\""
                + (to >= all.size() ? 0 : to + 1)
                + "\">");
    for (String id : all.subList(from, to)) {
      String xml =
          SampleRecords.iso19139(
              id, marker + " record " + id, "offset", List.of("HarvestTest"), null, null);
      out.append(xml.substring(xml.indexOf("?>") + 2).trim());
    }
    return Reply.xml(out.append("</csw:SearchResults></csw:GetRecordsResponse>").toString());
  }

  @Test
  void aSourceThatChangesWhilePagedLosesNoRecordAndRemovesNothing() throws Exception {
    String m = HarvestClusterIT.marker("offs");
    List<String> ids = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(m + "-" + String.format("%02d", i));
    }
    AtomicBoolean removeAfterFirstPage = new AtomicBoolean();
    try (StubServer source =
        new StubServer()
            .on(
                "/csw",
                r -> {
                  Reply reply = cswPage(r, ids, m);
                  if ("1".equals(r.param("startPosition"))
                      && removeAfterFirstPage.getAndSet(false)) {
                    // A record withdrawn at the top while the harvester is on page 1: every later
                    // record
                    // moves one place up, and the first record of page 2 is never seen.
                    ids.remove(0);
                  }
                  return reply;
                })) {
      String h = api.create(m, "csw", source.url("/csw"), Map.of());
      api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(api.storedRecords(m)).isEqualTo(30);
      String skipped = m + "-20";
      String idBefore = cluster.client(1).json("/api/records/" + skipped).path("id").asString();
      assertThat(idBefore).isNotBlank();

      removeAfterFirstPage.set(true);
      String job = api.run(2, h);
      JsonNode held = api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(held.path("counts").path("removed").asLong()).isZero();
      assertThat(held.path("outcome").asString()).isEqualTo("REMOVALS_HELD");
      assertThat(held.path("note").asString()).contains("record count changed");
      assertThat(reasons(job))
          .anySatisfy(
              r -> assertThat(r).contains("30 records at the first" + " page and 29 at the last"));
      // The record the paging skipped is still there, with its id.
      assertThat(cluster.client(2).json("/api/records/" + skipped).path("id").asString())
          .isEqualTo(idBefore);
      assertThat(api.storedRecords(m)).isEqualTo(30);

      // A stable listing removes what really went, and only that.
      JsonNode stable = api.awaitState(api.run(3, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(stable.path("outcome").asString()).isEqualTo("COMPLETE");
      assertThat(stable.path("counts").path("removed").asLong()).isEqualTo(1);
      assertThat(api.storedRecords(m)).isEqualTo(29);
      assertThat(cluster.client(3).json("/api/records/" + skipped).path("id").asString())
          .isEqualTo(idBefore);
    }
  }

  @Test
  void everyRecordRemovedByAHarvestLosesItsAttachmentFolder() throws Exception {
    String m = HarvestClusterIT.marker("files");
    try (StubSource source = new StubSource().withRecords(m, 6)) {
      String h =
          api.create(
              m, "csw", source.url("/csw"), Map.of("options", Map.of("maxRemovalShare", 1.0)));
      api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(90));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String id = cluster.client(1).json("/api/records/" + m + "-" + i).path("id").asString();
        ids.add(id);
        assertThat(
                cluster
                    .client(1 + i % 3)
                    .post(
                        "/api/records/" + id + "/attachments?name=contract.txt&visibility=private",
                        "private " + i)
                    .status())
            .isEqualTo(201);
      }
      assertThat(folders(ids)).hasSize(4);

      source.records.removeIf(r -> !r.uuid().endsWith("-4") && !r.uuid().endsWith("-5"));
      JsonNode done = api.awaitState(api.run(2, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(done.path("counts").path("removed").asLong()).isEqualTo(4);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(folders(ids)).isEmpty());
    }
  }

  /** The record folders of these ids that exist in the shared data directory. */
  private static List<Path> folders(List<String> ids) throws Exception {
    try (var walk = java.nio.file.Files.walk(cluster.sharedDir())) {
      return walk.filter(p -> ids.contains(p.getFileName().toString())).toList();
    }
  }

  @Test
  void aTricklingBodyAndRetryAfterAreSurvived() throws Exception {
    String m = HarvestClusterIT.marker("slow");
    OaiProvider p = provider(m, 24, "2026-01-01");
    AtomicBoolean trickle = new AtomicBoolean(true);
    AtomicBoolean busy = new AtomicBoolean(true);
    try (StubServer source =
        new StubServer()
            .on(
                "/oai",
                r -> {
                  Reply page = p.apply(r);
                  String token = r.param("resumptionToken");
                  if (token != null && token.endsWith("-8") && trickle.getAndSet(false)) {
                    // 40 bytes a second: within the 3 s idle timeout, far beyond the 5 s deadline.
                    return page.trickle(40, Duration.ofSeconds(1));
                  }
                  if (token != null && token.endsWith("-16") && busy.getAndSet(false)) {
                    return Reply.status(503, "maintenance").header("Retry-After", "2");
                  }
                  return page;
                })) {
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
      String job = api.run(1, h);
      JsonNode done = api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(120));
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(24);
      List<StubServer.Request> asked = source.requests("/oai");
      List<StubServer.Request> third =
          asked.stream()
              .filter(r -> String.valueOf(r.param("resumptionToken")).endsWith("-16"))
              .toList();
      assertThat(third).hasSize(2);
      assertThat(Duration.between(third.get(0).at(), third.get(1).at()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      assertThat(
              asked.stream().filter(r -> String.valueOf(r.param("resumptionToken")).endsWith("-8")))
          .hasSize(2);
    }
  }

  @Test
  void anAnswerThatOverflowsTheStackFailsItsJobOnceAndTheNodeCarriesOn() throws Exception {
    String m = HarvestClusterIT.marker("deep");
    StringBuilder deep = new StringBuilder();
    int depth = 200_000;
    deep.append("<gmd:MD_Metadata xmlns:gmd=\"http://www.isotc211.org/2005/gmd\">");
    deep.append("<a>".repeat(depth)).append("</a>".repeat(depth));
    deep.append("</gmd:MD_Metadata>");
    String answer =
        "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>"
            + "2026-11-30T09:41:07Z</responseDate><ListRecords><record><header><identifier>oai:"
            + XmlText.escape(m)
            + ":1</identifier><datestamp>2026-01-01</datestamp></header>"
            + "<metadata>"
            + deep
            + "</metadata></record></ListRecords></OAI-PMH>";
    try (StubServer source = new StubServer().on("/oai", Reply.xml(answer))) {
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
      String job = api.run(2, h);
      JsonNode failed = api.awaitState(job, "FAILED", Duration.ofSeconds(120));
      assertThat(failed.path("error").asString()).contains("stack overflow");
      assertThat(failed.path("attempt").asInt()).isEqualTo(1);
      String node = failed.path("node").asString();
      // No other node took it over: the job ended where it failed.
      assertThat(reasons(job)).noneSatisfy(r -> assertThat(r).contains("expired"));
      assertThat(source.requests("/oai")).hasSize(1);

      // Every node, the one that met the error included, still harvests.
      String n = HarvestClusterIT.marker("after");
      OaiProvider p = provider(n, 5, "2026-01-01");
      try (StubServer ok = new StubServer().on("/oai", p)) {
        String h2 = api.create(n, "oaipmh", ok.url("/oai"), Map.of());
        for (int i = 1; i <= 3; i++) {
          api.awaitState(api.run(i, h2), "SUCCEEDED", Duration.ofSeconds(90));
        }
      }
      for (int i = 1; i <= 3; i++) {
        assertThat(cluster.client(i).get("/actuator/health").body()).contains("UP");
      }
      assertThat(node).isNotBlank();
    }
  }

  @Test
  void aHarvestWriteThatLosesItsDatabaseConnectionIsRetriedAndTheJobCarriesOn() throws Exception {
    String m = HarvestClusterIT.marker("dbcut");
    try (StubSource source = new StubSource().withRecords(m, 12)) {
      String h = api.create(m, "csw", source.url("/csw"), Map.of());
      // The connection that carries the first two inserts of harvest links is reset before the
      // statement reaches H2: the batch's transaction is lost mid-way, twice.
      database.resetWhenSent("INSERT INTO harvested_record", 2);
      String job = api.run(1, h);
      // A request that borrows the reset connection before the pool notices answers 503 (the
      // database cannot be reached): asked again, like a client would.
      JsonNode done =
          await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(200))
              .ignoreExceptions()
              .until(() -> api.job(job), j -> "SUCCEEDED".equals(j.path("state").asString()));
      assertThat(database.tripped.get()).isEqualTo(2);
      assertThat(done.path("attempt").asInt()).isEqualTo(1);
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(12);
      assertThat(done.path("counts").path("failed").asLong()).isZero();
      assertThat(api.storedRecords(m)).isEqualTo(12);
      assertThat(
              api.sql(
                  "SELECT COUNT(*) FROM harvested_record WHERE harvester_id = ?"
                      + " AND removed_at IS NULL",
                  h))
          .isEqualTo(12);
    } finally {
      database.resetWhenSent("INSERT INTO harvested_record", 0);
    }
  }

  @Test
  void aRecordThatVanishedAndComesBackGetsItsOldIdBack() throws Exception {
    String m = HarvestClusterIT.marker("back");
    try (StubSource source = new StubSource().withRecords(m, 6)) {
      String h =
          api.create(
              m, "csw", source.url("/csw"), Map.of("options", Map.of("maxRemovalShare", 1.0)));
      api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(90));
      String uuid = m + "-2";
      String id = cluster.client(1).json("/api/records/" + uuid).path("id").asString();
      assertThat(id).isNotBlank();
      StubSource.Rec rec =
          source.records.stream().filter(r -> r.uuid().equals(uuid)).findFirst().orElseThrow();

      source.records.remove(rec);
      JsonNode removed = api.awaitState(api.run(2, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(removed.path("counts").path("removed").asLong()).isEqualTo(1);
      assertThat(cluster.client(2).get("/api/records/" + uuid).status()).isEqualTo(404);
      api.awaitSearchable(m, 5);

      source.records.add(rec);
      JsonNode back = api.awaitState(api.run(3, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(back.path("counts").path("processed").asLong()).isEqualTo(1);
      assertThat(back.path("counts").path("skipped").asLong()).isEqualTo(5);
      assertThat(cluster.client(3).json("/api/records/" + uuid).path("id").asString())
          .isEqualTo(id);
      api.awaitSearchable(m, 6);
      // Consumers of the change log (the indexes, OAI-PMH, CSW) see the record deleted, then
      // created again under the same id, with versions that never go back.
      assertThat(changes(id)).containsExactly("CREATE 1", "DELETE 2", "CREATE 3");
      assertThat(cluster.client(1).json("/api/records/" + uuid).path("version").asLong())
          .isEqualTo(3);

      // Removed again and back again: still the same id.
      source.records.remove(rec);
      api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(90));
      source.records.add(rec);
      api.awaitState(api.run(2, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(cluster.client(2).json("/api/records/" + uuid).path("id").asString())
          .isEqualTo(id);
      assertThat(changes(id)).hasSize(5).last().isEqualTo("CREATE 5");
      assertThat(api.storedRecords(m)).isEqualTo(6);
    }
  }

  @Test
  void invalidRecordsKeepTheirIdentityAndARunWhoseEveryRecordFailsEndsFailed() throws Exception {
    String m = HarvestClusterIT.marker("invalid");
    try (StubSource source = new StubSource().withRecords(m, 10)) {
      // Served without a title on every run: refused, but known by their fileIdentifier.
      source.broken.add(m + "-3");
      source.broken.add(m + "-7");
      String h =
          api.create(
              m, "csw", source.url("/csw"), Map.of("options", Map.of("maxRemovalShare", 1.0)));
      String first = api.run(1, h);
      JsonNode done = api.awaitState(first, "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(done.path("outcome").asString()).isEqualTo("RECORDS_FAILED");
      assertThat(done.path("counts").path("failed").asLong()).isEqualTo(2);
      List<String> failed = new ArrayList<>();
      cluster
          .client(2)
          .json("/api/harvest-jobs/" + first + "/failures")
          .forEach(f -> failed.add(f.path("remoteId").asString()));
      assertThat(failed).containsExactlyInAnyOrder(m + "-3", m + "-7");

      // The invalid records do not block the removal of one that really went.
      source.records.removeIf(r -> r.uuid().equals(m + "-5"));
      JsonNode second = api.awaitState(api.run(2, h), "SUCCEEDED", Duration.ofSeconds(90));
      assertThat(second.path("counts").path("removed").asLong()).isEqualTo(1);
      assertThat(second.path("outcome").asString()).isEqualTo("RECORDS_FAILED");
      assertThat(api.storedRecords(m)).isEqualTo(7);

      // A source whose every record fails: the run fails, saying so, and removes nothing.
      source.records.forEach(r -> source.broken.add(r.uuid()));
      JsonNode all = api.awaitState(api.run(3, h), "FAILED", Duration.ofSeconds(90));
      assertThat(all.path("error").asString()).contains("every record of the source failed");
      assertThat(all.path("counts").path("removed").asLong()).isZero();
      assertThat(api.storedRecords(m)).isEqualTo(7);
    }
  }

  /** The change-log entries of a record, oldest first, as "OPERATION version". */
  private static List<String> changes(String recordId) throws Exception {
    List<String> out = new ArrayList<>();
    try (java.sql.Connection c = cluster.jdbc();
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "SELECT operation, record_version FROM change_log WHERE record_id = ?"
                    + " ORDER BY seq")) {
      ps.setString(1, recordId);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + " " + rs.getLong(2));
        }
      }
    }
    return out;
  }

  @Test
  void theAuditTrailNamesTheUserWhoActedAndTheSystemForBackgroundWork() throws Exception {
    String m = HarvestClusterIT.marker("audit");
    String user = "ops" + m.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    long group =
        api.live()
            .postJson("/api/groups", "{\"name\":\"" + user + "-group\"}")
            .json()
            .path("id")
            .asLong();
    CatalogClient.Response created =
        api.live()
            .postJson(
                "/api/users",
                "{\"username\":\""
                    + user
                    + "\",\"password\":\"harvest-ops-pw\",\"profile\":\"Administrator\","
                    + "\"groups\":["
                    + group
                    + "]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    try (StubSource source = new StubSource().withRecords(m, 30)) {
      // Slow enough for the job to be cancelled while it runs.
      source.delayMillis = 3000;
      String body =
          "{\"name\":\"" + m + "\",\"type\":\"csw\",\"url\":\"" + source.url("/csw") + "\"}";
      CatalogClient.Response made = as(user, 1, "POST", "/api/harvesters", body);
      assertThat(made.status()).as(made.body()).isEqualTo(201);
      String h = made.json().path("id").asString();
      CatalogClient.Response changed =
          as(user, 2, "PUT", "/api/harvesters/" + h, body.replace("}", ",\"priority\":7}"));
      assertThat(changed.status()).as(changed.body()).isEqualTo(200);
      CatalogClient.Response run = as(user, 3, "POST", "/api/harvesters/" + h + "/run", null);
      assertThat(run.status()).as(run.body()).isEqualTo(202);
      String job = run.json().path("jobId").asString();
      api.awaitState(job, "RUNNING", Duration.ofSeconds(60));
      CatalogClient.Response cancel =
          as(user, 1, "POST", "/api/harvest-jobs/" + job + "/cancel", null);
      assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
      api.awaitState(job, "CANCELLED", Duration.ofSeconds(60));
      source.delayMillis = 0;
      CatalogClient.Response resumed =
          as(user, 3, "POST", "/api/harvest-jobs/" + job + "/resume", null);
      assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
      api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(90));
      CatalogClient.Response deleted = as(user, 2, "DELETE", "/api/harvesters/" + h, null);
      assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);

      List<String> harvesterEvents = new ArrayList<>();
      cluster
          .client(3)
          .json("/api/harvesters/" + h + "/events")
          .forEach(
              e ->
                  harvesterEvents.add(
                      e.path("action").asString() + " by " + e.path("actor").asString()));
      assertThat(harvesterEvents)
          .containsExactly("created by " + user, "changed by " + user, "deleted by " + user);

      List<String> jobEvents = new ArrayList<>();
      api.live()
          .json("/api/harvest-jobs/" + job + "/events")
          .forEach(
              e ->
                  jobEvents.add(
                      e.path("from").asString()
                          + ">"
                          + e.path("to").asString()
                          + " "
                          + e.path("actor").asString()
                          + ": "
                          + e.path("reason").asString()));
      assertThat(jobEvents)
          .as("job events")
          .anySatisfy(e -> assertThat(e).contains(">QUEUED " + user + ": ").contains("by " + user))
          // The claim is the node's own work, whoever asked for the run.
          .anySatisfy(e -> assertThat(e).startsWith("QUEUED>RUNNING system:"))
          .anySatisfy(
              e ->
                  assertThat(e)
                      .startsWith("RUNNING>RUNNING " + user + ":")
                      .contains("cancel requested by " + user))
          .anySatisfy(
              e -> assertThat(e).startsWith("CANCELLED>QUEUED " + user + ":").contains(user))
          .noneSatisfy(e -> assertThat(e).contains(" admin:"))
          .noneSatisfy(e -> assertThat(e).contains(" guest:"));
    }
  }

  /** A request as {@code user} (password harvest-ops-pw) to node {@code node}. */
  private static CatalogClient.Response as(
      String user, int node, String method, String path, String json) throws Exception {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(cluster.node(node).baseUrl() + path))
            .timeout(Duration.ofSeconds(60))
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(
                            (user + ":harvest-ops-pw").getBytes(StandardCharsets.UTF_8)))
            .method(
                method,
                json == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    return new CatalogClient.Response(r.statusCode(), r.body(), r.headers());
  }
}
