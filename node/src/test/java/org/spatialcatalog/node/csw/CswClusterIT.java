package org.spatialcatalog.node.csw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.cluster.TestCluster;
import org.spatialcatalog.node.record.SampleRecords;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * CSW 2.0.2 end to end: a 2-node cluster behind the shipped HAProxy configuration, driven over HTTP
 * in both encodings, by OWSLib and by GDAL/OGR, and harvested by (and harvesting) a second one-node
 * catalog through the catalog's own {@code csw} harvester. Every answer checked here is also
 * validated against the official CSW 2.0.2 / ISO 19139 schemas. Fails when {@code haproxy}, {@code
 * /usr/bin/python3} with OWSLib or {@code ogrinfo} is missing ({@code .ci/run} installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CswClusterIT {

  static final String CSW = "http://www.opengis.net/cat/csw/2.0.2";
  static final String GMD = "http://www.isotc211.org/2005/gmd";
  static final String EDITOR_PW = "editor-pw-123";
  static final int PUBLIC_ISO = 24;
  static final int PUBLIC_DC = 4;
  static final int PUBLIC = PUBLIC_ISO + PUBLIC_DC;
  static final int CEILING = 10;

  @TempDir static Path dir;
  @TempDir static Path sourceDir;
  static TestCluster cluster;
  static TestCluster source;
  static Process haproxy;
  static String lb;
  static final List<String> publicUuids = new ArrayList<>();
  static final Set<String> waterInBox = new HashSet<>();
  static String privateUuid;

  @BeforeAll
  static void start() throws Exception {
    Path binary = haproxyBinary();
    Path config = Path.of("..", "cluster-config", "haproxy", "haproxy.cfg").toAbsolutePath();
    assertThat(config).as("the shipped HAProxy configuration").exists();
    cluster = TestCluster.onH2(dir, 2, "--catalog.csw.max-records=" + CEILING);
    source = TestCluster.onH2(sourceDir, 1);
    int port = TestCluster.freePort();
    lb = "http://127.0.0.1:" + port;
    ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString());
    pb.environment().put("CATALOG_LB_BIND", "127.0.0.1:" + port);
    for (int n = 1; n <= 3; n++) {
      // The shipped configuration names three servers; the third points at node 2 again.
      pb.environment().put("CATALOG_NODE" + n, "127.0.0.1:" + cluster.node(Math.min(n, 2)).port());
    }
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile());
    haproxy = pb.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> get(lb, "/actuator/health", null).statusCode() == 200);
    fill();
  }

  @AfterAll
  static void stop() throws Exception {
    if (haproxy != null) {
      haproxy.destroy();
      haproxy.waitFor();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (source != null) {
      source.close();
    }
  }

  /** 24 ISO and 4 Dublin Core public records, one private record, an editor of its group. */
  static void fill() throws Exception {
    CatalogClient admin = cluster.client(1);
    long group =
        admin.postJson("/api/groups", "{\"name\":\"csw-editors\"}").json().path("id").asLong();
    CatalogClient.Response user =
        admin.postJson(
            "/api/users",
            "{\"username\":\"ed\","
                + "\"password\":\""
                + EDITOR_PW
                + "\",\"profile\":\"Editor\",\"groups\":["
                + group
                + "]}");
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    for (int i = 0; i < PUBLIC_ISO; i++) {
      String uuid = "iso-" + i + "-" + UUID.randomUUID();
      boolean water = i % 3 == 0;
      // Even records lie in the Netherlands, odd ones in Spain.
      Bbox box = i % 2 == 0 ? new Bbox(4, 51, 6, 53) : new Bbox(-6, 37, -2, 42);
      if (water && i % 2 == 0) {
        waterInBox.add(uuid);
      }
      created(
          admin.post(
              "/api/records",
              SampleRecords.iso19139(
                  uuid,
                  (water ? "Surface water " : "Land use ") + i,
                  "Record " + i,
                  List.of(water ? "hydrography" : "land", "INSPIRE"),
                  box,
                  Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * i))));
      publicUuids.add(uuid);
    }
    for (int i = 0; i < PUBLIC_DC; i++) {
      String uuid = "dc-" + i + "-" + UUID.randomUUID();
      created(
          admin.post(
              "/api/records",
              SampleRecords.dublinCore(
                  uuid,
                  "Dublin Core " + i,
                  "A Dublin Core record",
                  List.of("dc-kw"),
                  new Bbox(10, 45, 12, 47),
                  Instant.parse("2023-06-01T00:00:00Z"))));
      publicUuids.add(uuid);
    }
    privateUuid = "private-" + UUID.randomUUID();
    String id =
        created(
            admin.post(
                "/api/records",
                SampleRecords.iso19139(
                    privateUuid,
                    "Secret water plan",
                    "Private",
                    List.of("secret-kw"),
                    new Bbox(4, 51, 6, 53),
                    Instant.parse("2024-01-01T00:00:00Z"))));
    CatalogClient.Response restricted =
        admin.putJson(
            "/api/records/" + id + "/privileges", "{\"group\":" + group + ",\"operations\":{}}");
    assertThat(restricted.status()).as(restricted.body()).isEqualTo(200);
    for (int n = 1; n <= 2; n++) {
      CatalogClient node = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(node.json("/api/search?size=0").path("total").asLong())
                      .isEqualTo(PUBLIC + 1));
    }
  }

  static String created(CatalogClient.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  // ---------------------------------------------------------------- protocol, both encodings

  @Test
  @Order(1)
  void capabilitiesAdvertiseTheUrlClientsMustUse() throws Exception {
    Document caps =
        ok(
            kvp(
                lb,
                null,
                "SERVICE",
                "CSW",
                "REQUEST",
                "GetCapabilities",
                "acceptversions",
                "2.0.2"));
    assertThat(
            texts(
                caps,
                "//*[local-name()='Get' or local-name()='Post']/@*[local-name()=" + "'href']"))
        .isNotEmpty()
        .allMatch(href -> href.equals(lb + "/csw"));
    assertThat(
            texts(
                caps,
                "//*[local-name()='Operation'][@name='GetRecords']"
                    + "/*[local-name()='Parameter']/@name"))
        .contains(
            "typeNames",
            "outputSchema",
            "outputFormat",
            "ElementSetName",
            "resultType",
            "CONSTRAINTLANGUAGE");
    assertThat(texts(caps, "//*[@name='SupportedISOQueryables']/*"))
        .contains("apiso:AnyText", "apiso:BoundingBox");
    assertThat(texts(caps, "//*[local-name()='ServiceTypeVersion']")).containsExactly("2.0.2");
    // Straight to a node, as a proxy would forward it.
    HttpResponse<String> forwarded =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + cluster.node(2).port()
                            + "/csw?service=CSW&request=GetCapabilities"))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "catalog.example.org")
                .header("X-Forwarded-Port", "8443")
                .GET());
    assertThat(texts(ok(forwarded), "//*[local-name()='Get']/@*[local-name()='href']"))
        .containsOnly("https://catalog.example.org:8443/csw");
    Document posted =
        ok(
            post(
                lb,
                null,
                "<csw:GetCapabilities xmlns:csw=\"" + CSW + "\" service=\"CSW\"/>",
                "text/xml"));
    assertThat(posted.getDocumentElement().getLocalName()).isEqualTo("Capabilities");
  }

  @Test
  @Order(2)
  void everyFailureIsAnExceptionReportWithCodeAndLocator() throws Exception {
    Map<String[], String> kvpCases = new LinkedHashMap<>();
    kvpCases.put(
        new String[] {"service", "CSW", "version", "2.0.2"}, "MissingParameterValue/request");
    kvpCases.put(new String[] {"request", "GetCapabilities"}, "MissingParameterValue/service");
    kvpCases.put(
        new String[] {"service", "WMS", "request", "GetCapabilities"},
        "InvalidParameterValue/service");
    kvpCases.put(
        new String[] {"service", "CSW", "request", "GetCapabilities", "acceptVersions", "3.0.0"},
        "VersionNegotiationFailed/AcceptVersions");
    kvpCases.put(
        new String[] {"service", "CSW", "version", "2.0.2", "request", "Nope"},
        "OperationNotSupported/Nope");
    kvpCases.put(
        new String[] {
          "service", "CSW", "version", "3.0.0", "request", "GetRecords", "typeNames", "csw:Record"
        },
        "InvalidParameterValue/version");
    kvpCases.put(
        new String[] {"service", "CSW", "request", "GetRecords", "typeNames", "csw:Record"},
        "MissingParameterValue/version");
    kvpCases.put(
        new String[] {"service", "CSW", "version", "2.0.2", "request", "GetRecords"},
        "MissingParameterValue/typeNames");
    kvpCases.put(
        new String[] {
          "service",
          "CSW",
          "version",
          "2.0.2",
          "request",
          "GetRecords",
          "typeNames",
          "csw:Record",
          "outputSchema",
          "urn:nope"
        },
        "InvalidParameterValue/outputSchema");
    kvpCases.put(
        new String[] {
          "service",
          "CSW",
          "version",
          "2.0.2",
          "request",
          "GetRecords",
          "typeNames",
          "csw:Record",
          "constraintLanguage",
          "CQL_TEXT",
          "constraint",
          "Denominator = '5000'"
        },
        "InvalidParameterValue/constraint:Denominator");
    kvpCases.put(
        new String[] {
          "service",
          "CSW",
          "version",
          "2.0.2",
          "request",
          "GetRecords",
          "typeNames",
          "csw:Record",
          "startPosition",
          "0"
        },
        "InvalidParameterValue/startPosition");
    kvpCases.put(
        new String[] {"service", "CSW", "version", "2.0.2", "request", "GetRecordById"},
        "MissingParameterValue/id");
    kvpCases.put(
        new String[] {
          "service",
          "CSW",
          "version",
          "2.0.2",
          "request",
          "GetDomain",
          "propertyName",
          "apiso:Denominator"
        },
        "InvalidParameterValue/constraint:Denominator");
    for (Map.Entry<String[], String> c : kvpCases.entrySet()) {
      assertReport(kvp(lb, null, c.getKey()), c.getValue());
    }
    String filterOnUnknown =
        "<csw:GetRecords xmlns:csw=\""
            + CSW
            + "\" xmlns:ogc=\""
            + "http://www.opengis.net/ogc\" service=\"CSW\" version=\"2.0.2\" resultType=\"results\">"
            + "<csw:Query typeNames=\"csw:Record\"><csw:Constraint version=\"1.1.0\"><ogc:Filter>"
            + "<ogc:PropertyIsEqualTo><ogc:PropertyName>apiso:Denominator</ogc:PropertyName>"
            + "<ogc:Literal>x</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter></csw:Constraint>"
            + "</csw:Query></csw:GetRecords>";
    assertReport(
        post(lb, null, filterOnUnknown, "application/xml"),
        "InvalidParameterValue/constraint:Denominator");
    assertReport(
        post(
            lb,
            null,
            "<csw:GetRecords xmlns:csw=\"" + CSW + "\" service=\"CSW\"" + " version=\"2.0.2\"/>",
            "text/xml"),
        "MissingParameterValue/Query");
    assertReport(
        post(
            lb,
            null,
            "<csw:GetRecords xmlns:csw=\""
                + CSW
                + "\" service=\"CSW\">"
                + "<csw:Query typeNames=\"csw:Record\"/></csw:GetRecords>",
            "text/xml"),
        "MissingParameterValue/version");
    assertReport(
        post(
            lb,
            null,
            "<csw:Frobnicate xmlns:csw=\"" + CSW + "\" service=\"CSW\"" + " version=\"2.0.2\"/>",
            "text/xml"),
        "OperationNotSupported/Frobnicate");
    assertReport(
        post(
            lb,
            null,
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]><csw:GetRecords xmlns:csw=\""
                + CSW
                + "\">&e;"
                + "</csw:GetRecords>",
            "text/xml"),
        "InvalidParameterValue/request");
    assertReport(
        post(
            lb,
            null,
            "<csw:GetCapabilities xmlns:csw=\""
                + CSW
                + "\" service=\"CSW\">"
                + "<ows:AcceptVersions xmlns:ows=\"http://www.opengis.net/ows\"><ows:Version>1.0.0"
                + "</ows:Version></ows:AcceptVersions></csw:GetCapabilities>",
            "application/xml"),
        "VersionNegotiationFailed/AcceptVersions");
    assertReport(
        post(
            lb,
            null,
            transaction(
                "<csw:Delete typeName=\"csw:Record\">"
                    + "<csw:Constraint version=\"1.1.0\"><csw:CqlText>Title = 'x'</csw:CqlText>"
                    + "</csw:Constraint></csw:Delete>"),
            "text/xml"),
        "NoApplicableCode/-");
  }

  @Test
  @Order(3)
  void getRecordsCombinesTextKeywordAndBoxInBothEncodings() throws Exception {
    Document cql =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecords",
                "TYPENAMES",
                "csw:Record",
                "resultType",
                "results",
                "elementsetname",
                "summary",
                "maxRecords",
                "50",
                "CONSTRAINTLANGUAGE",
                "CQL_TEXT",
                "constraint",
                "AnyText LIKE '%water%' AND Subject = 'hydrography' AND BBOX(ows:BoundingBox, 3, 50, 7,"
                    + " 54)"));
    assertThat(identifiers(cql)).containsExactlyInAnyOrderElementsOf(waterInBox);
    String filter =
        "<csw:GetRecords xmlns:csw=\""
            + CSW
            + "\" xmlns:ogc=\"http://www.opengis"
            + ".net/ogc\" xmlns:gml=\"http://www.opengis.net/gml\" service=\"CSW\" version=\"2.0.2\""
            + " resultType=\"results\" maxRecords=\"50\" outputSchema=\""
            + GMD
            + "\">"
            + "<csw:Query typeNames=\"gmd:MD_Metadata\"><csw:ElementSetName>full</csw:ElementSetName>"
            + "<csw:Constraint version=\"1.1.0\"><ogc:Filter><ogc:And><ogc:PropertyIsLike"
            + " wildCard=\"*\" singleChar=\"?\" escapeChar=\"\\\"><ogc:PropertyName>csw:AnyText"
            + "</ogc:PropertyName><ogc:Literal>*WATER*</ogc:Literal></ogc:PropertyIsLike>"
            + "<ogc:PropertyIsEqualTo matchCase=\"false\"><ogc:PropertyName>dc:subject"
            + "</ogc:PropertyName><ogc:Literal>HYDROGRAPHY</ogc:Literal></ogc:PropertyIsEqualTo>"
            + "<ogc:BBOX><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName><gml:Envelope"
            + " srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:lowerCorner>50 3</gml:lowerCorner>"
            + "<gml:upperCorner>54 7</gml:upperCorner></gml:Envelope></ogc:BBOX></ogc:And>"
            + "</ogc:Filter></csw:Constraint><ogc:SortBy><ogc:SortProperty><ogc:PropertyName>"
            + "dc:title</ogc:PropertyName><ogc:SortOrder>DESC</ogc:SortOrder></ogc:SortProperty>"
            + "</ogc:SortBy></csw:Query></csw:GetRecords>";
    Document iso = ok(post(lb, null, filter, "application/xml"));
    List<String> isoIds =
        texts(iso, "//*[local-name()='MD_Metadata']/*[local-name()=" + "'fileIdentifier']/*");
    assertThat(isoIds).containsExactlyInAnyOrderElementsOf(waterInBox);
    List<String> titles =
        texts(iso, "//*[local-name()='MD_Metadata']//*[local-name()='title']" + "/*");
    assertThat(titles).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    Document hits =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecords",
                "typeNames",
                "csw:Record",
                "constraintLanguage",
                "CQL_TEXT",
                "constraint",
                "AnyText LIKE '%water%'"));
    assertThat(attribute(hits, "SearchResults", "numberOfRecordsMatched"))
        .isEqualTo(String.valueOf(PUBLIC_ISO / 3));
    assertThat(attribute(hits, "SearchResults", "numberOfRecordsReturned")).isEqualTo("0");
    Document validate =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecords",
                "typeNames",
                "csw:Record",
                "resultType",
                "validate"));
    assertThat(validate.getDocumentElement().getLocalName()).isEqualTo("Acknowledgement");
    // A Dublin Core record in ISO, an ISO record in csw:Record with chosen elements.
    String dcUuid = publicUuids.get(PUBLIC_ISO);
    Document dcAsIso =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecordById",
                "id",
                dcUuid,
                "outputSchema",
                GMD,
                "elementSetName",
                "full"));
    assertThat(texts(dcAsIso, "//*[local-name()='fileIdentifier']/*")).containsExactly(dcUuid);
    assertThat(texts(dcAsIso, "//*[local-name()='westBoundLongitude']/*")).containsExactly("10.0");
    Document chosen =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecords",
                "typeNames",
                "csw:Record",
                "resultType",
                "results",
                "ElementName",
                "dc:title,ows:BoundingBox",
                "constraintLanguage",
                "CQL_TEXT",
                "constraint",
                "Identifier = '" + publicUuids.get(0) + "'"));
    assertThat(texts(chosen, "//*[local-name()='Record']/*").size()).isEqualTo(2);
    assertThat(texts(chosen, "//*[local-name()='LowerCorner']")).containsExactly("51.0 4.0");
    for (String set : List.of("brief", "summary", "full")) {
      for (String schema : List.of(CSW, GMD)) {
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecords",
                "typeNames",
                "csw:Record",
                "resultType",
                "results",
                "elementSetName",
                set,
                "outputSchema",
                schema,
                "maxRecords",
                "40"));
      }
    }
    Document describe =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "DescribeRecord",
                "typeName",
                "csw:Record"));
    assertThat(texts(describe, "//*[local-name()='SchemaComponent']/@targetNamespace"))
        .containsExactly(CSW);
  }

  @Test
  @Order(4)
  void pagingIsStableToTheEndAndTheCeilingHolds() throws Exception {
    for (boolean xml : List.of(false, true)) {
      List<String> seen = new ArrayList<>();
      int start = 1;
      int pages = 0;
      String next;
      do {
        Document page =
            xml
                ? ok(
                    post(
                        lb,
                        null,
                        "<csw:GetRecords xmlns:csw=\""
                            + CSW
                            + "\" service=\"CSW\""
                            + " version=\"2.0.2\" resultType=\"results\" startPosition=\""
                            + start
                            + "\""
                            + " maxRecords=\"100\"><csw:Query typeNames=\"csw:Record\"><csw:ElementSetName>"
                            + "brief</csw:ElementSetName></csw:Query></csw:GetRecords>",
                        "text/xml"))
                : ok(
                    kvp(
                        lb,
                        null,
                        "service",
                        "CSW",
                        "version",
                        "2.0.2",
                        "request",
                        "GetRecords",
                        "typeNames",
                        "csw:Record",
                        "resultType",
                        "results",
                        "maxRecords",
                        "7",
                        "sortBy",
                        "dc:title:A",
                        "startPosition",
                        String.valueOf(start)));
        assertThat(attribute(page, "SearchResults", "numberOfRecordsMatched"))
            .isEqualTo(String.valueOf(PUBLIC));
        List<String> ids = identifiers(page);
        assertThat(ids.size()).isLessThanOrEqualTo(xml ? CEILING : 7);
        seen.addAll(ids);
        next = attribute(page, "SearchResults", "nextRecord");
        pages++;
        if (!next.equals("0")) {
          assertThat(Integer.parseInt(next)).isEqualTo(start + ids.size());
          start = Integer.parseInt(next);
        }
      } while (!next.equals("0") && pages < 20);
      assertThat(next).isEqualTo("0");
      assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(publicUuids);
    }
  }

  @Test
  @Order(5)
  void privateRecordsStayInvisibleToGuestsEverywhere() throws Exception {
    String[] everything = {
      "service",
      "CSW",
      "version",
      "2.0.2",
      "request",
      "GetRecords",
      "typeNames",
      "csw:Record",
      "resultType",
      "results",
      "maxRecords",
      "1",
      "constraintLanguage",
      "CQL_TEXT",
      "constraint",
      "AnyText LIKE 'secret'"
    };
    String[] byId = {
      "service", "CSW", "version", "2.0.2", "request", "GetRecordById", "id", privateUuid
    };
    String[] domain = {
      "service", "CSW", "version", "2.0.2", "request", "GetDomain", "propertyName", "dc:subject"
    };
    Document guestHits = ok(kvp(lb, null, everything));
    assertThat(attribute(guestHits, "SearchResults", "numberOfRecordsMatched")).isEqualTo("0");
    assertThat(ok(kvp(lb, null, byId)).getDocumentElement().getChildNodes().getLength()).isZero();
    // Keywords are compared and listed in one normalised form: lower case (docs/api.md).
    assertThat(texts(ok(kvp(lb, null, domain)), "//*[local-name()='Value']"))
        .contains("inspire")
        .doesNotContain("secret-kw");
    Document all =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecords",
                "typeNames",
                "csw:Record"));
    assertThat(attribute(all, "SearchResults", "numberOfRecordsMatched"))
        .isEqualTo(String.valueOf(PUBLIC));
    String editor = basic("ed", EDITOR_PW);
    assertThat(identifiers(ok(kvp(lb, editor, everything)))).containsExactly(privateUuid);
    assertThat(identifiers(ok(kvp(lb, editor, byId)))).containsExactly(privateUuid);
    assertThat(texts(ok(kvp(lb, editor, domain)), "//*[local-name()='Value']"))
        .contains("secret-kw");
    assertThat(identifiers(ok(kvp(lb, basic("admin", TestCluster.PASSWORD), everything))))
        .containsExactly(privateUuid);
  }

  @Test
  @Order(7)
  void transactionsFollowTheEditorRulesOfTheJsonApi() throws Exception {
    String uuid = "tx-" + UUID.randomUUID();
    String insert =
        transaction(
            "<csw:Insert>"
                + body(
                    SampleRecords.iso19139(
                        uuid,
                        "Transaction water",
                        "t",
                        List.of("tx"),
                        new Bbox(1, 1, 2, 2),
                        Instant.now()))
                + "</csw:Insert>");
    assertReport(post(lb, null, insert, "text/xml"), "NoApplicableCode/-");
    Document inserted = ok(post(lb, basic("ed", EDITOR_PW), insert, "text/xml"));
    assertThat(texts(inserted, "//*[local-name()='totalInserted']")).containsExactly("1");
    assertThat(
            texts(inserted, "//*[local-name()='InsertResult']//*[local-name()=" + "'identifier']"))
        .containsExactly(uuid);
    Document updated =
        ok(
            post(
                lb,
                basic("ed", EDITOR_PW),
                transaction(
                    "<csw:Update>"
                        + body(
                            SampleRecords.iso19139(
                                uuid,
                                "Transaction water updated",
                                "t",
                                List.of("tx"),
                                new Bbox(1, 1, 2, 2),
                                Instant.now()))
                        + "</csw:Update>"),
                "application/xml"));
    assertThat(texts(updated, "//*[local-name()='totalUpdated']")).containsExactly("1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        texts(
                            ok(
                                kvp(
                                    lb,
                                    null,
                                    "service",
                                    "CSW",
                                    "version",
                                    "2.0.2",
                                    "request",
                                    "GetRecordById",
                                    "id",
                                    uuid)),
                            "//*[local-name()='title']"))
                    .containsExactly("Transaction water updated"));
    // An Update takes the edit lock for its save; a lock held by another user refuses it.
    String admin = basic("admin", TestCluster.PASSWORD);
    String recordId = cluster.client(1).json("/api/records/" + uuid).path("id").asString();
    String lockPath =
        "http://127.0.0.1:" + cluster.node(1).port() + "/api/records/" + recordId + "/lock";
    assertThat(
            send(HttpRequest.newBuilder(URI.create(lockPath))
                    .header("Authorization", admin)
                    .POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode())
        .isEqualTo(200);
    assertReport(
        post(
            lb,
            basic("ed", EDITOR_PW),
            transaction(
                "<csw:Update>"
                    + body(
                        SampleRecords.iso19139(
                            uuid,
                            "Overwritten",
                            "t",
                            List.of("tx"),
                            new Bbox(1, 1, 2, 2),
                            Instant.now()))
                    + "</csw:Update>"),
            "text/xml"),
        "NoApplicableCode/-");
    assertThat(
            send(HttpRequest.newBuilder(URI.create(lockPath))
                    .header("Authorization", admin)
                    .DELETE())
                .statusCode())
        .isBetween(200, 204);
    Document deleted =
        ok(
            post(
                lb,
                basic("ed", EDITOR_PW),
                transaction(
                    "<csw:Delete"
                        + " typeName=\"csw:Record\"><csw:Constraint version=\"1.1.0\"><csw:CqlText>"
                        + "Identifier = '"
                        + uuid
                        + "'</csw:CqlText></csw:Constraint></csw:Delete>"),
                "text/xml"));
    assertThat(texts(deleted, "//*[local-name()='totalDeleted']")).containsExactly("1");
    assertReport(
        post(
            lb,
            basic("ed", EDITOR_PW),
            transaction(
                "<csw:Insert><gmd:MD_Metadata" + " xmlns:gmd=\"" + GMD + "\"/></csw:Insert>"),
            "text/xml"),
        "InvalidParameterValue/-");
  }

  // ------------------------------------------------------------------------ real clients

  @Test
  @Order(8)
  void owslibSearchesPagesReadsAndEditsThroughTheBalancer() throws Exception {
    awaitPublicTotalOnEveryNode();
    Path script = Path.of("src", "test", "resources", "csw", "owslib_client.py").toAbsolutePath();
    String uuid = "owslib-" + UUID.randomUUID();
    Path insert = dir.resolve("owslib-insert.xml");
    Path update = dir.resolve("owslib-update.xml");
    Files.writeString(
        insert,
        SampleRecords.iso19139(
            uuid,
            "OWSLib inserted",
            "o",
            List.of("owslib"),
            new Bbox(20, 20, 21, 21),
            Instant.now()));
    Files.writeString(
        update,
        SampleRecords.iso19139(
            uuid,
            "OWSLib updated",
            "o",
            List.of("owslib"),
            new Bbox(20, 20, 21, 21),
            Instant.now()));
    String out =
        run(
            List.of(
                python(),
                script.toString(),
                lb + "/csw",
                "ed",
                EDITOR_PW,
                insert.toString(),
                update.toString()));
    var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(out);
    assertThat(json.path("caps").path("version").asString()).isEqualTo("2.0.2");
    assertThat(json.path("caps").path("getrecords_get").get(0).asString()).isEqualTo(lb + "/csw");
    assertThat(json.path("caps").path("operations").toString())
        .contains("GetRecords", "Transaction", "Harvest");
    assertThat(strings(json.path("water_box").path("ids")))
        .containsExactlyInAnyOrderElementsOf(waterInBox);
    json.path("water_box")
        .path("bboxes")
        .forEach(box -> assertThat(box.toString()).isEqualTo("[4.0,51.0,6.0,53.0]"));
    assertThat(strings(json.path("water_box_latlon").path("ids")))
        .containsExactlyInAnyOrderElementsOf(waterInBox);
    assertThat(json.path("paged").path("matches").asInt()).isEqualTo(PUBLIC);
    assertThat(strings(json.path("paged").path("ids")))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(publicUuids);
    assertThat(json.path("paged").path("pages").asInt()).isEqualTo((PUBLIC + 6) / 7);
    assertThat(json.path("paged").path("last_next").asInt()).isZero();
    String first = json.path("paged").path("ids").get(0).asString();
    assertThat(json.path("by_id_dc").path(first).asString()).isNotBlank();
    assertThat(json.path("by_id_iso").path(first).asString())
        .isEqualTo(json.path("by_id_dc").path(first).asString());
    assertThat(json.path("insert").path("inserted").asInt()).isEqualTo(1);
    assertThat(strings(json.path("insert").path("ids"))).containsExactly(uuid);
    assertThat(json.path("update").path("updated").asInt()).isEqualTo(1);
    assertThat(json.path("after_update").path(uuid).asString()).isEqualTo("OWSLib updated");
    assertThat(json.path("delete").path("deleted").asInt()).isEqualTo(1);
    assertThat(json.path("after_delete").size()).isZero();
  }

  @Test
  @Order(6)
  void ogrinfoListsAsManyFeaturesAsTheCatalogHolds() throws Exception {
    Document all =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecords",
                "typeNames",
                "csw:Record"));
    String total = attribute(all, "SearchResults", "numberOfRecordsMatched");
    String summary = run(List.of(ogrinfo(), "-ro", "-so", "CSW:" + lb + "/csw", "records"));
    assertThat(summary).contains("Feature Count: " + total);
    String listing = run(List.of(ogrinfo(), "-ro", "CSW:" + lb + "/csw", "records"));
    assertThat(listing.split("OGRFeature\\(records\\)", -1).length - 1)
        .isEqualTo(Integer.parseInt(total));
    for (String uuid : publicUuids) {
      assertThat(listing).contains(uuid);
    }
  }

  // Last: it adds records to the cluster, which the exact counts of the other tests exclude.
  @Test
  @Order(9)
  void theCswHarvesterHarvestsAnotherCatalogCompletely() throws Exception {
    CatalogClient other = source.client(1);
    List<String> sourceUuids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String uuid = "src-iso-" + i + "-" + UUID.randomUUID();
      created(
          other.post(
              "/api/records",
              SampleRecords.iso19139(
                  uuid,
                  "Source ISO " + i,
                  "s",
                  List.of("src"),
                  new Bbox(i, i, i + 1, i + 1),
                  Instant.now())));
      sourceUuids.add(uuid);
    }
    for (int i = 0; i < 3; i++) {
      String uuid = "src-dc-" + i + "-" + UUID.randomUUID();
      created(
          other.post(
              "/api/records",
              SampleRecords.dublinCore(
                  uuid,
                  "Source DC " + i,
                  "s",
                  List.of("src"),
                  new Bbox(-i - 1, -i - 1, -i, -i),
                  Instant.now())));
      sourceUuids.add(uuid);
    }
    String sourceCsw = other.baseUrl() + "/csw";
    String harvest =
        "<csw:Harvest xmlns:csw=\""
            + CSW
            + "\" service=\"CSW\" version=\"2.0.2\">"
            + "<csw:Source>"
            + sourceCsw
            + "</csw:Source><csw:ResourceType>"
            + GMD
            + "</csw:ResourceType></csw:Harvest>";
    assertReport(post(lb, basic("ed", EDITOR_PW), harvest, "text/xml"), "NoApplicableCode/-");
    Document summary = ok(post(lb, basic("admin", TestCluster.PASSWORD), harvest, "text/xml"));
    assertThat(texts(summary, "//*[local-name()='totalInserted']"))
        .containsExactly(String.valueOf(sourceUuids.size()));
    for (String uuid : sourceUuids) {
      Document got =
          ok(
              kvp(
                  lb,
                  null,
                  "service",
                  "CSW",
                  "version",
                  "2.0.2",
                  "request",
                  "GetRecordById",
                  "id",
                  uuid,
                  "elementSetName",
                  "brief"));
      assertThat(identifiers(got)).as(uuid).containsExactly(uuid);
    }
    Document dc =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecordById",
                "id",
                sourceUuids.get(6),
                "elementSetName",
                "brief"));
    assertThat(texts(dc, "//*[local-name()='LowerCorner']")).containsExactly("-1.0 -1.0");

    // The other way round, asynchronously: the source catalog harvests the cluster's public
    // local records in Dublin Core and acknowledges at once with the job id.
    String async =
        "<csw:Harvest xmlns:csw=\""
            + CSW
            + "\" service=\"CSW\" version=\"2.0.2\">"
            + "<csw:Source>"
            + lb
            + "/csw</csw:Source><csw:ResourceType>"
            + CSW
            + "</csw:ResourceType><csw:ResponseHandler>mailto:ops@example.org</csw:ResponseHandler>"
            + "</csw:Harvest>";
    Document ack =
        ok(post(other.baseUrl(), basic("admin", TestCluster.PASSWORD), async, "text/xml"));
    String job =
        texts(ack, "//*[local-name()='Acknowledgement']/*[local-name()='RequestId']").get(0);
    await()
        .atMost(Duration.ofMinutes(3))
        .untilAsserted(
            () ->
                assertThat(other.json("/api/harvest-jobs/" + job).path("state").asString())
                    .isIn("SUCCEEDED", "FAILED"));
    for (String uuid : publicUuids) {
      assertThat(
              identifiers(
                  ok(
                      kvp(
                          other.baseUrl(),
                          null,
                          "service",
                          "CSW",
                          "version",
                          "2.0.2",
                          "request",
                          "GetRecordById",
                          "id",
                          uuid))))
          .as(uuid)
          .containsExactly(uuid);
    }
    assertThat(
            identifiers(
                ok(
                    kvp(
                        other.baseUrl(),
                        null,
                        "service",
                        "CSW",
                        "version",
                        "2.0.2",
                        "request",
                        "GetRecordById",
                        "id",
                        privateUuid))))
        .isEmpty();
  }

  // ----------------------------------------------------------------------------- helpers

  /** Writes of earlier tests (deleted again) have reached both indexes. */
  // ---------------------------------------------------------------- ISO AP properties

  /**
   * An ISO record with a point of contact, resource language, topic category, revision date and
   * distribution format: the sample record with those elements added where ISO 19139 puts them.
   */
  static String isoWithProperties(
      String uuid,
      String title,
      String organisation,
      String language,
      String topic,
      String revision,
      String format) {
    String xml =
        SampleRecords.iso19139(
            uuid,
            title,
            "Properties record",
            List.of("props"),
            new Bbox(20, 60, 22, 62),
            Instant.parse(revision + "T12:00:00Z"));
    int identification = xml.indexOf("<gmd:MD_DataIdentification>");
    int abstractEnd = xml.indexOf("</gmd:abstract>", identification) + "</gmd:abstract>".length();
    xml =
        xml.substring(0, abstractEnd)
            + "<gmd:pointOfContact><gmd:CI_ResponsibleParty><gmd:organisationName>"
            + "<gco:CharacterString>"
            + organisation
            + "</gco:CharacterString></gmd:organisationName><gmd:role><gmd:CI_RoleCode"
            + " codeList=\"http://standards.iso.org/iso/19139/resources/gmxCodelists.xml"
            + "#CI_RoleCode\" codeListValue=\"owner\">owner</gmd:CI_RoleCode></gmd:role>"
            + "</gmd:CI_ResponsibleParty></gmd:pointOfContact>"
            + xml.substring(abstractEnd);
    int code = xml.indexOf("codeListValue=\"eng\">eng<", identification);
    xml =
        xml.substring(0, code)
            + "codeListValue=\""
            + language
            + "\">"
            + language
            + "<"
            + xml.substring(code + "codeListValue=\"eng\">eng<".length());
    int languageEnd = xml.indexOf("</gmd:language>", code) + "</gmd:language>".length();
    xml =
        xml.substring(0, languageEnd)
            + "<gmd:topicCategory><gmd:MD_TopicCategoryCode>"
            + topic
            + "</gmd:MD_TopicCategoryCode></gmd:topicCategory>"
            + xml.substring(languageEnd);
    if (format != null) {
      int end = xml.indexOf("</gmd:identificationInfo>") + "</gmd:identificationInfo>".length();
      xml =
          xml.substring(0, end)
              + "<gmd:distributionInfo><gmd:MD_Distribution><gmd:distributionFormat><gmd:MD_Format>"
              + "<gmd:name><gco:CharacterString>"
              + format
              + "</gco:CharacterString></gmd:name><gmd:version gco:nilReason=\"unknown\"/>"
              + "</gmd:MD_Format></gmd:distributionFormat></gmd:MD_Distribution>"
              + "</gmd:distributionInfo>"
              + xml.substring(end);
    }
    return xml;
  }

  static List<String> cqlIds(String cql) throws Exception {
    return identifiers(
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetRecords",
                "typeNames",
                "csw:Record",
                "resultType",
                "results",
                "maxRecords",
                "50",
                "constraintLanguage",
                "CQL_TEXT",
                "constraint",
                cql)));
  }

  static List<String> filterIds(String filter) throws Exception {
    return identifiers(
        ok(
            post(
                lb,
                null,
                "<csw:GetRecords xmlns:csw=\""
                    + CSW
                    + "\" xmlns:ogc=\"http://www.opengis.net/ogc\" service=\"CSW\""
                    + " version=\"2.0.2\" resultType=\"results\" maxRecords=\"50\">"
                    + "<csw:Query typeNames=\"csw:Record\"><csw:ElementSetName>brief"
                    + "</csw:ElementSetName><csw:Constraint version=\"1.1.0\"><ogc:Filter>"
                    + filter
                    + "</ogc:Filter></csw:Constraint></csw:Query></csw:GetRecords>",
                "text/xml")));
  }

  @Test
  @Order(10)
  void isoApPropertiesAreQueryableAdvertisedCountedAndShown() throws Exception {
    CatalogClient admin = cluster.client(1);
    String rivers = "props-rivers-" + UUID.randomUUID();
    String canals = "props-canals-" + UUID.randomUUID();
    String farms = "props-farms-" + UUID.randomUUID();
    created(
        admin.post(
            "/api/records",
            isoWithProperties(
                rivers,
                "Rivers of Holland",
                "Rijkswaterstaat",
                "dut",
                "inlandWaters",
                "2019-03-01",
                "GeoTIFF")));
    created(
        admin.post(
            "/api/records",
            isoWithProperties(
                canals,
                "Canals of Europe",
                "European Environment Agency",
                "eng",
                "inlandWaters",
                "2021-06-15",
                "ESRI Shapefile")));
    created(
        admin.post(
            "/api/records",
            isoWithProperties(
                farms, "Farms", "Ministry of Agriculture", "eng", "farming", "2022-02-02", null)));
    for (int n = 1; n <= 2; n++) {
      CatalogClient node = cluster.client(n);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(node.json("/api/search?size=0&keyword=props").path("total").asLong())
                      .isEqualTo(3));
    }

    assertThat(
            filterIds(
                "<ogc:PropertyIsEqualTo><ogc:PropertyName>apiso:TopicCategory</ogc:PropertyName>"
                    + "<ogc:Literal>inlandWaters</ogc:Literal></ogc:PropertyIsEqualTo>"))
        .containsExactlyInAnyOrder(rivers, canals);
    // Every other record's revision date lies in 2023 or 2024.
    assertThat(
            filterIds(
                "<ogc:PropertyIsBetween><ogc:PropertyName>apiso:RevisionDate</ogc:PropertyName>"
                    + "<ogc:LowerBoundary><ogc:Literal>2020-01-01</ogc:Literal></ogc:LowerBoundary>"
                    + "<ogc:UpperBoundary><ogc:Literal>2022-12-31</ogc:Literal></ogc:UpperBoundary>"
                    + "</ogc:PropertyIsBetween>"))
        .containsExactlyInAnyOrder(canals, farms);
    assertThat(cqlIds("RevisionDate < '2020-01-01'")).containsExactly(rivers);
    assertThat(cqlIds("apiso:ResourceLanguage = 'dut'")).containsExactly(rivers);
    // The sample records' metadata contact "Spatial Catalog Demo Agency" is not the resource's.
    assertThat(cqlIds("OrganisationName LIKE '%agency%'")).containsExactly(canals);
    assertThat(cqlIds("Format = 'GeoTIFF' AND Type = 'dataset'")).containsExactly(rivers);
    assertThat(
            filterIds(
                "<ogc:PropertyIsLike wildCard=\"*\" singleChar=\"?\" escapeChar=\"!\""
                    + " matchCase=\"true\"><ogc:PropertyName>apiso:OrganisationName"
                    + "</ogc:PropertyName><ogc:Literal>*agency</ogc:Literal></ogc:PropertyIsLike>"))
        .isEmpty();
    assertThat(
            filterIds(
                "<ogc:PropertyIsLike wildCard=\"*\" singleChar=\"?\" escapeChar=\"!\""
                    + " matchCase=\"true\"><ogc:PropertyName>apiso:OrganisationName"
                    + "</ogc:PropertyName><ogc:Literal>*Agency</ogc:Literal></ogc:PropertyIsLike>"))
        .containsExactly(canals);
    assertThat(
            filterIds(
                "<ogc:PropertyIsEqualTo matchCase=\"false\"><ogc:PropertyName>dc:format"
                    + "</ogc:PropertyName><ogc:Literal>esri shapefile</ogc:Literal>"
                    + "</ogc:PropertyIsEqualTo>"))
        .containsExactly(canals);
    // The Dublin Core records carry dc:format and dc:language.
    assertThat(cqlIds("dc:format = 'application/geopackage+sqlite3' AND dc:language = 'eng'"))
        .containsAll(publicUuids.stream().filter(u -> u.startsWith("dc-")).toList())
        .noneMatch(id -> id.startsWith("iso-") || id.startsWith("props-"));

    Document caps =
        ok(kvp(lb, null, "service", "CSW", "request", "GetCapabilities", "version", "2.0.2"));
    assertThat(texts(caps, "//*[@name='SupportedISOQueryables']/*"))
        .contains(
            "apiso:TopicCategory",
            "apiso:RevisionDate",
            "apiso:OrganisationName",
            "apiso:ResourceLanguage",
            "apiso:Format",
            "apiso:Type");
    Document domain =
        ok(
            kvp(
                lb,
                null,
                "service",
                "CSW",
                "version",
                "2.0.2",
                "request",
                "GetDomain",
                "PropertyName",
                "apiso:TopicCategory"));
    Map<String, String> counts = new LinkedHashMap<>();
    NodeList values = domain.getElementsByTagNameNS(CSW, "Value");
    for (int i = 0; i < values.getLength(); i++) {
      Element v = (Element) values.item(i);
      counts.put(v.getTextContent(), v.getAttribute("count"));
    }
    assertThat(counts).containsExactly(Map.entry("inlandWaters", "2"), Map.entry("farming", "1"));
    HttpResponse<String> fullAnswer =
        kvp(
            lb,
            null,
            "service",
            "CSW",
            "version",
            "2.0.2",
            "request",
            "GetRecordById",
            "id",
            rivers,
            "elementSetName",
            "full");
    Document full = ok(fullAnswer);
    assertThat(texts(full, "//*[local-name()='Record']/*[local-name()='type']"))
        .containsExactly("dataset");
    assertThat(texts(full, "//*[local-name()='Record']/*[local-name()='format']"))
        .containsExactly("GeoTIFF");
    assertThat(texts(full, "//*[local-name()='Record']/*[local-name()='language']"))
        .containsExactly("dut");
    CswSchemas.validate(fullAnswer.body());
  }

  static void awaitPublicTotalOnEveryNode() {
    for (int n = 1; n <= 2; n++) {
      String node = "http://127.0.0.1:" + cluster.node(n).port();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          attribute(
                              ok(
                                  kvp(
                                      node,
                                      null,
                                      "service",
                                      "CSW",
                                      "version",
                                      "2.0.2",
                                      "request",
                                      "GetRecords",
                                      "typeNames",
                                      "csw:Record")),
                              "SearchResults",
                              "numberOfRecordsMatched"))
                      .isEqualTo(String.valueOf(PUBLIC)));
    }
  }

  static String transaction(String actions) {
    return "<csw:Transaction xmlns:csw=\""
        + CSW
        + "\" service=\"CSW\" version=\"2.0.2\">"
        + actions
        + "</csw:Transaction>";
  }

  static String body(String xml) {
    return RecordFormats.withoutDeclaration(xml);
  }

  static HttpResponse<String> kvp(String base, String auth, String... pairs) throws Exception {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      query
          .append(i == 0 ? "?" : "&")
          .append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return get(base, "/csw" + query, auth);
  }

  static HttpResponse<String> get(String base, String path, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return send(b);
  }

  static HttpResponse<String> post(String base, String auth, String xml, String type)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/csw"))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(xml));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return send(b);
  }

  static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HttpClient.newHttpClient()
        .send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The answer, which must be 200, schema-valid and not an exception report. */
  static Document ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Document doc = parse(r.body());
    assertThat(doc.getDocumentElement().getLocalName())
        .as(r.body())
        .isNotEqualTo("ExceptionReport");
    CswSchemas.validate(r.body());
    return doc;
  }

  /** {@code expected} is code/locator, locator "-" for none, "constraint:Name" to name it. */
  static void assertReport(HttpResponse<String> r, String expected) throws Exception {
    String[] parts = expected.split("/");
    Document doc = parse(r.body());
    assertThat(doc.getDocumentElement().getLocalName()).as(r.body()).isEqualTo("ExceptionReport");
    CswSchemas.validate(r.body());
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 599);
    Element e = (Element) doc.getElementsByTagNameNS("*", "Exception").item(0);
    assertThat(e.getAttribute("exceptionCode")).as(r.body()).isEqualTo(parts[0]);
    String[] locator = parts[1].split(":");
    assertThat(e.getAttribute("locator"))
        .as(r.body())
        .isEqualTo(locator[0].equals("-") ? "" : locator[0]);
    if (locator.length > 1) {
      assertThat(e.getTextContent()).as(r.body()).contains(locator[1]);
    }
  }

  static Document parse(String xml) throws Exception {
    return SecureXml.documentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  static List<String> identifiers(Document doc) throws Exception {
    return texts(
        doc,
        "//*[local-name()='SearchResults' or local-name()='GetRecordByIdResponse']"
            + "/*/*[local-name()='identifier']");
  }

  static String attribute(Document doc, String element, String name) {
    return ((Element) doc.getElementsByTagNameNS("*", element).item(0)).getAttribute(name);
  }

  static List<String> texts(Document doc, String xpath) throws Exception {
    NodeList nodes =
        (NodeList)
            XPathFactory.newDefaultInstance()
                .newXPath()
                .evaluate(xpath, doc, XPathConstants.NODESET);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent().strip());
    }
    return out;
  }

  static List<String> strings(tools.jackson.databind.JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  /** Runs a client; its standard output, after checking it exited 0. */
  static String run(List<String> command) throws Exception {
    Path out = Files.createTempFile(dir, "client", ".out");
    Path err = Files.createTempFile(dir, "client", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(command + " did not finish within 5 minutes");
    }
    String stdout = Files.readString(out);
    assertThat(p.exitValue()).as(command + "\n" + stdout + "\n" + Files.readString(err)).isZero();
    return stdout;
  }

  static String python() {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python)) {
      fail("/usr/bin/python3 not found: install python3-owslib (.ci/run does this)");
    }
    return python.toString();
  }

  static String ogrinfo() {
    for (String candidate : List.of("/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return fail("ogrinfo not found: install gdal-bin (.ci/run does this)");
  }

  static Path haproxyBinary() {
    for (String candidate :
        List.of(
            "/usr/sbin/haproxy",
            "/usr/bin/haproxy",
            "/usr/local/sbin/haproxy",
            "/usr/local/bin/haproxy")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return fail("haproxy not found: install the Debian package (.ci/run does this)");
  }
}
