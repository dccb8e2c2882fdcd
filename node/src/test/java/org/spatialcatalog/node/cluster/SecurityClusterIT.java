package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * Users, privileges, sessions and edit locks on three nodes: the authorization matrix, privilege
 * changes seen by every node's search, the lock race across nodes, CSRF and brute-force protection.
 */
class SecurityClusterIT {

  static final String PW = "password-123";
  static final Duration CROSS_NODE = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static TestCluster cluster;
  static long groupA;
  static long groupB;

  @BeforeAll
  static void start() throws Exception {
    // The test client stands in for a load balancer on this machine, so X-Forwarded-For is used.
    cluster =
        TestCluster.onH2(
            dir,
            3,
            "--catalog.lock.idle-timeout=30s",
            "--catalog.security.trusted-proxies=127.0.0.1,0:0:0:0:0:0:0:1",
            "--catalog.attachments.max-upload-size=1MB");
    ApiCaller admin = admin(1);
    groupA = admin.postJson("/api/groups", "{\"name\":\"group-a\"}").json().path("id").asLong();
    groupB = admin.postJson("/api/groups", "{\"name\":\"group-b\"}").json().path("id").asLong();
    createUser("reg", "RegisteredUser", groupA);
    createUser("edA", "Editor", groupA);
    createUser("edA2", "Editor", groupA);
    createUser("edB", "Editor", groupB);
    createUser("dbAdmin", "Administrator", groupB);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static void createUser(String name, String profile, long group) throws Exception {
    CatalogClient.Response r =
        admin(1)
            .postJson(
                "/api/users",
                "{\"username\":\""
                    + name
                    + "\",\"password\":\""
                    + PW
                    + "\",\"profile\":\""
                    + profile
                    + "\",\"groups\":["
                    + group
                    + "]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  static String url(int node) {
    return cluster.node(node).baseUrl();
  }

  static ApiCaller admin(int node) {
    return ApiCaller.basic(url(node), "admin", TestCluster.PASSWORD);
  }

  static ApiCaller as(String user, int node) {
    return user == null
        ? ApiCaller.guest(url(node))
        : "admin".equals(user) ? admin(node) : ApiCaller.basic(url(node), user, PW);
  }

  static String iso(String uuid, String title, String keyword) {
    return RecordSyncClusterIT.iso(uuid, title, keyword);
  }

  /** A record created by {@code edA} (group A), then restricted to group A. */
  static String restrictedRecord(String keyword) throws Exception {
    ApiCaller edA = as("edA", 1);
    CatalogClient.Response created =
        edA.postXml(
            "/api/records", iso(UUID.randomUUID().toString(), "Restricted " + keyword, keyword));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();
    CatalogClient.Response changed =
        edA.putJson(
            "/api/records/" + id + "/privileges",
            "{\"operations\":{\"" + groupA + "\":[\"view\",\"download\",\"editing\"]}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    return id;
  }

  static long total(ApiCaller caller, String keyword) throws Exception {
    return caller.json("/api/search?q=" + keyword).path("total").asLong();
  }

  static long facetCount(ApiCaller caller, String keyword) throws Exception {
    for (JsonNode f : caller.json("/api/search?size=0").path("facets").path("keywords")) {
      if (f.path("value").asString().equals(keyword)) {
        return f.path("count").asLong();
      }
    }
    return 0;
  }

  @Test
  void privilegeChangeOnOneNodeTakesEffectInSearchOnTheOthers() throws Exception {
    String keyword = "kw" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    ApiCaller edA = ApiCaller.browser(url(1));
    assertThat(edA.login("edA", PW).status()).isEqualTo(200);
    String id =
        edA.postXml(
                "/api/records",
                iso(UUID.randomUUID().toString(), "Soon private " + keyword, keyword))
            .json()
            .path("id")
            .asString();
    for (int n = 2; n <= 3; n++) {
      ApiCaller guest = ApiCaller.guest(url(n));
      await()
          .atMost(CROSS_NODE)
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(total(guest, keyword)).isEqualTo(1));
    }

    CatalogClient.Response changed =
        edA.putJson(
            "/api/records/" + id + "/privileges",
            "{\"operations\":{\"" + groupA + "\":[\"view\"]}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);

    for (int n = 2; n <= 3; n++) {
      ApiCaller guest = ApiCaller.guest(url(n));
      await()
          .atMost(CROSS_NODE)
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(total(guest, keyword)).isZero());
      assertThat(facetCount(guest, keyword)).isZero();
      assertThat(total(as("edB", n), keyword)).isZero();
      assertThat(total(as("reg", n), keyword)).isEqualTo(1);
      assertThat(facetCount(as("reg", n), keyword)).isEqualTo(1);
      assertThat(total(admin(n), keyword)).isEqualTo(1);
      assertThat(guest.get("/api/records/" + id).status()).isEqualTo(404);
    }

    // And back: opening it to everyone shows it to guests everywhere again.
    assertThat(
            edA.putJson(
                    "/api/records/" + id + "/privileges", "{\"operations\":{\"all\":[\"view\"]}}")
                .status())
        .isEqualTo(200);
    for (int n = 2; n <= 3; n++) {
      ApiCaller guest = ApiCaller.guest(url(n));
      await()
          .atMost(CROSS_NODE)
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(total(guest, keyword)).isEqualTo(1));
    }
  }

  // "admin" is the configured account; "dbAdmin" a database user with the Administrator profile.
  static final List<String> PROFILES = List.of("guest", "reg", "edA", "edB", "admin", "dbAdmin");

  @Test
  void authorizationMatrixAllowsOrRefusesEveryEndpointForEveryProfileWithoutLeaks()
      throws Exception {
    String keyword = "mx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String id = restrictedRecord(keyword);
    String uuid = admin(1).json("/api/records/" + id).path("uuid").asString();
    String xml = admin(1).getXml("/api/records/" + id).body();
    String rec = "/api/records/" + id;
    assertThat(
            admin(1)
                .send("POST", rec + "/attachments?name=keep.txt", "kept", "text/plain")
                .status())
        .isEqualTo(201);

    // A record everyone may view, with a public file: HEAD works wherever GET does, for guests too.
    String open =
        "/api/records/"
            + admin(1)
                .postXml("/api/records", iso(UUID.randomUUID().toString(), "Open record", "open"))
                .json()
                .path("id")
                .asString();
    assertThat(
            admin(1)
                .send("POST", open + "/attachments?name=open.txt", "open", "text/plain")
                .status())
        .isEqualTo(201);

    // endpoint -> expected status per profile, in PROFILES order
    Map<String, int[]> expected = new LinkedHashMap<>();
    expected.put("GET " + rec, new int[] {404, 200, 200, 404, 200});
    expected.put("GETXML " + rec, new int[] {404, 200, 200, 404, 200});
    expected.put("GET /api/records/" + uuid, new int[] {404, 200, 200, 404, 200});
    expected.put("GET " + rec + "/privileges", new int[] {404, 200, 200, 404, 200});
    expected.put("POST /api/records", new int[] {401, 403, 201, 201, 201});
    expected.put("PUT " + rec, new int[] {401, 403, 409, 404, 200});
    expected.put("PUT " + rec + "/privileges", new int[] {401, 403, 200, 404, 200});
    expected.put("POST " + rec + "/lock", new int[] {401, 403, 200, 404, 409});
    expected.put("PUT " + rec + "/lock", new int[] {401, 403, 200, 404, 409});
    expected.put("DELETE " + rec + "/lock", new int[] {401, 403, 204, 404, 204});
    expected.put("DELETE " + rec + "/lock?force=true", new int[] {401, 403, 403, 404, 204});
    expected.put("DELETE /api/records/no-such-record", new int[] {401, 404, 404, 404, 404});
    expected.put("GET " + rec + "/versions", new int[] {401, 403, 403, 403, 200});
    expected.put("GET /api/users", new int[] {401, 403, 403, 403, 200});
    expected.put("GET /api/groups", new int[] {401, 403, 403, 403, 200});
    expected.put("POST /api/groups", new int[] {401, 403, 403, 403, 201});
    expected.put("POST /api/users", new int[] {401, 403, 403, 403, 201});
    expected.put("GET /api/admin/locks", new int[] {401, 403, 403, 403, 200});
    expected.put("GET /api/admin/settings", new int[] {401, 403, 403, 403, 200});
    expected.put("GET /api/admin/cluster", new int[] {401, 403, 403, 403, 200});
    expected.put("GET /api/search", new int[] {200, 200, 200, 200, 200});
    expected.put("GET /api/me", new int[] {200, 200, 200, 200, 200});
    expected.put("GET /actuator/health", new int[] {200, 200, 200, 200, 200});
    // Attachments: reading follows view and download, writing follows the edit privilege.
    expected.put("POST " + rec + "/attachments", new int[] {401, 403, 201, 404, 201});
    expected.put("GET " + rec + "/attachments", new int[] {404, 200, 200, 404, 200});
    expected.put("GET " + rec + "/attachments/keep.txt", new int[] {404, 200, 200, 404, 200});
    expected.put("HEAD " + rec + "/attachments/keep.txt", new int[] {404, 200, 200, 404, 200});
    expected.put("DELETE " + rec + "/attachments/none.txt", new int[] {401, 403, 404, 404, 404});
    // HEAD is allowed wherever GET is.
    expected.put("HEAD " + rec, new int[] {404, 200, 200, 404, 200});
    expected.put("HEAD /api/search", new int[] {200, 200, 200, 200, 200});
    expected.put("GET " + open, new int[] {200, 200, 200, 200, 200});
    expected.put("HEAD " + open, new int[] {200, 200, 200, 200, 200});
    expected.put("HEAD " + open + "/attachments", new int[] {200, 200, 200, 200, 200});
    expected.put("GET " + open + "/attachments/open.txt", new int[] {200, 200, 200, 200, 200});
    expected.put("HEAD " + open + "/attachments/open.txt", new int[] {200, 200, 200, 200, 200});
    expected.put("HEAD /api/users", new int[] {401, 403, 403, 403, 200});
    // History and harvesters are for administrators.
    expected.put("GET " + rec + "/versions/999999", new int[] {401, 403, 403, 403, 404});
    expected.put("GET /api/harvesters", new int[] {401, 403, 403, 403, 200});
    expected.put("GET /api/harvest-jobs/999999", new int[] {401, 403, 403, 403, 404});
    expected.put("GET /api/harvest-jobs", new int[] {401, 403, 403, 403, 200});
    expected.put("POST /api/harvest-jobs/999999/cancel", new int[] {401, 403, 403, 403, 404});
    // Without a body: refused before anything is created, by profile or for the missing body.
    expected.put("POST /api/harvesters", new int[] {401, 403, 403, 403, 400});
    expected.put("POST /api/harvesters/999999/run", new int[] {401, 403, 403, 403, 404});
    expected.put("DELETE /api/harvesters/999999", new int[] {401, 403, 403, 403, 404});
    // CSW and OAI-PMH answer everyone; what they show is checked per profile below.
    expected.put(
        "GET /csw?service=CSW&version=2.0.2&request=GetCapabilities",
        new int[] {200, 200, 200, 200, 200});
    expected.put("GET /oai?verb=Identify", new int[] {200, 200, 200, 200, 200});
    expected.put("HEAD /oai?verb=Identify", new int[] {200, 200, 200, 200, 200});
    // User management.
    expected.put("GET /api/users/999999", new int[] {401, 403, 403, 403, 404});
    expected.put("PATCH /api/users/999999", new int[] {401, 403, 403, 403, 404});
    expected.put("DELETE /api/groups/999999", new int[] {401, 403, 403, 403, 404});
    expected.put("PUT /api/me/password", new int[] {401, 400, 400, 400, 400});
    // Unknown paths are 404 for everyone, never a login prompt.
    expected.put("GET /api/no-such-endpoint", new int[] {404, 404, 404, 404, 404});
    expected.put("GET /no-such-page.html", new int[] {404, 404, 404, 404, 404});
    expected.put("POST /api/no-such-endpoint", new int[] {404, 404, 404, 404, 404});
    expected.put("HEAD /api/no-such-endpoint", new int[] {404, 404, 404, 404, 404});

    List<String> failures = new ArrayList<>();
    int node = 1;
    for (Map.Entry<String, int[]> e : expected.entrySet()) {
      // dbAdmin is expected to fare exactly like admin.
      e.setValue(java.util.Arrays.copyOf(e.getValue(), PROFILES.size()));
      e.getValue()[5] = e.getValue()[4];
      for (int p = 0; p < PROFILES.size(); p++) {
        String profile = PROFILES.get(p);
        node = node % 3 + 1;
        ApiCaller caller = as("guest".equals(profile) ? null : profile, node);
        CatalogClient.Response r = call(caller, e.getKey(), xml);
        if (r.status() != e.getValue()[p]) {
          failures.add(
              e.getKey()
                  + " as "
                  + profile
                  + ": expected "
                  + e.getValue()[p]
                  + ", got "
                  + r.status()
                  + " "
                  + r.body());
        }
        if (r.status() >= 400) {
          assertThat(r.headers().firstValue("Content-Type").orElse(""))
              .as(e.getKey() + " as " + profile)
              .contains("application/problem+json");
          assertThat(r.headers().firstValue("WWW-Authenticate").isPresent())
              .as("login prompt only on 401: " + e.getKey() + " as " + profile)
              .isEqualTo(r.status() == 401);
        }
        if (e.getValue()[p] == 404 || e.getValue()[p] == 401 || e.getValue()[p] == 403) {
          assertThat(r.body())
              .as("no leak of the title through " + e.getKey())
              .doesNotContain(keyword);
        }
      }
    }
    assertThat(failures).isEmpty();

    // Search, counts and facets on every node agree with the reads above.
    for (int n = 1; n <= 3; n++) {
      int nn = n;
      await()
          .atMost(CROSS_NODE)
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(total(as("reg", nn), keyword)).isEqualTo(1);
                assertThat(total(as(null, nn), keyword)).isZero();
                assertThat(total(as("edB", nn), keyword)).isZero();
                assertThat(facetCount(as(null, nn), keyword)).isZero();
                assertThat(facetCount(as("edB", nn), keyword)).isZero();
                assertThat(facetCount(as("edA", nn), keyword)).isEqualTo(1);
                assertThat(as(null, nn).get("/api/search?q=" + uuid).body()).doesNotContain(id);
              });
    }

