package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.spatialcatalog.node.oai.OaiHttp.args;
import static org.spatialcatalog.node.oai.OaiHttp.error;
import static org.spatialcatalog.node.oai.OaiHttp.first;
import static org.spatialcatalog.node.oai.OaiHttp.headers;
import static org.spatialcatalog.node.oai.OaiHttp.token;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.cluster.TestCluster;
import org.spatialcatalog.node.record.SampleRecords;
import org.w3c.dom.Element;

/**
 * The OAI-PMH provider on a real 2-node cluster with a page size of 3: every verb and every error
 * over GET and POST, tokens taken from one node and resumed on the other, edits during a listing,
 * from/until at both granularities, privileges and deleted records. Every answer passes {@link
 * OaiSchemaRules}.
 */
class OaiProtocolClusterIT {

  static final String PREFIX = "oai:spatialcatalog:";

  @TempDir static Path dir;
  static TestCluster cluster;
  static OaiHttp[] admin;
  static OaiHttp[] guest;
  static final Map<String, String> uuids = new LinkedHashMap<>();
  static String isoId;
  static String dcId;
  static String privateId;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.onH2(dir, 2, "--catalog.oai.page-size=3");
    admin =
        new OaiHttp[] {
          new OaiHttp(cluster.client(1).baseUrl(), true),
          new OaiHttp(cluster.client(2).baseUrl(), true)
        };
    guest =
        new OaiHttp[] {
          new OaiHttp(cluster.client(1).baseUrl(), false),
          new OaiHttp(cluster.client(2).baseUrl(), false)
        };
    for (int i = 0; i < 7; i++) {
      isoId = create(iso(UUID.randomUUID().toString(), "Wetland survey " + i));
    }
    String dcUuid = UUID.randomUUID().toString();
    dcId =
        create(
            SampleRecords.dublinCore(
                dcUuid,
                "Dublin river gauges",
                "Gauges & levels",
                List.of("Hydrography"),
                new Bbox(-6.5, 53.2, -6.1, 53.5),
                Instant.parse("2026-02-01T00:00:00Z")));
    privateId = create(iso(UUID.randomUUID().toString(), "Secret bunker inventory"));
    CatalogClient.Response restricted =
        cluster
            .client(1)
            .putJson("/api/records/" + privateId + "/privileges", "{\"operations\":{}}");
    assertThat(restricted.status()).as(restricted.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static String iso(String uuid, String title) {
    return SampleRecords.iso19139(
        uuid,
        title,
        "Abstract of " + title,
        List.of("Wetlands"),
        new Bbox(2.5, 49.5, 6.4, 51.5),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  static String create(String xml) throws Exception {
    CatalogClient.Response r = cluster.client(1).post("/api/records", xml);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().path("id").asString();
    uuids.put(id, r.json().path("uuid").asString());
    return id;
  }

  /** One complete listing, page after page alternating between the nodes; checks the tokens. */
  static List<Element> listAll(OaiHttp[] nodes, Map<String, String> firstArgs) throws Exception {
    String verb = firstArgs.get("verb");
    List<Element> headers = new ArrayList<>();
    Element page = nodes[0].get(firstArgs);
    if ("noRecordsMatch".equals(error(page))) {
      return headers;
    }
    assertThat(error(page)).isNull();
    long expectedCursor = 0;
    Long size = null;
    for (int n = 1; ; n++) {
      List<Element> items = headers(page);
      headers.addAll(items);
      Element token = token(page);
      if (token == null) {
        assertThat(n).as("only a one-page list may end without a token").isEqualTo(1);
        return headers;
      }
      assertThat(Long.parseLong(token.getAttribute("cursor"))).isEqualTo(expectedCursor);
      expectedCursor += items.size();
      long listSize = Long.parseLong(token.getAttribute("completeListSize"));
      if (size == null) {
        size = listSize;
      }
      if (token.getTextContent().isEmpty()) {
        assertThat(n).as("the first page of a longer list carries a token").isGreaterThan(1);
        assertThat(listSize).isEqualTo(expectedCursor);
        return headers;
      }
      assertThat(items).hasSize(3);
      page =
          nodes[n % nodes.length].get(
              args("verb", verb, "resumptionToken", token.getTextContent()));
      assertThat(error(page)).as("page %d", n + 1).isNull();
    }
  }

  static String id(Element header) {
    String identifier = first(header, "identifier").getTextContent();
    assertThat(identifier).startsWith(PREFIX);
    return identifier.substring(PREFIX.length());
  }

  static Instant datestamp(Element header) {
    return Instant.parse(first(header, "datestamp").getTextContent());
  }

  static boolean deleted(Element header) {
    return "deleted".equals(header.getAttribute("status"));
  }

  static Set<String> liveIdsInDatabase() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = cluster.jdbc();
        ResultSet rs = c.createStatement().executeQuery("SELECT id FROM metadata_record")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  @Test
  void identifyAdvertisesSecondsGranularityAndPersistentDeletionsOverGetAndPost() throws Exception {
    for (Element root :
        List.of(admin[0].get(args("verb", "Identify")), guest[1].post(args("verb", "Identify")))) {
      Element identify = first(root, "Identify");
      assertThat(first(identify, "protocolVersion").getTextContent()).isEqualTo("2.0");
      assertThat(first(identify, "granularity").getTextContent()).isEqualTo("YYYY-MM-DDThh:mm:ssZ");
      assertThat(first(identify, "deletedRecord").getTextContent()).isEqualTo("persistent");
      assertThat(first(identify, "baseURL").getTextContent())
          .startsWith("http://")
          .endsWith("/oai");
      assertThat(first(root, "request").getTextContent())
          .isEqualTo(first(identify, "baseURL").getTextContent());
      assertThat(Instant.parse(first(identify, "earliestDatestamp").getTextContent()))
          .isBefore(Instant.now().plusSeconds(1));
    }
  }

  @Test
  void listMetadataFormatsNamesBothFormatsForTheRepositoryAndForOneRecord() throws Exception {
    for (Element root :
        List.of(
            guest[0].get(args("verb", "ListMetadataFormats")),
            guest[1].post(args("verb", "ListMetadataFormats", "identifier", PREFIX + dcId)))) {
      List<String> prefixes =
          OaiHttp.all(first(root, "ListMetadataFormats"), "metadataFormat").stream()
              .map(f -> first(f, "metadataPrefix").getTextContent())
              .toList();
      assertThat(prefixes).containsExactly("oai_dc", "iso19139");
    }
  }

  @Test
  void listSetsHasTheLocalSetAndOneSetPerHarvester() throws Exception {
    CatalogClient.Response h =
        cluster
            .client(1)
            .postJson(
                "/api/harvesters",
                "{\"name\":\"Neighbour catalog\",\"type\":\"oaipmh\",\"url\":\"http://127.0.0.1:9/oai\"}");
    assertThat(h.status()).as(h.body()).isEqualTo(201);
    String harvesterId = h.json().path("id").asString();
    Element root = guest[1].get(args("verb", "ListSets"));
    Map<String, String> sets =
        OaiHttp.all(first(root, "ListSets"), "set").stream()
            .collect(
                Collectors.toMap(
                    s -> first(s, "setSpec").getTextContent(),
                    s -> first(s, "setName").getTextContent()));
    assertThat(sets)
        .containsKey("local")
        .containsEntry("harvester:" + harvesterId, "Harvested by Neighbour catalog");
    // Every record here was created locally: the local set lists them all, the harvester's
    // none; tombstones of records whose origin is no longer known are in every set, without one.
    for (Element header :
        listAll(
            admin,
            args(
                "verb",
                "ListIdentifiers",
                "metadataPrefix",
                "oai_dc",
                "set",
                "harvester:" + harvesterId))) {
      assertThat(deleted(header)).as("only tombstones of unknown origin").isTrue();
      assertThat(first(header, "setSpec")).isNull();
    }
    Set<String> local =
        listAll(admin, args("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "local"))
            .stream()
            .filter(x -> !deleted(x))
            .map(OaiProtocolClusterIT::id)
            .collect(Collectors.toSet());
    assertThat(local).isEqualTo(liveIdsInDatabase());
  }

  @Test
  void getRecordServesStoredIsoAndConvertsDublinCoreToIsoAndIsoToDublinCore() throws Exception {
    Element isoAsIso =
        first(
            admin[0].get(
                args(
                    "verb",
                    "GetRecord",
                    "identifier",
                    PREFIX + isoId,
                    "metadataPrefix",
                    "iso19139")),
            "GetRecord");
    Element md = OaiSchemaRules.children(first(first(isoAsIso, "record"), "metadata")).get(0);
    assertThat(md.getLocalName()).isEqualTo("MD_Metadata");
    assertThat(md.getTextContent()).contains(uuids.get(isoId), "Wetland survey 6");

    Element isoAsDc =
        first(
            guest[1].post(
                args(
                    "verb", "GetRecord", "identifier", PREFIX + isoId, "metadataPrefix", "oai_dc")),
            "GetRecord");
    Element dc = OaiSchemaRules.children(first(first(isoAsDc, "record"), "metadata")).get(0);
    assertThat(dc.getNamespaceURI()).isEqualTo(OaiSchemaRules.OAI_DC);
    assertThat(dcValues(dc, "title")).containsExactly("Wetland survey 6");
    assertThat(dcValues(dc, "identifier")).containsExactly(uuids.get(isoId));
    assertThat(dcValues(dc, "subject")).containsExactly("Wetlands");

    Element dcAsIso =
        first(
            guest[0].get(
                args(
                    "verb",
                    "GetRecord",
                    "identifier",
                    PREFIX + dcId,
                    "metadataPrefix",
                    "iso19139")),
            "GetRecord");
    Element converted = OaiSchemaRules.children(first(first(dcAsIso, "record"), "metadata")).get(0);
    assertThat(converted.getLocalName()).isEqualTo("MD_Metadata");
    assertThat(converted.getNamespaceURI()).isEqualTo("http://www.isotc211.org/2005/gmd");
    assertThat(converted.getTextContent())
        .contains(uuids.get(dcId), "Dublin river gauges", "Gauges & levels", "Hydrography");
    Element header = first(first(dcAsIso, "record"), "header");
    assertThat(first(header, "setSpec").getTextContent()).isEqualTo("local");
  }

  private static List<String> dcValues(Element dc, String name) {
    return OaiSchemaRules.children(dc).stream()
        .filter(e -> e.getLocalName().equals(name))
        .map(Element::getTextContent)
        .toList();
  }

  @Test
  void everyErrorIsAnOaiErrorAndTheRequestEchoesOnlyValidArguments() throws Exception {
    for (OaiHttp node : List.of(guest[0], admin[1])) {
      for (boolean post : new boolean[] {false, true}) {
        expectError(node, post, "badVerb", false, args("verb", "Harvest"));
        expectError(node, post, "badVerb", false, args("metadataPrefix", "oai_dc"));
        expectError(node, post, "badArgument", false, args("verb", "ListRecords"));
        expectError(
            node,
            post,
            "badArgument",
            false,
            args("verb", "ListRecords", "metadataPrefix", "oai_dc", "colour", "red"));
        expectError(
            node,
            post,
            "badArgument",
            false,
            args("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "resumptionToken", "x"));
        expectError(
            node,
            post,
            "badArgument",
            false,
            args("verb", "ListRecords", "metadataPrefix", "oai_dc", "from", "2026-13-45"));
        expectError(
            node,
            post,
            "badArgument",
            false,
            args("verb", "ListRecords", "metadataPrefix", "oai_dc", "from", "2026-01-01T00:00Z"));
        expectError(
            node,
            post,
            "badArgument",
            false,
            args(
                "verb",
                "ListRecords",
                "metadataPrefix",
                "oai_dc",
                "from",
                "2026-01-01",
                "until",
                "2026-02-01T00:00:00Z"));
        expectError(
            node,
            post,
            "badArgument",
            false,
            args("verb", "GetRecord", "metadataPrefix", "oai_dc"));
        expectError(
            node,
            post,
            "badArgument",
            false,
            args("verb", "Identify", "identifier", PREFIX + isoId));
        expectError(
            node,
            post,
            "badResumptionToken",
            true,
            args("verb", "ListRecords", "resumptionToken", "not-a-token"));
        expectError(
            node,
            post,
            "badResumptionToken",
            true,
            args("verb", "ListSets", "resumptionToken", "abc"));
        expectError(
            node,
            post,
            "cannotDisseminateFormat",
            true,
            args("verb", "ListRecords", "metadataPrefix", "marc21"));
        expectError(
            node,
            post,
            "cannotDisseminateFormat",
            true,
            args("verb", "GetRecord", "identifier", PREFIX + isoId, "metadataPrefix", "marc21"));
        expectError(
            node,
            post,
            "idDoesNotExist",
            true,
            args(
                "verb", "GetRecord", "identifier", PREFIX + "nothing", "metadataPrefix", "oai_dc"));
        expectError(
            node,
            post,
            "idDoesNotExist",
            true,
            args("verb", "ListMetadataFormats", "identifier", "urn:other:" + isoId));
        expectError(
            node,
            post,
            "noRecordsMatch",
            true,
            args("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "from", "2999-01-01"));
        expectError(
            node,
            post,
            "noRecordsMatch",
            true,
            args("verb", "ListRecords", "metadataPrefix", "iso19139", "set", "no-such-set"));
      }
      Element repeated =
          node.getRaw("verb=ListRecords&metadataPrefix=oai_dc" + "&metadataPrefix=iso19139");
      assertThat(error(repeated)).isEqualTo("badArgument");
      assertThat(first(repeated, "request").getAttributes().getLength()).isZero();
      assertThat(error(node.getRaw("verb=Identify&verb=Identify"))).isEqualTo("badVerb");
    }
  }

  private static void expectError(
      OaiHttp node, boolean post, String code, boolean echo, Map<String, String> args)
      throws Exception {
    Element root = post ? node.post(args) : node.get(args);
    assertThat(error(root)).as("%s %s", post ? "POST" : "GET", args).isEqualTo(code);
    Element request = first(root, "request");
    Map<String, String> echoed = new LinkedHashMap<>();
    for (int i = 0; i < request.getAttributes().getLength(); i++) {
      echoed.put(
          request.getAttributes().item(i).getNodeName(),
          request.getAttributes().item(i).getNodeValue());
    }
    assertThat(echoed).as("request element of %s", args).isEqualTo(echo ? args : Map.of());
  }

  @Test
  void listingsResumeOnTheOtherNodeAndListEveryRecordExactlyOnce() throws Exception {
    for (String verb : List.of("ListIdentifiers", "ListRecords")) {
      for (String format : List.of("oai_dc", "iso19139")) {
        List<Element> headers = listAll(admin, args("verb", verb, "metadataPrefix", format));
        List<String> live =
            headers.stream().filter(h -> !deleted(h)).map(OaiProtocolClusterIT::id).toList();
        assertThat(live).doesNotHaveDuplicates();
        assertThat(new HashSet<>(live)).isEqualTo(liveIdsInDatabase());
      }
    }
    // A token is the same on every node: the second page read from node 2 and from node 1.
    Element first = admin[0].get(args("verb", "ListRecords", "metadataPrefix", "oai_dc"));
    String token = token(first).getTextContent();
    List<String> fromTwo =
        headers(admin[1].get(args("verb", "ListRecords", "resumptionToken", token))).stream()
            .map(OaiProtocolClusterIT::id)
            .toList();
    List<String> fromOne =
        headers(admin[0].get(args("verb", "ListRecords", "resumptionToken", token))).stream()
            .map(OaiProtocolClusterIT::id)
            .toList();
    assertThat(fromTwo).hasSize(3).isEqualTo(fromOne);
  }

  @Test
  void recordsChangedDuringAListingAreNeitherLostNorDuplicated() throws Exception {
    List<String> before =
        listAll(admin, args("verb", "ListIdentifiers", "metadataPrefix", "oai_dc")).stream()
            .filter(h -> !deleted(h))
            .map(OaiProtocolClusterIT::id)
            .toList();
    Element page = admin[0].get(args("verb", "ListIdentifiers", "metadataPrefix", "oai_dc"));
    List<Element> seen = new ArrayList<>(headers(page));
    Set<String> firstPage = seen.stream().map(OaiProtocolClusterIT::id).collect(Collectors.toSet());
    // Records other tests rely on stay as they are.
    Set<String> keep = Set.of(privateId, isoId, dcId);
    List<String> ahead =
        before.stream().filter(id -> !firstPage.contains(id) && !keep.contains(id)).toList();
    String listed =
        seen.stream()
            .map(OaiProtocolClusterIT::id)
            .filter(id -> !keep.contains(id) && before.contains(id))
            .findFirst()
            .orElseThrow();
    String updatedAhead = ahead.get(0);
    String deletedAhead = ahead.get(1);
    update(listed, "Changed after it was listed");
    update(updatedAhead, "Changed before it was listed");
    assertThat(cluster.client(2).delete("/api/records/" + deletedAhead).status()).isEqualTo(204);
    String created = create(iso(UUID.randomUUID().toString(), "Created during the listing"));

    Element token = token(page);
    for (int n = 1; token != null && !token.getTextContent().isEmpty(); n++) {
      page =
          admin[n % 2].get(
              args("verb", "ListIdentifiers", "resumptionToken", token.getTextContent()));
      seen.addAll(headers(page));
      token = token(page);
    }
    Map<String, List<Element>> byId =
        seen.stream().collect(Collectors.groupingBy(OaiProtocolClusterIT::id));
    for (String id : before) {
      if (id.equals(listed)) {
        assertThat(byId.get(id)).as("listed, then changed: listed again once").hasSize(2);
      } else {
        assertThat(byId.get(id)).as("record %s", id).hasSize(1);
      }
    }
    assertThat(byId.get(deletedAhead).get(0).getAttribute("status")).isEqualTo("deleted");
    assertThat(byId.get(updatedAhead).get(0).getAttribute("status")).isEmpty();
    assertThat(byId.get(created)).hasSize(1);
    Set<String> live =
        seen.stream()
            .filter(h -> !deleted(h))
            .map(OaiProtocolClusterIT::id)
            .collect(Collectors.toSet());
    assertThat(live).containsAll(liveIdsInDatabase());
  }

  static void update(String id, String title) throws Exception {
    CatalogClient.Response r =
        cluster.client(2).put("/api/records/" + id, iso(uuids.get(id), title));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void fromAndUntilSelectByChangeDateAtSecondAndDayGranularity() throws Exception {
    Instant newest =
        listAll(admin, args("verb", "ListIdentifiers", "metadataPrefix", "oai_dc")).stream()
            .map(OaiProtocolClusterIT::datestamp)
            .max(Instant::compareTo)
            .orElseThrow();
    // The changed record must be alone in its second.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(newest));
    // Saving identical XML changes nothing (not even the datestamp), so change the record and
    // change it back: other tests read its title.
    update(isoId, "Wetland survey 6 (revised)");
    update(isoId, "Wetland survey 6");
    List<Element> all = listAll(admin, args("verb", "ListIdentifiers", "metadataPrefix", "oai_dc"));
    Instant changed =
        all.stream()
            .filter(h -> id(h).equals(isoId))
            .map(OaiProtocolClusterIT::datestamp)
            .findFirst()
            .orElseThrow();
    assertThat(changed).isAfter(newest);
    String t = changed.toString();
    String before = changed.minusSeconds(1).toString();
    LocalDate day = LocalDate.ofInstant(changed, ZoneOffset.UTC);
    Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();

    expect(all, args("from", t), d -> !d.isBefore(changed));
    expect(all, args("until", before), d -> d.isBefore(changed));
    expect(all, args("from", t, "until", t), d -> d.equals(changed));
    expect(all, args("from", day.toString()), d -> !d.isBefore(dayStart));
    expect(all, args("until", day.toString()), d -> d.isBefore(dayStart.plus(1, ChronoUnit.DAYS)));
    expect(all, args("until", day.minusDays(1).toString()), d -> d.isBefore(dayStart));
    expect(all, args("from", day.plusDays(1).toString()), d -> false);
    assertThat(ids(all, d -> !d.isBefore(changed))).contains(isoId);
  }

  private static void expect(
      List<Element> all, Map<String, String> dates, Predicate<Instant> matches) throws Exception {
    Map<String, String> request = args("verb", "ListIdentifiers", "metadataPrefix", "oai_dc");
    request.putAll(dates);
    List<String> got = listAll(admin, request).stream().map(OaiProtocolClusterIT::id).toList();
    assertThat(got).as("%s", dates).containsExactlyInAnyOrderElementsOf(ids(all, matches));
  }

  private static List<String> ids(List<Element> all, Predicate<Instant> matches) {
    return all.stream()
        .filter(h -> matches.test(datestamp(h)))
        .map(OaiProtocolClusterIT::id)
        .toList();
  }

  @Test
  void aGuestNeverSeesAPrivateRecordButTheAdminDoes() throws Exception {
    Map<String, String> list = args("verb", "ListRecords", "metadataPrefix", "oai_dc");
    List<String> asGuest = listAll(guest, list).stream().map(OaiProtocolClusterIT::id).toList();
    List<String> asAdmin = listAll(admin, list).stream().map(OaiProtocolClusterIT::id).toList();
    assertThat(asGuest).doesNotContain(privateId);
    assertThat(asAdmin).contains(privateId);
    assertThat(asGuest)
        .containsExactlyInAnyOrderElementsOf(
            asAdmin.stream().filter(id -> !id.equals(privateId)).toList());
    long guestSize = Long.parseLong(token(guest[0].get(list)).getAttribute("completeListSize"));
    long adminSize = Long.parseLong(token(admin[0].get(list)).getAttribute("completeListSize"));
    assertThat(guestSize).isEqualTo(adminSize - 1);
    Map<String, String> get =
        args("verb", "GetRecord", "identifier", PREFIX + privateId, "metadataPrefix", "iso19139");
    assertThat(error(guest[1].get(get))).isEqualTo("idDoesNotExist");
    assertThat(error(admin[1].get(get))).isNull();
    Element refused =
        guest[0].get(args("verb", "ListMetadataFormats", "identifier", PREFIX + privateId));
    assertThat(error(refused)).isEqualTo("idDoesNotExist");
    assertThat(refused.getTextContent()).doesNotContain("Secret");
  }

  @Test
  void aDeletedRecordIsReportedWithStatusDeletedAndNoMetadata() throws Exception {
    String doomed = create(iso(UUID.randomUUID().toString(), "Short-lived survey"));
    assertThat(cluster.client(1).delete("/api/records/" + doomed).status()).isEqualTo(204);
    Element record =
        first(
            first(
                guest[1].get(
                    args(
                        "verb",
                        "GetRecord",
                        "identifier",
                        PREFIX + doomed,
                        "metadataPrefix",
                        "oai_dc")),
                "GetRecord"),
            "record");
    assertThat(first(record, "header").getAttribute("status")).isEqualTo("deleted");
    assertThat(first(record, "metadata")).isNull();
    List<Element> listed =
        listAll(guest, args("verb", "ListIdentifiers", "metadataPrefix", "iso19139")).stream()
            .filter(h -> id(h).equals(doomed))
            .toList();
    assertThat(listed).hasSize(1);
    assertThat(deleted(listed.get(0))).isTrue();
  }
}
