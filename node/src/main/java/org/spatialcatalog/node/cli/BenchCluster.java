package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.spatialcatalog.messaging.CatalogBroker;
import org.spatialcatalog.node.client.CatalogClient;

/**
 * The cluster a benchmark runs on, laid out like {@code ./catalog demo}: the database ({@link
 * BenchDatabase}) and an ActiveMQ broker (KahaDB) in this JVM, {@code nodes} catalog nodes as
 * separate JVMs (heap as the caller says, and the options of {@link #jvmArgs}). With a JFR
 * directory, every node JVM records a Java Flight Recorder profile ({@code settings=profile}) into
 * {@code hotspot-pid-<pid>-...jfr} there, and this JVM (the one holding the H2 server and the
 * broker; PostgreSQL is a separate process) into {@code bench-db-broker.jfr}, written when the
 * cluster stops. Closing stops everything, each part even if an earlier one failed.
 */
final class BenchCluster implements AutoCloseable {

  final BenchDatabase db;
  final String brokerTcpUrl;
  private CatalogBroker broker;
  private LocalCluster cluster;
  private Recording recording;
  private final Path jfr;
  final List<CatalogClient> clients = new ArrayList<>();

  private BenchCluster(BenchDatabase db, String brokerTcpUrl, Path jfr) {
    this.db = db;
    this.brokerTcpUrl = brokerTcpUrl;
    this.jfr = jfr;
  }

  /**
   * Keeps a node's JIT compiler threads alive. By default the JVM starts and stops them as its
   * queue of methods grows and shrinks, and the CPU of a stopped one could only be counted among
   * the "ended threads" ({@link ThreadCpu}); alive, it counts as the JIT compilers', which the
   * warm-up of {@code bench sync} waits to see quiet.
   */
  static final String LIVE_COMPILER_THREADS = "-XX:-UseDynamicNumberOfCompilerThreads";

  /**
   * The JVM option that records a node's flight profile into directory {@code jfr}: each JVM writes
   * {@code hotspot-pid-<pid>-....jfr} there (JDK 17 does not expand %p in a file name, and the
   * nodes share their JVM arguments), when it stops.
   */
  static String flightRecording(Path jfr) {
    return "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
        + jfr.toAbsolutePath();
  }

  /**
   * The JVM options of every node: {@code heap}, {@link #LIVE_COMPILER_THREADS}, {@link
   * LocalCluster#SHARED_CORES_JVM_ARGS} when there are several nodes (like {@code ./catalog demo};
   * one node, as in {@code bench memory}, keeps the JVM's default compilers), then {@code extra}
   * (the last value of a JVM flag wins).
   */
  static List<String> jvmArgs(String heap, int nodes, List<String> extra) {
    List<String> args = new ArrayList<>(List.of(heap, LIVE_COMPILER_THREADS));
    if (nodes > 1) {
      args.addAll(LocalCluster.SHARED_CORES_JVM_ARGS);
    }
    args.addAll(extra);
    return args;
  }

  /**
   * Starts the database, the broker and {@code nodes} nodes with the JVM options of {@link
   * #jvmArgs}, and {@code nodeArgs} appended to every node's command line.
   */
  static BenchCluster start(
      Path dir,
      int nodes,
      int basePort,
      int brokerPort,
      int dbPort,
      BenchDatabase.Kind kind,
      Path jfr,
      PrintStream out,
      String heap,
      List<String> nodeJvmArgs,
      List<String> nodeArgs)
      throws Exception {
    long started = System.nanoTime();
    BenchCluster c =
        new BenchCluster(
            BenchDatabase.start(kind, dir.resolve("db"), dbPort),
            "tcp://127.0.0.1:" + brokerPort,
            jfr);
    try {
      List<String> jvm = new ArrayList<>(jvmArgs(heap, nodes, nodeJvmArgs));
      if (jfr != null) {
        Files.createDirectories(jfr);
        jvm.add(flightRecording(jfr));
        c.recording = new Recording(Configuration.getConfiguration("profile"));
        c.recording.setName("bench-db-broker");
        c.recording.start();
      }
      c.broker = CatalogBroker.start(dir.resolve("broker"), c.brokerTcpUrl, Duration.ofDays(7));
      byte[] secret = new byte[9];
      new SecureRandom().nextBytes(secret);
      String password = HexFormat.of().formatHex(secret);
      out.printf(
          "starting %d node(s) (data in %s, database %s, admin password %s%s)...%n",
          nodes,
          dir,
          c.db.url(),
          password,
          jfr == null ? "" : ", JFR recordings in " + jfr.toAbsolutePath());
      c.cluster =
          LocalCluster.start(
              new LocalCluster.Options(
                  dir,
                  Jar.location(),
                  nodes,
                  basePort,
                  c.db.url(),
                  c.db.user(),
                  c.db.password(),
                  "failover:(" + c.brokerTcpUrl + ")?timeout=3000&maxReconnectDelay=5000",
                  password,
                  jvm,
                  nodeArgs),
              // Generous: on a loaded machine three JVMs (with JFR) can take minutes to start.
              Duration.ofMinutes(10));
      for (NodeProcess node : c.cluster.nodes()) {
        c.clients.add(c.cluster.client(node.number()));
      }
      out.printf(
          "cluster ready in %.1f s: %s%n",
          (System.nanoTime() - started) / 1e9,
          c.clients.stream().map(CatalogClient::baseUrl).toList());
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  NodeProcess node(int number) {
    return cluster.node(number);
  }

  @Override
  public synchronized void close() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } catch (Exception e) {
      System.err.println("stopping the nodes failed: " + e);
    } finally {
      cluster = null;
    }
    try {
      if (broker != null) {
        broker.close();
      }
    } catch (Exception e) {
      System.err.println("stopping the broker failed: " + e);
    } finally {
      broker = null;
    }
    try {
      db.close();
    } catch (IOException e) {
      System.err.println("stopping the database failed: " + e);
    }
    if (recording != null) {
      try {
        recording.dump(jfr.resolve("bench-db-broker.jfr"));
      } catch (IOException e) {
        System.err.println("writing the JFR recording failed: " + e);
      } finally {
        recording.close();
        recording = null;
      }
    }
  }
}
