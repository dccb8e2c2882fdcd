package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.client.FreePorts;

/**
 * Catalog nodes started as separate JVMs on this machine, against a given database and broker. Used
 * by {@code ./catalog demo}, the benchmark and the multi-node tests.
 */
public final class LocalCluster implements AutoCloseable {

  /**
   * JVM options for several nodes that share one machine's cores ({@code ./catalog demo}, {@code
   * ./catalog bench}): the client compiler only. With three nodes, the database and the broker on
   * two cores, each node's server compiler (C2) kept compiling for as long as writes lasted, about
   * 0.13-0.15 of the machine per node even after a warm-up; with the client compiler alone every
   * write and visibility figure of bench sync was better, the harvest about the same, a rebuild
   * slower (docs/benchmarks.md, 2026-12-02). A node on a machine of its own keeps the JVM's
   * default.
   */
  public static final List<String> SHARED_CORES_JVM_ARGS = List.of("-XX:TieredStopAtLevel=1");

  /**
   * As {@link Options#basePort()}: each node gets a port that is free when it is chosen ({@link
   * FreePorts#pick()}), and a node whose port was taken before it could listen is moved to another
   * one and started again. For tests and benchmarks; {@code ./catalog demo} keeps the ports it
   * prints.
   */
  public static final int ANY_FREE_PORTS = 0;

  /** How often a node is moved to another port before its start counts as failed. */
  private static final int PORT_MOVES = 5;

  /**
   * @param dataDir each node gets {@code dataDir/node-<i>}; logs go to {@code dataDir/logs}
   * @param jar the catalog jar to run
   * @param basePort node i listens on {@code basePort + i}, or on any free port: {@link
   *     #ANY_FREE_PORTS}
   * @param brokerUrl null to run the nodes without clustering
   * @param extraArgs more {@code --key=value} arguments for every node
   * @param host the address the nodes are reached at: {@code localhost}, or the address they are
   *     bound to when that is not a loopback or wildcard one
   */
  public record Options(
      Path dataDir,
      Path jar,
      int nodes,
      int basePort,
      String dbUrl,
      String dbUser,
      String dbPassword,
      String brokerUrl,
      String adminPassword,
      List<String> jvmArgs,
      List<String> extraArgs,
      String host) {

    /** Nodes reached at {@code localhost}. */
    public Options(
        Path dataDir,
        Path jar,
        int nodes,
        int basePort,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String brokerUrl,
        String adminPassword,
        List<String> jvmArgs,
        List<String> extraArgs) {
      this(
          dataDir,
          jar,
          nodes,
          basePort,
          dbUrl,
          dbUser,
          dbPassword,
          brokerUrl,
          adminPassword,
          jvmArgs,
          extraArgs,
          "localhost");
    }
  }

  /** Where the ports of {@link #ANY_FREE_PORTS} come from. */
  @FunctionalInterface
  interface PortSource {
    int next() throws IOException;
  }

  private final Options options;
  private final PortSource freePorts;
  private final List<NodeProcess> nodes = new ArrayList<>();

  private LocalCluster(Options options, PortSource freePorts) {
    this.options = options;
    this.freePorts = freePorts;
  }

  /** Starts every node and waits until all answer their health check. */
  public static LocalCluster start(Options options, Duration timeout)
      throws IOException, InterruptedException {
    return start(options, timeout, FreePorts::pick);
  }

