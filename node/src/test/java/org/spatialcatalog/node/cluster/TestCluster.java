package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.Server;
import org.spatialcatalog.messaging.CatalogBroker;
import org.spatialcatalog.node.cli.LocalCluster;
import org.spatialcatalog.node.cli.NodeProcess;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.client.FreePorts;
import tools.jackson.databind.JsonNode;

/**
 * A real cluster for multi-node tests: an ActiveMQ broker and (for H2) a database server in the
 * test JVM, and catalog nodes as separate JVMs running the built jar, on free local ports.
 */
public final class TestCluster implements AutoCloseable {

  public static final String PASSWORD = "test-admin";

  private final Path dir;
  private final int brokerPort;
  private final Server h2;
  private final String dbUrl;
  private final String dbUser;
  private final String dbPassword;
  private CatalogBroker broker;
  private LocalCluster cluster;
  private BlackHoleProxy proxy;
  private final String externalBrokerUrl;
  private List<String> extraJvm = List.of();

  private TestCluster(Path dir, Server h2, String dbUrl, String dbUser, String dbPassword)
      throws Exception {
    this(dir, h2, dbUrl, dbUser, dbPassword, null);
  }

  private TestCluster(
      Path dir, Server h2, String dbUrl, String dbUser, String dbPassword, String externalBrokerUrl)
      throws Exception {
    this.dir = dir;
    this.h2 = h2;
    this.dbUrl = dbUrl;
    this.dbUser = dbUser;
    this.dbPassword = dbPassword;
    this.brokerPort = freePort();
    this.externalBrokerUrl = externalBrokerUrl;
    if (externalBrokerUrl == null) {
      startBroker();
    }
  }

  /** A cluster on an H2 server. */
  public static TestCluster onH2(Path dir, int nodes, String... extraArgs) throws Exception {
    int port = freePort();
    Server h2 =
        Server.createTcpServer(
                "-tcpPort",
                String.valueOf(port),
                "-baseDir",
                dir.resolve("db").toString(),
                "-ifNotExists")
            .start();
    TestCluster c =
        new TestCluster(dir, h2, "jdbc:h2:tcp://localhost:" + port + "/catalog", "sa", "");
    c.startNodes(nodes, extraArgs);
    return c;
  }

  /**
   * A cluster on an H2 server whose nodes use {@code brokerUrl}, brokers the caller runs (no broker
   * in this JVM).
   */
  public static TestCluster onH2WithBrokers(
      Path dir, int nodes, String brokerUrl, String... extraArgs) throws Exception {
    int port = freePort();
    Server h2 = h2Server(dir, port);
    TestCluster c =
        new TestCluster(
            dir, h2, "jdbc:h2:tcp://localhost:" + port + "/catalog", "sa", "", brokerUrl);
    c.startNodes(nodes, extraArgs);
    return c;
  }

  /**
   * A cluster on an H2 server that the nodes (and {@link #jdbc()}) reach through whatever {@code
   * databaseFront} puts in front of it: given the server's port, it returns the port to connect to
   * (a fault-injecting proxy).
   */
  public static TestCluster onH2(
      Path dir, int nodes, java.util.function.IntUnaryOperator databaseFront, String... extraArgs)
      throws Exception {
    int port = freePort();
    Server h2 = h2Server(dir, port);
    TestCluster c =
        new TestCluster(
            dir,
            h2,
            "jdbc:h2:tcp://localhost:" + databaseFront.applyAsInt(port) + "/catalog",
            "sa",
            "");
    c.startNodes(nodes, extraArgs);
    return c;
  }

  private static Server h2Server(Path dir, int port) throws java.sql.SQLException {
    return Server.createTcpServer(
            "-tcpPort",
            String.valueOf(port),
            "-baseDir",
            dir.resolve("db").toString(),
            "-ifNotExists")
        .start();
  }

  /**
   * A cluster on an H2 server whose nodes reach the broker only through a {@link BlackHoleProxy}
   * ({@link #brokerProxy()}).
   */
  public static TestCluster onH2BehindProxy(Path dir, int nodes, String... extraArgs)
      throws Exception {
    return onH2BehindProxy(dir, nodes, List.of(), extraArgs);
  }

