package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.CatalogClient;

/**
 * End to end through a real HAProxy (the shipped {@code cluster-config/haproxy/haproxy.cfg}) in
 * front of three node processes: sticky sessions, an edit survives the SIGKILL of the node that
 * served it, and the lock stays with the user across the failover; login throttling counts the
 * address HAProxy appends to {@code X-Forwarded-For}. Fails when no {@code haproxy} binary can be
 * found ({@code .ci/run} installs the Debian package).
 */
class HaproxyClusterIT {

  static final String PW = "password-123";

  @TempDir static Path dir;
  static TestCluster cluster;
  static Process haproxy;
  static String lb;
  static int lbPort;
  static int statsPort;
  static final Map<String, Integer> nodeNumbers = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    Path binary = haproxyBinary();
    Path config = Path.of("..", "cluster-config", "haproxy", "haproxy.cfg").toAbsolutePath();
    assertThat(config).as("the shipped HAProxy configuration").exists();
    // HAProxy reaches the nodes from 127.0.0.1: its X-Forwarded-For is believed, nobody else's.
    cluster = TestCluster.onH2(dir, 3, "--catalog.security.trusted-proxies=127.0.0.1");
    for (int n = 1; n <= 3; n++) {
      nodeNumbers.put(cluster.client(n).json("/api/node").path("nodeId").asString(), n);
    }
    int port = TestCluster.freePort();
    lbPort = port;
    lb = "http://127.0.0.1:" + port;
    ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString());
    pb.environment().put("CATALOG_LB_BIND", "127.0.0.1:" + port);
    statsPort = TestCluster.freePort();
    pb.environment().put("CATALOG_LB_STATS_PORT", String.valueOf(statsPort));
    for (int n = 1; n <= 3; n++) {
      pb.environment().put("CATALOG_NODE" + n, "127.0.0.1:" + cluster.node(n).port());
    }
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile());
    haproxy = pb.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> ApiCaller.guest(lb).get("/actuator/health").status() == 200);
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
    return fail(
        "haproxy not found: install the Debian package (apt-get install haproxy);"
            + " .ci/run does this");
  }

  @Test
  void shippedConfigurationIsValidForTwoNodesAndChecksReadiness() throws Exception {
    Path config = Path.of("..", "cluster-config", "haproxy", "haproxy.cfg").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(haproxyBinary().toString(), "-c", "-f", config.toString());
    pb.environment().put("CATALOG_LB_BIND", "127.0.0.1:1");
    pb.environment().put("CATALOG_NODE1", "127.0.0.1:2");
    pb.environment().put("CATALOG_NODE2", "127.0.0.1:3");
    pb.redirectErrorStream(true);
    Process check = pb.start();
    String output = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor()).as(output).isZero();
    assertThat(Files.readString(config)).contains("option httpchk GET /actuator/health/readiness");
  }

  @Test
  void statisticsPageAnswersOnLocalhost() throws Exception {
    CatalogClient.Response stats = ApiCaller.guest("http://127.0.0.1:" + statsPort).get("/stats");
    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.body()).contains("catalog_nodes");
  }

  /**
   * Clients on 127.0.0.2 and 127.0.0.3 (both loopback on Linux) reach HAProxy, which appends the
   * address it saw ({@code option forwardfor}); the nodes trust only HAProxy. A stranger's wrong
   * passwords, each with a made-up {@code X-Forwarded-For}, lock out the stranger's own address
   * (the entry HAProxy appended counts, not the client's) and never the real user at another
   * address.
   */
  @Test
  void failuresThroughTheBalancerLockOutTheStrangersAddressOnlyWhateverItClaims() throws Exception {
    ApiCaller admin = ApiCaller.basic(lb, "admin", TestCluster.PASSWORD);
    long group =
        admin.postJson("/api/groups", "{\"name\":\"lb-throttle\"}").json().path("id").asLong();
    CatalogClient.Response created =
        admin.postJson(
            "/api/users",
            "{\"username\":\"carol\",\"password\":\""
                + PW
                + "\",\"profile\":\"RegisteredUser\",\"groups\":["
                + group
                + "]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(basicFrom("127.0.0.3", "carol", PW, null)).isEqualTo(200);

    for (int i = 1; i <= 5; i++) {
      assertThat(basicFrom("127.0.0.2", "carol", "wrong-" + i, "198.51.100." + i))
          .as("wrong password %d", i)
          .isEqualTo(401);
    }
    assertThat(basicFrom("127.0.0.2", "carol", PW, "198.51.100.77"))
        .as("the stranger's address is locked out, whatever X-Forwarded-For it sends")
        .isEqualTo(429);
    assertThat(basicFrom("127.0.0.3", "carol", PW, null))
        .as("the real user at another address is not")
        .isEqualTo(200);
    assertThat(basicFrom("127.0.0.3", "carol", PW, "127.0.0.2"))
        .as("naming the locked address does not lock anyone else out")
        .isEqualTo(200);
  }

  /**
   * GET /api/me with HTTP Basic through the balancer from a chosen local address; the status code.
   */
  static int basicFrom(String localAddress, String user, String password, String forwardedFor)
      throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", lbPort), 5000);
      socket.setSoTimeout(60_000);
      String credentials =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      String request =
          "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
              + credentials
              + "\r\n"
              + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
              + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String status = in.readLine();
      assertThat(status).as("status line").startsWith("HTTP/1.1 ");
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  @Test
  void sessionStaysOnOneNodeAndTheEditAndLockSurviveTheDeathOfThatNode() throws Exception {
    ApiCaller admin = ApiCaller.basic(lb, "admin", TestCluster.PASSWORD);
    long group =
        admin.postJson("/api/groups", "{\"name\":\"lb-editors\"}").json().path("id").asLong();
    assertThat(
            admin
                .postJson(
                    "/api/users",
                    "{\"username\":\"alice\",\"password\":\""
                        + PW
                        + "\",\"profile\":\"Editor\",\"groups\":["
                        + group
                        + "]}")
                .status())
        .isEqualTo(201);
    String uuid = UUID.randomUUID().toString();
    String id =
        admin
            .postXml("/api/records", RecordSyncClusterIT.iso(uuid, "Original title", "lb"))
            .json()
            .path("id")
            .asString();
    assertThat(
            admin
                .putJson(
                    "/api/records/" + id + "/privileges",
                    "{\"group\":" + group + ",\"operations\":{\"all\":[\"view\"]}}")
                .status())
        .isEqualTo(200);

    ApiCaller alice = ApiCaller.browser(lb);
    CatalogClient.Response login = alice.login("alice", PW);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    String home = login.json().path("node").asString();
    for (int i = 0; i < 10; i++) {
      var me = alice.json("/api/me");
      assertThat(me.path("node").asString()).as("request %d of the session", i).isEqualTo(home);
      assertThat(me.path("username").asString()).isEqualTo("alice");
    }

    CatalogClient.Response lock = alice.post("/api/records/" + id + "/lock");
    assertThat(lock.status()).as(lock.body()).isEqualTo(200);
    assertThat(lock.json().path("node").asString()).isEqualTo(home);
    CatalogClient.Response first =
        alice.putXml("/api/records/" + id, RecordSyncClusterIT.iso(uuid, "First edit", "lb"));
    assertThat(first.status()).as(first.body()).isEqualTo(200);

    cluster.node(nodeNumbers.get(home)).kill();

    // The session died with its node: the balancer sends the user elsewhere, as a guest.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              var me = alice.json("/api/me");
              assertThat(me.path("node").asString()).isNotEqualTo(home);
              assertThat(me.path("profile").asString()).isEqualTo("guest");
            });
    CatalogClient.Response relogin = alice.login("alice", PW);
    assertThat(relogin.status()).as(relogin.body()).isEqualTo(200);
    String second = relogin.json().path("node").asString();
    assertThat(second).isNotEqualTo(home);

    // The lock is still alice's; she resumes it on the new node and saves and closes.
    assertThat(admin.json("/api/admin/locks").toString())
        .contains(id)
        .contains("\"holder\":\"alice\"");
    CatalogClient.Response resumed = alice.post("/api/records/" + id + "/lock");
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    assertThat(resumed.json().path("node").asString()).isEqualTo(second);
    assertThat(ApiCaller.parse(resumed.body()).path("acquired").asString())
        .isEqualTo(lock.json().path("acquired").asString());
    var before = alice.json("/api/records/" + id);
    assertThat(before.path("title").asString()).isEqualTo("First edit");
    CatalogClient.Response saved =
        alice.putXml(
            "/api/records/" + id + "?close=true",
            RecordSyncClusterIT.iso(uuid, "Second edit", "lb"));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().path("version").asLong())
        .isEqualTo(before.path("version").asLong() + 1);
    assertThat(admin.json("/api/admin/locks").toString()).doesNotContain(id);
    assertThat(alice.json("/api/me").path("node").asString()).isEqualTo(second);
  }
}
