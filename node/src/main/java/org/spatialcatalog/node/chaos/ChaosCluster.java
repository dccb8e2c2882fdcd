package org.spatialcatalog.node.chaos;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.spatialcatalog.node.client.CatalogClient;

/**
 * The cluster under test: the database (in this process), the broker and N nodes as separate JVMs
 * of the catalog jar. Every node reaches the broker and the database through its own two {@link
 * FaultProxy}s. Node logs and the broker's log are in {@code data/logs}.
 */
final class ChaosCluster implements AutoCloseable {

  /**
   * How long a node may take to become healthy after a start. Generous: on a 2-core machine shared
   * with other builds a node was seen to take over 3 minutes, and a run that gives up on a slow
   * start reports a failed fault schedule rather than a catalog defect.
   */
  static final Duration NODE_START = Duration.ofMinutes(10);

  static final String ADMIN_PASSWORD = "chaos-admin";
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final Path data;
  private final ChaosDatabase database;
  private final int brokerPort;
  private final ChildProcess broker;
  private final List<ChildProcess> nodes = new ArrayList<>();
  private final List<Integer> httpPorts = new ArrayList<>();
  private final List<CatalogClient> clients = new ArrayList<>();
  private final List<FaultProxy> brokerProxies = new ArrayList<>();
  private final List<FaultProxy> databaseProxies = new ArrayList<>();
  private boolean closed;

  private ChaosCluster(Path data, ChaosDatabase database, int brokerPort, ChildProcess broker) {
    this.data = data;
    this.database = database;
    this.brokerPort = brokerPort;
    this.broker = broker;
  }

  /** Starts everything and waits until every node answers its health check. */
  static ChaosCluster start(
      Path data, ChaosDatabase.Kind kind, int nodeCount, List<String> nodeSettings)
      throws Exception {
    Path logs = Files.createDirectories(data.resolve("logs"));
    String java = ProcessHandle.current().info().command().orElse("java");
    String jar = jar().toString();
    ChaosDatabase database = ChaosDatabase.start(kind, data.resolve("db"));
    int brokerPort = ChaosDatabase.freePort();
    ChildProcess broker =
        new ChildProcess(
            "broker",
            logs.resolve("broker.log"),
            List.of(
                java,
                "-Xmx256m",
                "-jar",
                jar,
                "broker",
                "--data=" + data.resolve("broker"),
                "--port=" + brokerPort));
    ChaosCluster cluster = new ChaosCluster(data, database, brokerPort, broker);
    try {
      cluster.startBroker();
      for (int i = 1; i <= nodeCount; i++) {
        FaultProxy toBroker = new FaultProxy("node" + i + "-broker", brokerPort);
        FaultProxy toDatabase = new FaultProxy("node" + i + "-db", database.port());
        cluster.brokerProxies.add(toBroker);
        cluster.databaseProxies.add(toDatabase);
        int port = ChaosDatabase.freePort();
        cluster.httpPorts.add(port);
        cluster.clients.add(new CatalogClient("http://127.0.0.1:" + port, ADMIN_PASSWORD));
        List<String> command =
            new ArrayList<>(
                List.of(
                    java,
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar,
                    "node",
                    "--node-dir=" + data.resolve("node-" + i).toAbsolutePath(),
                    "--port=" + port,
                    "--db-url=" + database.jdbcUrl(toDatabase.port()),
                    "--db-user=" + database.user(),
                    "--db-password=" + database.password(),
                    "--broker-url=failover:(tcp://127.0.0.1:"
                        + toBroker.port()
                        + ")?timeout=3000&maxReconnectDelay=2000",
                    "--shared-dir=" + data.resolve("shared").toAbsolutePath(),
                    "--admin-password=" + ADMIN_PASSWORD));
        command.addAll(nodeSettings);
        cluster.nodes.add(
            new ChildProcess("node " + i, logs.resolve("node-" + i + ".log"), command));
      }
      cluster.startAllNodes(NODE_START);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static Path jar() {
    String explicit = System.getProperty("catalog.jar");
    if (explicit != null) {
      return Path.of(explicit).toAbsolutePath();
    }
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
      return Path.of(classPath).toAbsolutePath();
    }
    return Path.of("node", "target", "catalog.jar").toAbsolutePath();
  }

  int size() {
    return nodes.size();
  }

  Path logs() {
    return data.resolve("logs").toAbsolutePath();
  }

  ChaosDatabase database() {
    return database;
  }

  ChildProcess node(int number) {
    return nodes.get(number - 1);
  }

  ChildProcess broker() {
    return broker;
  }

  FaultProxy brokerProxy(int number) {
    return brokerProxies.get(number - 1);
  }

  FaultProxy databaseProxy(int number) {
    return databaseProxies.get(number - 1);
  }

  List<FaultProxy> proxies() {
    List<FaultProxy> all = new ArrayList<>(brokerProxies);
    all.addAll(databaseProxies);
    return all;
  }

  CatalogClient client(int number) {
    return clients.get(number - 1);
  }

  String baseUrl(int number) {
    return "http://127.0.0.1:" + httpPorts.get(number - 1);
  }

  void startBroker() throws IOException, InterruptedException {
    broker.start();
    // As generous as a node's start: at a load of 37 on 2 cores (seed 402) the broker took over
    // 2 minutes to listen, and the run stopped at set-up.
    long deadline = System.nanoTime() + NODE_START.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), brokerPort)) {
        return;
      } catch (IOException notYet) {
        if (!broker.isAlive()) {
          throw new IOException("the broker exited during start; see " + broker.logFile(), notYet);
        }
        Thread.sleep(200);
      }
    }
    throw new IOException(
        "the broker did not listen within "
            + NODE_START.toMinutes()
            + " minutes; see "
            + broker.logFile());
  }

  void stopBroker() throws InterruptedException {
    broker.stop(GRACE);
  }

  void stopNode(int number) throws InterruptedException {
    node(number).stop(GRACE);
  }

  void startAllNodes(Duration timeout) throws IOException, InterruptedException {
    for (ChildProcess node : nodes) {
      node.start();
    }
    for (int i = 1; i <= nodes.size(); i++) {
      awaitHealthy(i, timeout);
    }
  }

  /** Stops every node at once (in parallel: each takes seconds to end gracefully). */
  void stopAllNodes() throws InterruptedException {
    List<Thread> stopping = new ArrayList<>();
    for (ChildProcess node : nodes) {
      Thread t =
          new Thread(
              () -> {
                try {
                  node.stop(GRACE);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "chaos-stop-" + node.name().replace(' ', '-'));
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      t.join();
    }
  }

  /** Waits until node {@code number} answers {@code /actuator/health} with 200. */
  void awaitHealthy(int number, Duration timeout) throws IOException, InterruptedException {
    ChildProcess node = node(number);
    CatalogClient client = client(number);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!node.isAlive()) {
        throw new IOException(node.name() + " is not running; see " + node.logFile());
      }
      try {
        if (client.getPublic("/actuator/health").status() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    throw new IOException(
        node.name() + " not healthy after " + timeout + "; see " + node.logFile());
  }

  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    for (ChildProcess node : nodes) {
      node.resume();
    }
    for (FaultProxy proxy : proxies()) {
      proxy.mode(FaultProxy.Mode.PASS);
    }
    stopAllNodes();
    broker.stop(GRACE);
    for (FaultProxy proxy : proxies()) {
      proxy.close();
    }
    database.close();
  }
}