  /**
   * As {@link #onH2BehindProxy(Path, int, String...)}, with {@code jvmArgs} added to every node's
   * JVM (for example a debug agent, see {@link NodeThreads}).
   */
  public static TestCluster onH2BehindProxy(
      Path dir, int nodes, List<String> jvmArgs, String... extraArgs) throws Exception {
    int port = freePort();
    Server h2 =
        Server.createTcpServer(
                "-tcpPort",
                String.valueOf(port),
                "-baseDir",
                dir.resolve("db").toString(),
                "-ifNotExists")
            .start();
    TestCluster c =
        new TestCluster(dir, h2, "jdbc:h2:tcp://localhost:" + port + "/catalog", "sa", "");
    c.proxy = new BlackHoleProxy(freePort(), c.brokerPort);
    c.extraJvm = List.copyOf(jvmArgs);
    c.startNodes(nodes, extraArgs);
    return c;
  }

  /** The proxy between the nodes and the broker; null unless made by {@link #onH2BehindProxy}. */
  BlackHoleProxy brokerProxy() {
    return proxy;
  }

  /** A cluster on an existing database (PostgreSQL); {@code extraArgs} go to every node. */
  public static TestCluster onDatabase(
      Path dir, int nodes, String url, String user, String password, String... extraArgs)
      throws Exception {
    TestCluster c = new TestCluster(dir, null, url, user, password);
    c.startNodes(nodes, extraArgs);
    return c;
  }

  private void startNodes(int nodes, String... extraArgs) throws Exception {
    List<String> jvm =
        new ArrayList<>(
            List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"));
    // The build's coverage agent, writing one file per cluster (target/jacoco-it-nodes/), never the
    // shared jacoco-it.exec: a node stopped while it writes its coverage at exit leaves a cut-off
    // block, and the next process appending after it made the whole file unreadable, failing the
    // report of a build whose tests all passed.
    String agent = System.getProperty("catalog.test.node-agent", "");
    if (agent.startsWith("-javaagent:")) {
      Path own =
          Path.of("target", "jacoco-it-nodes", "cluster-" + java.util.UUID.randomUUID() + ".exec")
              .toAbsolutePath();
      jvm.add(agent.replaceFirst("destfile=[^,]*", "destfile=" + own));
    }
    jvm.addAll(extraJvm);
    List<String> extra = new ArrayList<>(List.of(extraArgs));
    // A write answers 503 "stored but not yet searchable" when the node's index takes longer than
    // the visibility wait (2 s by default). The first writes to cold nodes on a loaded machine do;
    // only ReadYourWritesClusterIT is about that answer, and it sets its own wait.
    if (extra.stream().noneMatch(a -> a.startsWith("--catalog.sync.write-visibility-wait="))) {
      extra.add("--catalog.sync.write-visibility-wait=15s");
    }
    // A private copy: a rebuild of target/catalog.jar during the test must not affect restarts.
    Path jar =
        java.nio.file.Files.copy(
            Path.of(System.getProperty("catalog.jar", "target/catalog.jar")),
            dir.resolve("catalog.jar"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    LocalCluster.Options options =
        new LocalCluster.Options(
            dir,
            jar,
            nodes,
            LocalCluster.ANY_FREE_PORTS,
            dbUrl,
            dbUser,
            dbPassword,
            brokerUrl(),
            PASSWORD,
            jvm,
            extra);
    try {
      cluster = LocalCluster.start(options, Duration.ofMinutes(5));
    } catch (java.io.IOException | RuntimeException e) {
      keepLogs(); // the failure names the temp directory, which is gone by the time anyone looks
      throw e;
    }
  }

  public String brokerUrl() {
    if (externalBrokerUrl != null) {
      return externalBrokerUrl;
    }
    return "failover:(tcp://127.0.0.1:"
        + (proxy != null ? proxy.port() : brokerPort)
        + ")?timeout=3000&initialReconnectDelay=100&maxReconnectDelay=2000";
  }

  public void startBroker() throws Exception {
    broker =
        CatalogBroker.start(
            dir.resolve("broker"), "tcp://127.0.0.1:" + brokerPort, Duration.ofDays(1));
  }

  public void stopBroker() throws Exception {
    broker.close();
  }

  public CatalogClient client(int node) {
    return cluster.client(node);
  }

  /**
   * Waits until every node's index equals the database: {@code /api/admin/index/verify} reports no
   * missing, stale or extra record (0/0/0) on each node, checked node by node within two minutes
   * each. Fails naming the node and its last report.
   */
  public void awaitEveryIndexEqualsTheDatabase() {
    awaitEveryIndex(false);
  }

  /**
   * As {@link #awaitEveryIndexEqualsTheDatabase()}, and each node's searchable checkpoint has
   * reached the change-log head ({@code checkpoint} = {@code dbChangeLogHead} of {@code
   * /api/node}): nothing committed is still on its way to that node's index.
   */
  public void awaitEveryIndexAtTheHead() {
    awaitEveryIndex(true);
  }

  private void awaitEveryIndex(boolean atTheHead) {
    for (int n = 1; n <= size(); n++) {
      CatalogClient client = client(n);
      int node = n;
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                JsonNode report = client.json("/api/admin/index/verify");
                assertThat(
                        List.of(
                            report.path("missing").asInt(),
                            report.path("stale").asInt(),
                            report.path("extra").asInt()))
                    .as("missing/stale/extra on node %d: %s", node, report)
                    .containsExactly(0, 0, 0);
                if (atTheHead) {
                  JsonNode status = client.json("/api/node");
                  assertThat(status.path("checkpoint").asLong())
                      .as("checkpoint of node %d: %s", node, status)
                      .isEqualTo(status.path("dbChangeLogHead").asLong());
                }
              });
    }
  }

  public NodeProcess node(int number) {
    return cluster.node(number);
  }

  public int size() {
    return cluster.nodes().size();
  }

  public void restart(int node) throws IOException, InterruptedException {
    cluster.restart(node, Duration.ofMinutes(3));
  }

  public Connection jdbc() throws SQLException {
    return DriverManager.getConnection(dbUrl, dbUser, dbPassword);
  }

  /**
   * Starts one more node process of this cluster (same jar, database, broker and shared directory)
   * with exactly the given extra arguments (no admin password unless given); its output goes to
   * {@code log}. The caller stops it.
   */
  public Process startExtraNode(Path nodeDir, int port, Path log, List<String> args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                dir.resolve("catalog.jar").toAbsolutePath().toString(),
                "node",
                "--node-dir=" + nodeDir.toAbsolutePath(),
                "--port=" + port,
                "--db-url=" + dbUrl,
                "--broker-url=" + brokerUrl(),
                "--shared-dir=" + sharedDir().toAbsolutePath()));
    if (dbUser != null) {
      command.add("--db-user=" + dbUser);
    }
    if (dbPassword != null) {
      command.add("--db-password=" + dbPassword);
    }
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** The data directory every node gets as {@code --shared-dir}. */
  public Path sharedDir() {
    return dir.resolve("shared");
  }

