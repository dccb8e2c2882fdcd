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
import org.spatialcatalog.node.cli.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * Users, privileges, sessions and edit locks on three nodes: the authorization matrix, privilege
 * changes seen by every node's search, the lock race across nodes, CSRF and brute-force
 * protection.
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
    cluster = TestCluster.onH2(dir, 3, "--catalog.lock.idle-timeout=8s");
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
    CatalogClient.Response r = admin(1).postJson("/api/users", "{\"username\":\"" + name
        + "\",\"password\":\"" + PW + "\",\"profile\":\"" + profile + "\",\"groups\":[" + group
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
    return user == null ? ApiCaller.guest(url(node))
        : "admin".equals(user) ? admin(node) : ApiCaller.basic(url(node), user, PW);
  }

  static String iso(String uuid, String title, String keyword) {
    return RecordSyncClusterIT.iso(uuid, title, keyword);
  }

  /** A record created by {@code edA} (group A), then restricted to group A. */
  static String restrictedRecord(String keyword) throws Exception {
    ApiCaller edA = as("edA", 1);
    CatalogClient.Response created = edA.postXml("/api/records",
        iso(UUID.randomUUID().toString(), "Restricted " + keyword, keyword));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();
    CatalogClient.Response changed = edA.putJson("/api/records/" + id + "/privileges",
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
    String id = edA.postXml("/api/records",
        iso(UUID.randomUUID().toString(), "Soon private " + keyword, keyword)).json().path("id")
        .asString();
    for (int n = 2; n <= 3; n++) {
      ApiCaller guest = ApiCaller.guest(url(n));
      await().atMost(CROSS_NODE).ignoreExceptions()
          .untilAsserted(() -> assertThat(total(guest, keyword)).isEqualTo(1));
    }

    CatalogClient.Response changed = edA.putJson("/api/records/" + id + "/privileges",
        "{\"operations\":{\"" + groupA + "\":[\"view\"]}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);

    for (int n = 2; n <= 3; n++) {
      ApiCaller guest = ApiCaller.guest(url(n));
      await().atMost(CROSS_NODE).ignoreExceptions()
          .untilAsserted(() -> assertThat(total(guest, keyword)).isZero());
      assertThat(facetCount(guest, keyword)).isZero();
      assertThat(total(as("edB", n), keyword)).isZero();
      assertThat(total(as("reg", n), keyword)).isEqualTo(1);
      assertThat(facetCount(as("reg", n), keyword)).isEqualTo(1);
      assertThat(total(admin(n), keyword)).isEqualTo(1);
      assertThat(guest.get("/api/records/" + id).status()).isEqualTo(404);
    }

    // And back: opening it to everyone shows it to guests everywhere again.
    assertThat(edA.putJson("/api/records/" + id + "/privileges",
        "{\"operations\":{\"all\":[\"view\"]}}").status()).isEqualTo(200);
    for (int n = 2; n <= 3; n++) {
      ApiCaller guest = ApiCaller.guest(url(n));
      await().atMost(CROSS_NODE).ignoreExceptions()
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
          failures.add(e.getKey() + " as " + profile + ": expected " + e.getValue()[p] + ", got "
              + r.status() + " " + r.body());
        }
        if (r.status() >= 400) {
          assertThat(r.headers().firstValue("Content-Type").orElse(""))
              .as(e.getKey() + " as " + profile).contains("application/problem+json");
        }
        if (e.getValue()[p] == 404 || e.getValue()[p] == 401 || e.getValue()[p] == 403) {
          assertThat(r.body()).as("no leak of the title through " + e.getKey())
              .doesNotContain(keyword);
        }
      }
    }
    assertThat(failures).isEmpty();

    // Search, counts and facets on every node agree with the reads above.
    for (int n = 1; n <= 3; n++) {
      int nn = n;
      await().atMost(CROSS_NODE).ignoreExceptions().untilAsserted(() -> {
        assertThat(total(as("reg", nn), keyword)).isEqualTo(1);
        assertThat(total(as(null, nn), keyword)).isZero();
        assertThat(total(as("edB", nn), keyword)).isZero();
        assertThat(facetCount(as(null, nn), keyword)).isZero();
        assertThat(facetCount(as("edB", nn), keyword)).isZero();
        assertThat(facetCount(as("edA", nn), keyword)).isEqualTo(1);
        assertThat(as(null, nn).get("/api/search?q=" + uuid).body()).doesNotContain(id);
      });
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
      case "DELETE" -> caller.delete(path);
      case "POST" -> switch (path) {
        case "/api/records" -> caller.postXml(path, iso(UUID.randomUUID().toString(),
            "Matrix " + unique, unique));
        case "/api/groups" -> caller.postJson(path, "{\"name\":\"" + unique + "\"}");
        case "/api/users" -> caller.postJson(path, "{\"username\":\"" + unique
            + "\",\"password\":\"" + PW + "\",\"profile\":\"RegisteredUser\"}");
        default -> caller.post(path);
      };
      case "PUT" -> path.endsWith("/privileges")
          ? caller.putJson(path, "{\"operations\":{\"" + groupA + "\":[\"view\",\"editing\"]}}")
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
    assertThat(unlocked.json().path("detail").asString()).contains("POST /api/records/" + id
        + "/lock");

    // Force unlock by an administrator frees the record for another editor at once.
    assertThat(as("edA", 1).post(lock).status()).isEqualTo(200);
    assertThat(as("edA2", 2).post(lock).status()).isEqualTo(409);
    JsonNode locks = admin(3).json("/api/admin/locks");
    assertThat(locks.toString()).contains(id).contains("edA");
    assertThat(as("edA2", 2).delete(lock + "?force=true").status()).isEqualTo(403);
    assertThat(admin(2).delete(lock + "?force=true").status()).isEqualTo(204);
    assertThat(as("edA2", 3).post(lock).status()).isEqualTo(200);

    // Expiry: unrenewed, the lock lapses after the idle timeout (8 s here) and can be taken.
    CatalogClient.Response early = as("edA", 1).post(lock);
    assertThat(early.status()).isEqualTo(409);
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
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
    assertThat(login.headers().allValues("Set-Cookie").toString()).contains("JSESSIONID")
        .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
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
          .isEqualTo(ApiCaller.parse(other.body()).path("detail").asString()
              .replaceAll("\\d+", "N"));
      // HTTP Basic is throttled by the same count.
      assertThat(ApiCaller.basic(url(node), "victim", PW).get("/api/me").status())
          .isEqualTo(429);
    }
  }

  @Test
  void badUserAndPrivilegeInputIsRejectedWithProblemsNamingTheField() throws Exception {
    ApiCaller admin = admin(1);
    CatalogClient.Response badProfile = admin.postJson("/api/users",
        "{\"username\":\"x1\",\"password\":\"" + PW + "\",\"profile\":\"Boss\"}");
    assertThat(badProfile.status()).isEqualTo(400);
    assertThat(badProfile.json().path("detail").asString()).contains("profile");
    CatalogClient.Response shortPw = admin.postJson("/api/users",
        "{\"username\":\"x2\",\"password\":\"short\",\"profile\":\"Editor\"}");
    assertThat(shortPw.status()).isEqualTo(400);
    assertThat(shortPw.json().path("detail").asString()).contains("password");
    CatalogClient.Response taken = admin.postJson("/api/users",
        "{\"username\":\"edA\",\"password\":\"" + PW + "\",\"profile\":\"Editor\"}");
    assertThat(taken.status()).isEqualTo(409);
    CatalogClient.Response badGroup = admin.postJson("/api/users",
        "{\"username\":\"x3\",\"password\":\"" + PW + "\",\"profile\":\"Editor\",\"groups\":[999999]}");
    assertThat(badGroup.status()).isEqualTo(400);
    assertThat(badGroup.json().path("detail").asString()).contains("groups");

    String id = restrictedRecord("input" + UUID.randomUUID().toString().substring(0, 6));
    CatalogClient.Response badOp = admin.putJson("/api/records/" + id + "/privileges",
        "{\"operations\":{\"all\":[\"fly\"]}}");
    assertThat(badOp.status()).isEqualTo(400);
    assertThat(badOp.json().path("detail").asString()).contains("fly");
    CatalogClient.Response badKey = admin.putJson("/api/records/" + id + "/privileges",
        "{\"operations\":{\"everyone\":[\"view\"]}}");
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.json().path("detail").asString()).contains("everyone");
  }
}