    // CSW and OAI-PMH show exactly what the JSON search shows to the same caller.
    String byId =
        "/csw?service=CSW&version=2.0.2&request=GetRecordById&elementSetName=full&id=" + uuid;
    String hits =
        "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&resultType=hits"
            + "&constraintLanguage=CQL_TEXT&constraint_language_version=1.1.0&constraint="
            + java.net.URLEncoder.encode(
                "AnyText LIKE '%" + keyword + "%'", java.nio.charset.StandardCharsets.UTF_8);
    String oaiRecord =
        "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:spatialcatalog:" + id;
    for (int n = 1; n <= 3; n++) {
      for (String profile : PROFILES) {
        boolean sees = !profile.equals("guest") && !profile.equals("edB");
        ApiCaller caller = as("guest".equals(profile) ? null : profile, n);
        String where = " as " + profile + " on node " + n;
        CatalogClient.Response record = caller.get(byId);
        assertThat(record.status()).as("GetRecordById" + where).isEqualTo(200);
        if (sees) {
          assertThat(record.body()).as("GetRecordById" + where).contains(keyword);
        } else {
          assertThat(record.body()).as("GetRecordById" + where).doesNotContain(keyword);
        }
        assertThat(caller.get(hits).body())
            .as("GetRecords hits" + where)
            .contains("numberOfRecordsMatched=\"" + (sees ? 1 : 0) + "\"");
        CatalogClient.Response oai = caller.get(oaiRecord);
        assertThat(oai.status()).as("OAI-PMH GetRecord" + where).isEqualTo(200);
        if (sees) {
          assertThat(oai.body()).as("OAI-PMH GetRecord" + where).contains(keyword);
        } else {
          assertThat(oai.body())
              .as("OAI-PMH GetRecord" + where)
              .contains("idDoesNotExist")
              .doesNotContain(keyword);
        }
      }
    }
  }

  private static int counter;

  private static CatalogClient.Response call(ApiCaller caller, String endpoint, String xml)
      throws Exception {
    String[] parts = endpoint.split(" ", 2);
    String path = parts[1];
    String unique = "m" + (++counter) + UUID.randomUUID().toString().substring(0, 8);
    return switch (parts[0]) {
      case "GET" -> caller.get(path);
      case "GETXML" -> caller.getXml(path);
      case "HEAD" -> caller.head(path);
      case "DELETE" -> caller.delete(path);
      case "PATCH" -> caller.patchJson(path, "{\"enabled\":true}");
      case "POST" ->
          path.endsWith("/attachments")
              ? caller.send("POST", path + "?name=" + unique + ".txt", "matrix", "text/plain")
              : switch (path) {
                case "/api/records" ->
                    caller.postXml(
                        path, iso(UUID.randomUUID().toString(), "Matrix " + unique, unique));
                case "/api/groups" -> caller.postJson(path, "{\"name\":\"" + unique + "\"}");
                case "/api/users" ->
                    caller.postJson(
                        path,
                        "{\"username\":\""
                            + unique
                            + "\",\"password\":\""
                            + PW
                            + "\",\"profile\":\"RegisteredUser\"}");
                default -> caller.post(path);
              };
      case "PUT" ->
          path.endsWith("/privileges")
              ? caller.putJson(path, "{\"operations\":{\"" + groupA + "\":[\"view\",\"editing\"]}}")
              : path.endsWith("/lock")
                  ? caller.send("PUT", path, null, null)
                  : path.equals("/api/me/password")
                      ? caller.putJson(
                          path,
                          "{\"currentPassword\":\"not-it-at-all\",\"newPassword\":\"whatever-123\"}")
                      : caller.putXml(path, xml);
      default -> throw new IllegalArgumentException(endpoint);
    };
  }

  @Test
  void exactlyOneEditorWinsTheLockRaceAcrossNodesAndOthersCannotSave() throws Exception {
    String id = restrictedRecord("race" + UUID.randomUUID().toString().substring(0, 8));
    String xml = admin(1).getXml("/api/records/" + id).body();
    String lock = "/api/records/" + id + "/lock";
    List<String> racers = List.of("edA", "edA2", "admin");
    List<Callable<CatalogClient.Response>> attempts = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      for (String user : racers) {
        for (int n = 1; n <= 3; n++) {
          ApiCaller caller = as(user, n);
          attempts.add(() -> caller.post(lock));
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
    Set<String> winners = new HashSet<>();
    Set<String> namedHolders = new HashSet<>();
    try {
      for (Future<CatalogClient.Response> f : pool.invokeAll(attempts)) {
        CatalogClient.Response r = f.get();
        assertThat(r.status()).as(r.body()).isIn(200, 409);
        if (r.status() == 200) {
          winners.add(r.json().path("holder").asString());
        } else {
          namedHolders.add(r.json().path("lock").path("holder").asString());
          assertThat(r.json().path("detail").asString()).contains("since");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(winners).hasSize(1);
    String winner = winners.iterator().next();
    assertThat(namedHolders).isSubsetOf(winners);
    List<String> losers = new ArrayList<>(racers);
    losers.remove(winner);

    // Saving a record another user has locked: 423, naming the holder.
    for (String loser : losers) {
      CatalogClient.Response save = as(loser, 2).putXml("/api/records/" + id, xml);
      assertThat(save.status()).as(save.body()).isEqualTo(423);
      assertThat(save.json().path("lock").path("holder").asString()).isEqualTo(winner);
    }
    // The holder saves from another node, and closes (releases) the lock with the save.
    CatalogClient.Response saved = as(winner, 3).putXml("/api/records/" + id + "?close=true", xml);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(admin(1).json("/api/admin/locks").toString()).doesNotContain(id);

    // Without a lock an editor may not save: 409 telling it to take the lock.
    CatalogClient.Response unlocked = as("edA2", 1).putXml("/api/records/" + id, xml);
    assertThat(unlocked.status()).isEqualTo(409);
    assertThat(unlocked.json().path("detail").asString())
        .contains("POST /api/records/" + id + "/lock");

    // Force unlock by an administrator frees the record for another editor at once.
    assertThat(as("edA", 1).post(lock).status()).isEqualTo(200);
    assertThat(as("edA2", 2).post(lock).status()).isEqualTo(409);
    JsonNode locks = admin(3).json("/api/admin/locks");
    assertThat(locks.toString()).contains(id).contains("edA");
    assertThat(as("edA2", 2).delete(lock + "?force=true").status()).isEqualTo(403);
    assertThat(admin(2).delete(lock + "?force=true").status()).isEqualTo(204);
    assertThat(as("edA2", 3).post(lock).status()).isEqualTo(200);

    // Expiry: unrenewed, the lock lapses after the idle timeout (30 s here: long enough for the
    // 36-way race above to end first on a loaded machine) and can be taken.
    CatalogClient.Response early = as("edA", 1).post(lock);
    assertThat(early.status()).isEqualTo(409);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> as("edA", 1).post(lock).status() == 200);
    assertThat(admin(2).json("/api/admin/locks").toString()).contains("\"holder\":\"edA\"");
    assertThat(as("edA", 2).delete(lock).status()).isEqualTo(204);
  }

  @Test
  void sessionCallsNeedTheCsrfTokenAndLogoutEndsTheSession() throws Exception {
    ApiCaller browser = ApiCaller.browser(url(2));
    CatalogClient.Response login = browser.login("edA", PW);
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().path("profile").asString()).isEqualTo("Editor");
    assertThat(login.headers().allValues("Set-Cookie").toString())
        .contains("JSESSIONID")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Lax");
    assertThat(browser.json("/api/me").path("username").asString()).isEqualTo("edA");

    String body = iso(UUID.randomUUID().toString(), "Csrf check", "csrf");
    browser.withoutCsrfToken();
    CatalogClient.Response forged = browser.postXml("/api/records", body);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().path("detail").asString()).contains("CSRF");

    ApiCaller again = ApiCaller.browser(url(2));
    again.login("edA", PW);
    assertThat(again.postXml("/api/records", body).status()).isEqualTo(201);
    assertThat(again.post("/api/logout").status()).isEqualTo(204);
    assertThat(again.json("/api/me").path("profile").asString()).isEqualTo("guest");
    assertThat(again.postXml("/api/records", body).status()).isIn(401, 403);
  }

  @Test
  void repeatedFailedLoginsLockTheNameOutOnEveryNodeAndDoNotRevealWhetherItExists()
      throws Exception {
    createUser("victim", "RegisteredUser", groupB);
    String unknown = "nobody" + UUID.randomUUID().toString().substring(0, 6);
    List<String> existing = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int node = i % 3 + 1;
      CatalogClient.Response a = ApiCaller.browser(url(node)).login("victim", "wrong-" + i);
      CatalogClient.Response b = ApiCaller.browser(url(node)).login(unknown, "wrong-" + i);
      assertThat(a.status()).isEqualTo(401);
      assertThat(b.status()).isEqualTo(401);
      existing.add(ApiCaller.parse(a.body()).path("detail").asString());
      missing.add(ApiCaller.parse(b.body()).path("detail").asString());
    }
    assertThat(existing).isEqualTo(missing);

    for (int node = 1; node <= 3; node++) {
      CatalogClient.Response right = ApiCaller.browser(url(node)).login("victim", PW);
      CatalogClient.Response other = ApiCaller.browser(url(node)).login(unknown, PW);
      assertThat(right.status()).isEqualTo(429);
      assertThat(other.status()).isEqualTo(429);
      assertThat(right.headers().firstValue("Retry-After")).isPresent();
      assertThat(ApiCaller.parse(right.body()).path("detail").asString().replaceAll("\\d+", "N"))
          .isEqualTo(
              ApiCaller.parse(other.body()).path("detail").asString().replaceAll("\\d+", "N"));
      // HTTP Basic is throttled by the same count.
      assertThat(ApiCaller.basic(url(node), "victim", PW).get("/api/me").status()).isEqualTo(429);
    }
  }

  @Test
  void badUserAndPrivilegeInputIsRejectedWithProblemsNamingTheField() throws Exception {
    ApiCaller admin = admin(1);
    CatalogClient.Response badProfile =
        admin.postJson(
            "/api/users", "{\"username\":\"x1\",\"password\":\"" + PW + "\",\"profile\":\"Boss\"}");
    assertThat(badProfile.status()).isEqualTo(400);
    assertThat(badProfile.json().path("detail").asString()).contains("profile");
    CatalogClient.Response shortPw =
        admin.postJson(
            "/api/users", "{\"username\":\"x2\",\"password\":\"short\",\"profile\":\"Editor\"}");
    assertThat(shortPw.status()).isEqualTo(400);
    assertThat(shortPw.json().path("detail").asString()).contains("password");
    CatalogClient.Response taken =
        admin.postJson(
            "/api/users",
            "{\"username\":\"edA\",\"password\":\"" + PW + "\",\"profile\":\"Editor\"}");
    assertThat(taken.status()).isEqualTo(409);
    CatalogClient.Response badGroup =
        admin.postJson(
            "/api/users",
            "{\"username\":\"x3\",\"password\":\""
                + PW
                + "\",\"profile\":\"Editor\",\"groups\":[999999]}");
    assertThat(badGroup.status()).isEqualTo(400);
    assertThat(badGroup.json().path("detail").asString()).contains("groups");

    String id = restrictedRecord("input" + UUID.randomUUID().toString().substring(0, 6));
    CatalogClient.Response badOp =
        admin.putJson("/api/records/" + id + "/privileges", "{\"operations\":{\"all\":[\"fly\"]}}");
    assertThat(badOp.status()).isEqualTo(400);
    assertThat(badOp.json().path("detail").asString()).contains("fly");
    CatalogClient.Response badKey =
        admin.putJson(
            "/api/records/" + id + "/privileges", "{\"operations\":{\"everyone\":[\"view\"]}}");
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.json().path("detail").asString()).contains("everyone");
  }

  static long userId(String name) throws Exception {
    for (JsonNode u : admin(1).json("/api/users")) {
      if (u.path("username").asString().equals(name)) {
        return u.path("id").asLong();
      }
    }
    throw new AssertionError("no user " + name);
  }

  /** Browser sessions of {@code user} on every node, logged in. */
  static List<ApiCaller> sessionsOnEveryNode(String user, String password) throws Exception {
    List<ApiCaller> sessions = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      ApiCaller browser = ApiCaller.browser(url(n));
      assertThat(browser.login(user, password).status()).isEqualTo(200);
      sessions.add(browser);
    }
    return sessions;
  }

  static void assertSessionsEnded(List<ApiCaller> sessions) throws Exception {
    for (ApiCaller session : sessions) {
      assertThat(session.json("/api/me").path("profile").asString()).isEqualTo("guest");
      assertThat(
              session
                  .postXml(
                      "/api/records",
                      iso(UUID.randomUUID().toString(), "After revocation", "revoked"))
                  .status())
          .isIn(401, 403);
    }
  }

  @Test
  void demotingRegroupingDisablingOrDeletingAUserEndsItsSessionsAtTheNextRequestOnEveryNode()
      throws Exception {
    List<String> changes =
        List.of(
            "{\"profile\":\"RegisteredUser\"}",
            "{\"groups\":[" + groupB + "]}",
            "{\"password\":\"another-pass-1\"}",
            "{\"enabled\":false}",
            "DELETE");
    for (int i = 0; i < changes.size(); i++) {
      String name = "rev" + i + UUID.randomUUID().toString().substring(0, 6);
      createUser(name, "Editor", groupA);
      List<ApiCaller> sessions = sessionsOnEveryNode(name, PW);
      for (ApiCaller session : sessions) {
        assertThat(session.json("/api/me").path("profile").asString()).isEqualTo("Editor");
      }
      long id = userId(name);
      CatalogClient.Response changed =
          "DELETE".equals(changes.get(i))
              ? admin(2).delete("/api/users/" + id)
              : admin(2).patchJson("/api/users/" + id, changes.get(i));
      assertThat(changed.status()).as(changes.get(i) + ": " + changed.body()).isIn(200, 204);
      assertSessionsEnded(sessions);
    }
  }

  @Test
  void changingTheAdminPasswordChangesItOnEveryNodeAndEndsEveryAdminSession() throws Exception {
    List<ApiCaller> sessions = sessionsOnEveryNode("admin", TestCluster.PASSWORD);
    for (ApiCaller session : sessions) {
      assertThat(session.json("/api/me").path("profile").asString()).isEqualTo("Administrator");
    }
    String changed = "changed-admin-pass-1";
    String change =
        "{\"currentPassword\":\""
            + TestCluster.PASSWORD
            + "\",\"newPassword\":\""
            + changed
            + "\"}";
    try {
      assertThat(admin(2).putJson("/api/me/password", change).status()).isEqualTo(204);
      assertSessionsEnded(sessions);
      assertThat(admin(1).get("/api/me").status()).isEqualTo(401);
      for (int n = 1; n <= 3; n++) {
        assertThat(
                ApiCaller.basic(url(n), "admin", changed)
                    .json("/api/me")
                    .path("profile")
                    .asString())
            .as("node " + n)
            .isEqualTo("Administrator");
      }
    } finally {
      // Back to the password the rest of the class (and the cluster's own calls) use.
      ApiCaller.basic(url(3), "admin", changed)
          .putJson(
              "/api/me/password",
              "{\"currentPassword\":\""
                  + changed
                  + "\",\"newPassword\":\""
                  + TestCluster.PASSWORD
                  + "\"}");
    }
    assertThat(admin(1).get("/api/me").status()).isEqualTo(200);
  }

  @Test
  void basicAuthTyposCountOnceAndAStrangersFailuresDoNotLockOutTheRealUser() throws Exception {
    String name = "typo" + UUID.randomUUID().toString().substring(0, 6);
    createUser(name, "RegisteredUser", groupB);
    // Four typos with HTTP Basic, each counted once: the fifth request, right, still works.
    for (int i = 0; i < 4; i++) {
      assertThat(ApiCaller.basic(url(i % 3 + 1), name, "typo-" + i).get("/api/me").status())
          .isEqualTo(401);
    }
    assertThat(ApiCaller.basic(url(1), name, PW).get("/api/me").status()).isEqualTo(200);

    // A stranger at another address locks only itself out.
    for (int i = 0; i < 5; i++) {
      CatalogClient.Response r =
          ApiCaller.browser(url(i % 3 + 1)).forwardedFor("203.0.113.9").login(name, "guess-" + i);
      assertThat(r.status()).isEqualTo(401);
    }
    assertThat(ApiCaller.browser(url(2)).forwardedFor("203.0.113.9").login(name, PW).status())
        .isEqualTo(429);
    for (int n = 1; n <= 3; n++) {
      assertThat(ApiCaller.browser(url(n)).forwardedFor("198.51.100.7").login(name, PW).status())
          .isEqualTo(200);
      assertThat(ApiCaller.basic(url(n), name, PW).get("/api/me").status()).isEqualTo(200);
    }
    // The client cannot choose its address: only the right-most, proxy-written entry counts.
    assertThat(
            ApiCaller.browser(url(3))
                .forwardedFor("198.51.100.7, 203.0.113.9")
                .login(name, PW)
                .status())
        .isEqualTo(429);

    // Failures and lock-outs are logged at WARN with user, address and node.
    String logs = "";
    for (int n = 1; n <= 3; n++) {
      logs += java.nio.file.Files.readString(cluster.node(n).logFile());
    }
    assertThat(logs)
        .containsPattern("WARN.*failed login: user '" + name + "' from 203.0.113.9 on ")
        .containsPattern("WARN.*login locked out: user '" + name + "' from 203.0.113.9 on ");
  }

  @Test
  void theAdminIsThrottledLikeAnyUserAtTheAddressThatFailed() throws Exception {
    // AdminAccount.loadForLogin reads the admin's credential and the address's record of failures
    // in one statement; these are the paths it takes.
    String typist = "192.0.2.21";
    assertThat(
            ApiCaller.basic(url(1), "admin", "typo").forwardedFor(typist).get("/api/me").status())
        .isEqualTo(401);
    assertThat(failuresOnRecord("admin", typist)).isEqualTo(1);
    // With a failure on record the right password still works (checked under the row's lock),
    // and clears the record.
    assertThat(
            ApiCaller.basic(url(2), "admin", TestCluster.PASSWORD)
                .forwardedFor(typist)
                .get("/api/me")
                .status())
        .isEqualTo(200);
    assertThat(failuresOnRecord("admin", typist)).isZero();

    String stranger = "192.0.2.22";
    for (int i = 0; i < 5; i++) {
      assertThat(
              ApiCaller.basic(url(i % 3 + 1), "admin", "guess-" + i)
                  .forwardedFor(stranger)
                  .get("/api/me")
                  .status())
          .isEqualTo(401);
    }
    for (int n = 1; n <= 3; n++) {
      assertThat(
              ApiCaller.basic(url(n), "admin", TestCluster.PASSWORD)
                  .forwardedFor(stranger)
                  .get("/api/me")
                  .status())
          .isEqualTo(429);
      assertThat(admin(n).get("/api/me").status()).isEqualTo(200);
      assertThat(
              ApiCaller.basic(url(n), "admin", TestCluster.PASSWORD)
                  .forwardedFor(typist)
                  .get("/api/me")
                  .status())
          .isEqualTo(200);
    }
  }

  private static long failuresOnRecord(String name, String address) throws Exception {
    try (var db = cluster.jdbc();
        var q =
            db.prepareStatement(
                "SELECT COALESCE(SUM(failures), 0) FROM login_failure"
                    + " WHERE username = ? AND address = ?")) {
      q.setString(1, name);
      q.setString(2, address);
      try (var rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void concurrentWrongPasswordsOnEveryNodeAreEachCountedAndLockTheNameOut() throws Exception {
    String name = "burst" + UUID.randomUUID().toString().substring(0, 6);
    createUser(name, "RegisteredUser", groupB);
    List<Callable<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      ApiCaller caller = ApiCaller.basic(url(i % 3 + 1), name, "burst-" + i);
      attempts.add(() -> caller.get("/api/me").status());
    }
    ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
    List<Integer> statuses = new ArrayList<>();
    try {
      for (Future<Integer> f : pool.invokeAll(attempts)) {
        statuses.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    long refused = statuses.stream().filter(s -> s == 401).count();
    assertThat(refused + statuses.stream().filter(s -> s == 429).count()).isEqualTo(24);
    assertThat(refused).isGreaterThanOrEqualTo(5);
    // No failure was lost to a race: the stored count is exactly the number of 401s.
    try (var db = cluster.jdbc();
        var q = db.prepareStatement("SELECT SUM(failures) FROM login_failure WHERE username = ?")) {
      q.setString(1, name);
      try (var rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(refused);
      }
    }
    for (int n = 1; n <= 3; n++) {
      assertThat(ApiCaller.basic(url(n), name, PW).get("/api/me").status()).isEqualTo(429);
    }
    // However far the concurrent failures counted past the limit, the lock-out is logged.
    String logs = "";
    for (int n = 1; n <= 3; n++) {
      logs += java.nio.file.Files.readString(cluster.node(n).logFile());
    }
    assertThat(
            java.util.regex.Pattern.compile("WARN.*login locked out: user '" + name + "' from ")
                .matcher(logs)
                .results()
                .count())
        .isPositive();
  }

  @Test
  void requestsAreTimedButSpringSecurityRecordsNoObservations() throws Exception {
    assertThat(as("edB", 2).get("/api/me").status()).isEqualTo(200);
    String metrics = admin(2).get("/actuator/prometheus").body();
    assertThat(metrics).contains("http_server_requests_seconds_count{");
    // SecurityConfig.noSecurityObservations: no timers of the filter chain, the authentication or
    // the authorization, which would be spring_security_* (or the chain's security_filterchain_*).
    assertThat(metrics).doesNotContain("spring_security_").doesNotContain("filterchain");
  }

  @Test
  void concurrentRightPasswordsOfOneUserAreNeverThrottled() throws Exception {
    List<Callable<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      ApiCaller caller = as("edB", i % 3 + 1);
      attempts.add(() -> caller.get("/api/me").status());
    }
    ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
    try {
      for (Future<Integer> f : pool.invokeAll(attempts)) {
        assertThat(f.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void usersChangeTheirPasswordAndAdministratorsManageUsersAndGroups() throws Exception {
    String name = "self" + UUID.randomUUID().toString().substring(0, 6);
    createUser(name, "Editor", groupA);
    ApiCaller me = ApiCaller.browser(url(1));
    me.login(name, PW);
    CatalogClient.Response wrong =
        me.putJson(
            "/api/me/password",
            "{\"currentPassword\":\"nope-nope\",\"newPassword\":\"brand-new-pass\"}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().path("detail").asString()).contains("currentPassword");
    CatalogClient.Response tooShort =
        me.putJson(
            "/api/me/password", "{\"currentPassword\":\"" + PW + "\",\"newPassword\":\"short\"}");
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.json().path("detail").asString()).contains("newPassword");
    assertThat(
            me.putJson(
                    "/api/me/password",
                    "{\"currentPassword\":\"" + PW + "\",\"newPassword\":\"brand-new-pass\"}")
                .status())
        .isEqualTo(204);
    assertThat(ApiCaller.basic(url(2), name, PW).get("/api/me").status()).isEqualTo(401);
    assertThat(
            ApiCaller.basic(url(3), name, "brand-new-pass")
                .json("/api/me")
                .path("username")
                .asString())
        .isEqualTo(name);

    // An administrator changes profile, groups, password and enabled; the view shows them.
    long id = userId(name);
    CatalogClient.Response updated =
        admin(2)
            .patchJson(
                "/api/users/" + id,
                "{\"profile\":\"RegisteredUser\",\"groups\":["
                    + groupB
                    + "],\"password\":\"set-by-admin-1\",\"enabled\":false}");
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().path("profile").asString()).isEqualTo("RegisteredUser");
    assertThat(updated.json().path("groups").toString()).isEqualTo("[" + groupB + "]");
    assertThat(updated.json().path("enabled").asBoolean()).isFalse();
    assertThat(ApiCaller.basic(url(1), name, "set-by-admin-1").get("/api/me").status())
        .isEqualTo(401);
    assertThat(admin(3).patchJson("/api/users/" + id, "{\"enabled\":true}").status())
        .isEqualTo(200);
    JsonNode now = ApiCaller.basic(url(1), name, "set-by-admin-1").json("/api/me");
    assertThat(now.path("profile").asString()).isEqualTo("RegisteredUser");
    CatalogClient.Response unknown =
        admin(1).patchJson("/api/users/" + id, "{\"profiles\":\"Editor\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("detail").asString()).contains("profiles");
    assertThat(admin(1).patchJson("/api/users/" + id, "{\"enabled\":\"yes\"}").status())
        .isEqualTo(400);

    // A group that owns records cannot be deleted; an empty one can.
    long group =
        admin(1)
            .postJson("/api/groups", "{\"name\":\"temp-" + name + "\"}")
            .json()
            .path("id")
            .asLong();
    String owner = "owner" + UUID.randomUUID().toString().substring(0, 6);
    createUser(owner, "Editor", group);
    String rid =
        ApiCaller.basic(url(1), owner, PW)
            .postXml("/api/records", iso(UUID.randomUUID().toString(), "Group owned", "groupowned"))
            .json()
            .path("id")
            .asString();
    CatalogClient.Response refused = admin(2).delete("/api/groups/" + group);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("detail").asString()).contains("1 record");
    assertThat(admin(2).delete("/api/records/" + rid).status()).isEqualTo(204);
    assertThat(admin(3).delete("/api/groups/" + group).status()).isEqualTo(204);
    assertThat(admin(1).json("/api/groups").toString()).doesNotContain("temp-" + name);
    assertThat(ApiCaller.basic(url(1), owner, PW).json("/api/me").path("groups").size()).isZero();
  }

  @Test
  void editorsAttachFilesToRecordsTheyMayEditAndRenewTheirLock() throws Exception {
    String id = restrictedRecord("att" + UUID.randomUUID().toString().substring(0, 6));
    String files = "/api/records/" + id + "/attachments";
    CatalogClient.Response upload =
        as("edA2", 2).send("POST", files + "?name=plan.txt", "a plan", "text/plain");
    assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    assertThat(as("reg", 3).get(files + "/plan.txt").body()).isEqualTo("a plan");
    assertThat(as("reg", 1).send("POST", files + "?name=x.txt", "x", "text/plain").status())
        .isEqualTo(403);
    assertThat(as("reg", 1).delete(files + "/plan.txt").status()).isEqualTo(403);
    // One name, one visibility: a private upload of a public file's name is refused, and the
    // public file stays.
    CatalogClient.Response clash =
        as("edA", 1)
            .send("POST", files + "?name=plan.txt&visibility=private", "secret plan", "text/plain");
    assertThat(clash.status()).as(clash.body()).isEqualTo(409);
    assertThat(clash.json().path("detail").asString()).contains("public attachment 'plan.txt'");
    assertThat(as("reg", 2).get(files + "/plan.txt").body()).isEqualTo("a plan");
    assertThat(as("edA", 3).delete(files + "/plan.txt").status()).isEqualTo(204);
    assertThat(
            as("edA", 1)
                .send(
                    "POST",
                    files + "?name=plan.txt&visibility=private",
                    "secret plan",
                    "text/plain")
                .status())
        .isEqualTo(201);

    String lock = "/api/records/" + id + "/lock";
    CatalogClient.Response none = as("edA", 1).send("PUT", lock, null, null);
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.json().path("detail").asString()).contains("POST " + lock);
    JsonNode taken = as("edA", 1).post(lock).json();
    await()
        .atMost(CROSS_NODE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                !as("edA", 2)
                    .send("PUT", lock, null, null)
                    .json()
                    .path("expires")
                    .asString()
                    .equals(taken.path("expires").asString()));
    CatalogClient.Response other = as("edA2", 3).send("PUT", lock, null, null);
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().path("lock").path("holder").asString()).isEqualTo("edA");
    assertThat(as("edA", 3).delete(lock).status()).isEqualTo(204);
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
  void everyNodeUsesTheAdminPasswordStoredInTheSharedDatabase() throws Exception {
    // A node started without --admin-password uses the stored one instead of making one up.
    int port = TestCluster.freePort();
    // It also listens only where --bind says.
    Process extra =
        cluster.startExtraNode(
            dir.resolve("node-extra"),
            port,
            dir.resolve("node-extra.log"),
            List.of("--bind=127.0.0.1"));
    try {
      ApiCaller admin = ApiCaller.basic("http://127.0.0.1:" + port, "admin", TestCluster.PASSWORD);
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> admin.get("/api/me").status() == 200);
      assertThat(admin.json("/api/me").path("profile").asString()).isEqualTo("Administrator");
      // Like the demo's nodes, a node says when it is ready and where.
      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () ->
                  java.nio.file.Files.readString(dir.resolve("node-extra.log"))
                      .contains("node ready: http://127.0.0.1:" + port + " (nodeId "));
      java.net.InetAddress outside =
          java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
              .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
              .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
              .findFirst()
              .orElseThrow(() -> new AssertionError("no non-loopback address to test"));
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> {
                    try (java.net.Socket s = new java.net.Socket()) {
                      s.connect(new java.net.InetSocketAddress(outside, port), 5000);
                    }
                  }))
          .as("not listening on " + outside)
          .isInstanceOf(java.io.IOException.class);
    } finally {
      extra.destroy();
      extra.waitFor();
    }
    // A node given another admin password refuses to start, saying why, in one line.
    Process wrong =
        cluster.startExtraNode(
            dir.resolve("node-wrong"),
            TestCluster.freePort(),
            dir.resolve("node-wrong.log"),
            List.of("--admin-password=something-else"));
    assertThat(wrong.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(wrong.exitValue()).isEqualTo(2);
    String output = java.nio.file.Files.readString(dir.resolve("node-wrong.log"));
    assertThat(output)
        .contains("catalog.admin-password")
        .contains("shared database")
        .doesNotContain("\tat ");
  }

  static CatalogClient.Response raw(
      String node, String method, String path, String body, java.util.Map<String, String> headers)
      throws Exception {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(node + path))
            .timeout(Duration.ofSeconds(60))
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(
                            ("admin:" + TestCluster.PASSWORD)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .method(
                method,
                body == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    return new CatalogClient.Response(r.statusCode(), r.body(), r.headers());
  }

  static void assertProblem(CatalogClient.Response r, int status, String... detailParts) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .as(r.body())
        .contains("application/problem+json");
    JsonNode p = ApiCaller.parse(r.body());
    assertThat(p.path("type").asString()).isEqualTo("about:blank");
    assertThat(p.path("status").asInt()).isEqualTo(status);
    for (String part : detailParts) {
      assertThat(p.path("detail").asString()).contains(part);
    }
  }

  @Test
  void putTakesTheBodyLikePostAndSavingTheSameRecordAgainChangesNothing() throws Exception {
    // With versioning on, a save that changed something would also add a version to the history.
    assertThat(admin(1).putJson("/api/admin/settings", "{\"metadata.versioning\":true}").status())
        .isEqualTo(200);
    try {
      for (int n = 1; n <= 3; n++) {
        ApiCaller admin = admin(n);
        await()
            .atMost(CROSS_NODE)
            .ignoreExceptions()
            .until(() -> admin.json("/api/admin/settings").path("metadata.versioning").asBoolean());
      }
      identicalSavesKeepTheVersionAndTheHistory();
    } finally {
      admin(1).putJson("/api/admin/settings", "{\"metadata.versioning\":false}");
    }
  }

  private void identicalSavesKeepTheVersionAndTheHistory() throws Exception {
    String uuid = UUID.randomUUID().toString();
    String xml = iso(uuid, "Same body", "samebody");
    String node = url(1);
    // curl --data labels any body form-encoded; POST and PUT must both read it as the record.
    CatalogClient.Response created =
        raw(
            node,
            "POST",
            "/api/records",
            xml,
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();
    String changed = iso(uuid, "Same body changed", "samebody");
    CatalogClient.Response form =
        raw(
            node,
            "PUT",
            "/api/records/" + id + "?close=false",
            changed,
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.json().path("version").asLong()).isEqualTo(2);
    CatalogClient.Response untyped = raw(url(2), "PUT", "/api/records/" + id, changed, Map.of());
    assertThat(untyped.status()).as(untyped.body()).isEqualTo(200);
    // The same XML again: 200, version unchanged, nothing new in the history.
    assertThat(untyped.json().path("version").asLong()).isEqualTo(2);
    assertThat(admin(3).putXml("/api/records/" + id, changed).json().path("version").asLong())
        .isEqualTo(2);
    assertThat(admin(3).json("/api/records/" + id).path("version").asLong()).isEqualTo(2);
    JsonNode history = admin(1).json("/api/records/" + id + "/versions").path("versions");
    assertThat(history.size()).as(history.toString()).isEqualTo(2);
    assertThat(history.toString()).doesNotContain("\"version\":3");
  }

  @Test
  void everyErrorIsAProblemDocumentAndRangesFollowRfc9110() throws Exception {
    String node = url(2);
    String id =
        admin(1)
            .postXml("/api/records", iso(UUID.randomUUID().toString(), "Errors", "errors"))
            .json()
            .path("id")
            .asString();
    String files = "/api/records/" + id + "/attachments";
    assertThat(admin(1).send("POST", files + "?name=ten.txt", "0123456789", "text/plain").status())
        .isEqualTo(201);

    assertProblem(raw(node, "GET", files + "/%2e%2e", null, Map.of()), 400);
    assertProblem(raw(node, "GET", files + "/a%2Fb.txt", null, Map.of()), 400);
    assertProblem(raw(node, "PATCH", "/api/search", null, Map.of()), 405);
    assertProblem(raw(node, "GET", "/api/search?keywords=x", null, Map.of()), 400, "keywords");
    assertThat(raw(node, "GET", "/api/search?keyword=x&size=1", null, Map.of()).status())
        .isEqualTo(200);

    // Keywords filter and facet whatever their case and spacing; sort directions exist.
    String word = "Hydro" + UUID.randomUUID().toString().substring(0, 6);
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    String first =
        admin(1)
            .postXml("/api/records", iso(UUID.randomUUID().toString(), "Aaa " + word, word))
            .json()
            .path("id")
            .asString();
    String second =
        admin(1)
            .postXml(
                "/api/records",
                iso(
                    UUID.randomUUID().toString(),
                    "Zzz " + word,
                    " " + lower.toUpperCase(java.util.Locale.ROOT) + " "))
            .json()
            .path("id")
            .asString();
    await()
        .atMost(CROSS_NODE)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(admin(2).json("/api/search?keyword=" + lower).path("total").asLong())
                    .isEqualTo(2));
    JsonNode both = admin(2).json("/api/search?keyword=" + word + "&sort=-title");
    assertThat(both.path("total").asLong()).isEqualTo(2);
    assertThat(both.path("hits").get(0).path("id").asString()).isEqualTo(second);
    assertThat(both.path("hits").get(1).path("id").asString()).isEqualTo(first);
    assertThat(both.path("facets").path("keywords").toString())
        .contains("{\"value\":\"" + lower + "\",\"count\":2}")
        .doesNotContain(word);
    assertThat(
            admin(2)
                .json("/api/search?keyword=" + word + "&sort=date")
                .path("hits")
                .get(0)
                .path("id")
                .asString())
        .isEqualTo(second);
    assertThat(
            admin(2)
                .json("/api/search?keyword=" + word + "&sort=-date")
                .path("hits")
                .get(0)
                .path("id")
                .asString())
        .isEqualTo(first);

    // Multipart over the limit names the limit and the setting.
    String boundary = "b0undary";
    String big =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\";"
            + " filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            + "x".repeat(2 * 1024 * 1024)
            + "\r\n--"
            + boundary
            + "--\r\n";
    assertProblem(
        raw(
            node,
            "POST",
            files,
            big,
            Map.of("Content-Type", "multipart/form-data; boundary=" + boundary)),
        413,
        String.valueOf(1024 * 1024),
        "catalog.attachments.max-upload-size");

    // Ranges: satisfiable 206; unsatisfiable 416 without a body; unparsable ignored (200).
    CatalogClient.Response part =
        raw(node, "GET", files + "/ten.txt", null, Map.of("Range", "bytes=2-4"));
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.body()).isEqualTo("234");
    CatalogClient.Response beyond =
        raw(node, "GET", files + "/ten.txt", null, Map.of("Range", "bytes=999999-"));
    assertThat(beyond.status()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */10");
    assertThat(beyond.body()).isEmpty();
    CatalogClient.Response garbage =
        raw(node, "GET", files + "/ten.txt", null, Map.of("Range", "bytes=abc"));
    assertThat(garbage.status()).isEqualTo(200);
    assertThat(garbage.body()).isEqualTo("0123456789");

    // Settings are typed JSON.
    JsonNode settings = admin(3).json("/api/admin/settings");
    assertThat(settings.path("metadata.versioning").isBoolean()).as(settings.toString()).isTrue();
  }
}