  /** The broker's plain TCP URL, for test clients in this JVM. */
  public String brokerTcpUrl() {
    return "tcp://127.0.0.1:" + brokerPort;
  }

  /** Starts the broker again with an empty store, as after losing its disk. */
  public void startBrokerWithEmptyStore() throws Exception {
    org.springframework.util.FileSystemUtils.deleteRecursively(dir.resolve("broker"));
    startBroker();
  }

  /** Restarts every node at once (each one stopped or killed before) and waits until ready. */
  public void restartAll() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int n = 1; n <= size(); n++) {
      int node = n;
      Thread t =
          new Thread(
              () -> {
                try {
                  restart(node);
                } catch (Exception e) {
                  failures.add(e);
                }
              },
              "restart-node-" + n);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  @Override
  public void close() throws Exception {
    if (cluster != null) {
      cluster.close();
      keepLogs();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (h2 != null) {
      h2.stop();
    }
  }

  /** Copies the node logs to target/cluster-logs, since the temp directory is deleted. */
  private void keepLogs() throws IOException {
    Path logs = dir.resolve("logs");
    if (!java.nio.file.Files.isDirectory(logs)) {
      return;
    }
    Path target = Path.of("target", "cluster-logs", dir.getFileName().toString());
    java.nio.file.Files.createDirectories(target);
    try (var files = java.nio.file.Files.list(logs)) {
      for (Path log : files.toList()) {
        java.nio.file.Files.copy(
            log,
            target.resolve(log.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** A port for a server that listens later: see {@link FreePorts}. */
  public static int freePort() throws IOException {
    return FreePorts.pick();
  }
}