  /** As {@link #start(Options, Duration)}, with the ports of {@link #ANY_FREE_PORTS} given. */
  static LocalCluster start(Options options, Duration timeout, PortSource freePorts)
      throws IOException, InterruptedException {
    LocalCluster cluster = new LocalCluster(options, freePorts);
    Files.createDirectories(options.dataDir().resolve("logs"));
    try {
      for (int i = 1; i <= options.nodes(); i++) {
        cluster.nodes.add(cluster.define(i));
      }
      for (NodeProcess node : cluster.nodes) {
        node.start();
      }
      for (int i = 0; i < cluster.nodes.size(); i++) {
        cluster.awaitReadyMovingPort(i, timeout);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public List<NodeProcess> nodes() {
    return nodes;
  }

  /** Node {@code number}, counted from 1. */
  public NodeProcess node(int number) {
    return nodes.get(number - 1);
  }

  public CatalogClient client(int number) {
    return new CatalogClient(node(number).baseUrl(), options.adminPassword());
  }

  /** Starts a stopped or killed node again, with the same directory, and waits until ready. */
  public void restart(int number, Duration timeout) throws IOException, InterruptedException {
    NodeProcess node = node(number);
    node.stop(Duration.ofSeconds(30));
    node.start();
    awaitReady(node, timeout);
  }

  /**
   * Waits for node {@code index} (from 0); with {@link #ANY_FREE_PORTS}, a node that exited because
   * its port was in use is moved to another free port and started again. A restart keeps the node's
   * port: a load balancer in front of the cluster names it.
   */
  private void awaitReadyMovingPort(int index, Duration timeout)
      throws IOException, InterruptedException {
    for (int move = 0; ; move++) {
      NodeProcess node = nodes.get(index);
      try {
        awaitReady(node, timeout);
        return;
      } catch (IOException e) {
        if (options.basePort() != ANY_FREE_PORTS
            || move == PORT_MOVES
            || node.isAlive()
            || !portWasInUse(node)) {
          throw e;
        }
        NodeProcess moved = node.onPort(freePorts.next());
        nodes.set(index, moved);
        moved.start();
      }
    }
  }

  /** Whether the node's start failed on its port, as {@code StartFailure} reports it. */
  private static boolean portWasInUse(NodeProcess node) throws IOException {
    String inUse = "Port " + node.port() + " is already in use";
    try (var lines = Files.lines(node.logFile(), StandardCharsets.UTF_8)) {
      return lines.anyMatch(line -> line.startsWith("node not started: ") && line.contains(inUse));
    }
  }

  private NodeProcess define(int number) throws IOException {
    int port =
        options.basePort() == ANY_FREE_PORTS ? freePorts.next() : options.basePort() + number;
    Path nodeDir = options.dataDir().resolve("node-" + number);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(options.jvmArgs());
    command.add("-jar");
    command.add(options.jar().toAbsolutePath().toString());
    command.add("node");
    command.add("--node-dir=" + nodeDir.toAbsolutePath());
    command.add("--port=" + port);
    command.add("--db-url=" + options.dbUrl());
    if (options.dbUser() != null) {
      command.add("--db-user=" + options.dbUser());
    }
    if (options.dbPassword() != null) {
      command.add("--db-password=" + options.dbPassword());
    }
    if (options.brokerUrl() != null) {
      command.add("--broker-url=" + options.brokerUrl());
    }
    command.add("--shared-dir=" + options.dataDir().resolve("shared").toAbsolutePath());
    command.add("--admin-password=" + options.adminPassword());
    command.addAll(options.extraArgs());
    Path log = options.dataDir().resolve("logs").resolve("node-" + number + ".log");
    return new NodeProcess(number, options.host(), port, nodeDir, log, command);
  }

  private static void awaitReady(NodeProcess node, Duration timeout)
      throws IOException, InterruptedException {
    CatalogClient client = new CatalogClient(node.baseUrl(), "");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!node.isAlive()) {
        throw new IOException(
            "node "
                + node.number()
                + " exited during start; see "
                + node.logFile()
                + lastLines(node.logFile(), 40));
      }
      try {
        if (client.getPublic("/actuator/health").status() == 200) {
          return;
        }
      } catch (ConnectException | java.net.http.HttpTimeoutException notYet) {
        // still starting
      } catch (IOException notYet) {
        // connection reset while the server starts
      }
      Thread.sleep(250);
    }
    throw new IOException(
        "node " + node.number() + " not ready after " + timeout + "; see " + node.logFile());
  }

  /**
   * The end of a node's log, for a start failure: tests delete the log's directory when they end,
   * so the cause must travel with the exception.
   */
  static String lastLines(Path log, int count) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "; its last lines:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws InterruptedException {
    // Stopped in parallel: each node's graceful shutdown takes a few seconds.
    List<Thread> stopping = new ArrayList<>();
    for (NodeProcess node : nodes) {
      if (node.isAlive()) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    node.stop(Duration.ofSeconds(30));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "stop-node-" + node.number());
        t.start();
        stopping.add(t);
      }
    }
    for (Thread t : stopping) {
      t.join();
    }
  }
}
