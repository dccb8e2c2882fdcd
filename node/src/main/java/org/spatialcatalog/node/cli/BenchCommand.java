package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.h2.tools.Server;
import org.spatialcatalog.messaging.CatalogBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./catalog bench sync}: starts a local cluster the way {@code ./catalog demo} does (an H2
 * TCP server and an ActiveMQ broker in this JVM, the nodes as separate JVMs), measures write
 * throughput and cross-node visibility ({@link SyncBenchmark}) and the index rebuild rate against
 * plain Lucene ({@link RebuildBenchmark}), prints a summary table next to the targets and stops
 * everything, also on failure or Ctrl-C. Exits 0 when the run completed and every sampled record
 * was found on every node, whether or not the targets were met.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = CatalogVersion.class,
    description = "Run a benchmark on a local cluster and print the figures.")
class BenchCommand implements Callable<Integer> {

  /** One line of the summary table; target and verdict may be empty. */
  record Figure(String figure, String value, String target, String verdict) {}

  enum Which {
    sync,
    harvest,
    csw
  }

  @Parameters(index = "0", description = "Which benchmark: ${COMPLETION-CANDIDATES}.")
  Which which;

  @Option(names = "--nodes", defaultValue = "3", description = "Nodes to start (at least 2).")
  int nodes;

  @Option(
      names = "--base-port",
      defaultValue = "18080",
      description = "Node i listens on base-port + i.")
  int basePort;

  @Option(names = "--broker-port", defaultValue = "18616", description = "ActiveMQ port.")
  int brokerPort;

  @Option(names = "--db-port", defaultValue = "18092", description = "H2 TCP server port.")
  int dbPort;

  @Option(
      names = "--records",
      defaultValue = "-1",
      description =
          "sync: records written in the throughput phase (default 5000);"
              + " harvest: records at the source (default 50000);"
              + " csw: records the node holds (default 200000).")
  int records;

  @Option(
      names = "--requests",
      defaultValue = "2000",
      description = "csw: requests of each kind timed (after a warm-up of a fifth as many).")
  int requests;

  @Option(
      names = "--writers",
      defaultValue = "8",
      description = "Concurrent writers in the throughput phase.")
  int writers;

  @Option(
      names = "--rate",
      defaultValue = "200",
      description = "Writes per second in the visibility phase.")
  int rate;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "Duration of the visibility phase.")
  int seconds;

  @Option(
      names = "--data",
      description =
          "Data directory, kept afterwards (default: a temporary one, deleted"
              + " unless the run fails).")
  Path data;

  private final PrintStream out = System.out;
  private Server db;
  private CatalogBroker broker;
  private LocalCluster cluster;

  @Override
  public Integer call() throws IOException {
    QuietLogging.apply();
    if (which == Which.harvest) {
      return harvest();
    }
    if (which == Which.csw) {
      return csw();
    }
    if (records < 0) {
      records = 5000;
    }
    if (nodes < 2 || records < 1 || writers < 1 || rate < 1 || seconds < 1) {
      System.err.println("bench: --nodes must be at least 2, the other counts at least 1");
      return 2;
    }
    boolean temporary = data == null;
    Path dir = temporary ? Files.createTempDirectory("catalog-bench-") : data.toAbsolutePath();
    Files.createDirectories(dir);
    ZonedDateTime startedAt = ZonedDateTime.now();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Figure> figures = new ArrayList<>();
    Thread hook = new Thread(this::stopAll, "bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean ok = false;
    try {
      List<CatalogClient> clients = start(dir);
      SyncBenchmark sync = new SyncBenchmark(clients, out, figures);
      sync.writeThroughput(records, writers);
      sync.visibility(rate, seconds);
      RebuildBenchmark.run(clients.get(1), dbUrl(), dir, out, figures);
      ok = sync.sane();
    } catch (Exception e) {
      System.err.println("bench failed: " + e);
      e.printStackTrace();
    } finally {
      out.println("stopping the cluster...");
      stopAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
    if (!figures.isEmpty()) {
      printSummary(figures, startedAt, loadBefore);
    }
    if (temporary && ok) {
      deleteRecursively(dir);
    } else {
      out.println("data and node logs kept in " + dir);
    }
    return ok ? 0 : 1;
  }

  private List<CatalogClient> start(Path dir) throws Exception {
    long started = System.nanoTime();
    db =
        Server.createTcpServer(
                "-tcpPort",
                String.valueOf(dbPort),
                "-baseDir",
                dir.resolve("db").toString(),
                "-ifNotExists")
            .start();
    broker =
        CatalogBroker.start(
            dir.resolve("broker"), "tcp://127.0.0.1:" + brokerPort, Duration.ofDays(7));
    String brokerUrl =
        "failover:(tcp://127.0.0.1:" + brokerPort + ")?timeout=3000&maxReconnectDelay=5000";
    byte[] secret = new byte[9];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    out.printf(
        "starting %d nodes (data in %s, database %s, admin password %s)...%n",
        nodes, dir, dbUrl(), password);
    cluster =
        LocalCluster.start(
            new LocalCluster.Options(
                dir,
                Jar.location(),
                nodes,
                basePort,
                dbUrl(),
                "sa",
                "",
                brokerUrl,
                password,
                List.of("-Xmx512m"),
                List.of()),
            Duration.ofMinutes(3));
    List<CatalogClient> clients = new ArrayList<>();
    for (NodeProcess node : cluster.nodes()) {
      clients.add(cluster.client(node.number()));
    }
    out.printf(
        "cluster ready in %.1f s: %s%n",
        (System.nanoTime() - started) / 1e9, clients.stream().map(CatalogClient::baseUrl).toList());
    return clients;
  }

  private String dbUrl() {
    return "jdbc:h2:tcp://localhost:" + dbPort + "/catalog";
  }

  /** Stops nodes, broker and database, each once, each even if an earlier one failed. */
  private synchronized void stopAll() {
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
    if (db != null) {
      db.stop();
      db = null;
    }
  }

  private void printSummary(List<Figure> figures, ZonedDateTime startedAt, double loadBefore) {
    List<Figure> table = new ArrayList<>();
    table.add(new Figure("figure", "value", "target", "verdict"));
    table.addAll(figures);
    int[] width = new int[3];
    for (Figure f : table) {
      width[0] = Math.max(width[0], f.figure().length());
      width[1] = Math.max(width[1], f.value().length());
      width[2] = Math.max(width[2], f.target().length());
    }
    String row = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s";
    out.println();
    out.printf(
        "bench sync summary (%s)%n",
        startedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceFirst("\\.\\d+", ""));
    for (int i = 0; i < table.size(); i++) {
      Figure f = table.get(i);
      out.println(
          String.format(row, f.figure(), f.value(), f.target(), f.verdict()).stripTrailing());
      if (i == 0) {
        out.println("-".repeat(width[0] + width[1] + width[2] + 14));
      }
    }
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    String memory =
        os instanceof com.sun.management.OperatingSystemMXBean sun
            ? String.format("%.1f GiB", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024))
            : "?";
    out.println("-".repeat(width[0] + width[1] + width[2] + 14));
    out.printf(
        "machine: nproc %d, memory %s, %s %s (%s)%n",
        os.getAvailableProcessors(), memory, os.getName(), os.getVersion(), os.getArch());
    out.printf(
        "JVM: %s %s, nodes -Xmx512m; load average %.2f before, %.2f after%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        loadBefore,
        os.getSystemLoadAverage());
    out.printf(
        "run: %d nodes, %d records by %d writers, %d/s for %d s%n",
        nodes, records, writers, rate, seconds);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }

  /** {@code bench csw}: see {@link CswBenchmark}. */
  private Integer csw() {
    if (records == 0 || requests < 1) {
      System.err.println("bench csw: --records and --requests must be at least 1");
      return 2;
    }
    try {
      boolean temporary = data == null;
      Path dir = temporary ? Files.createTempDirectory("catalog-bench-") : data.toAbsolutePath();
      double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      new CswBenchmark(records < 0 ? 200_000 : records, requests, dir, out).run();
      out.printf(
          "machine: nproc %d, load average %.2f before, %.2f after%n",
          Runtime.getRuntime().availableProcessors(),
          loadBefore,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      if (temporary) {
        deleteRecursively(dir);
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (Exception e) {
      System.err.println("bench csw failed: " + e);
      return 1;
    }
  }

  /** {@code bench harvest}: see {@link HarvestBenchmark}. */
  private Integer harvest() {
    try {
      Path dir = data != null ? data.toAbsolutePath() : Files.createTempDirectory("catalog-bench-");
      new HarvestBenchmark(records < 0 ? 50_000 : records, nodes, 500, dir).run();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (Exception e) {
      System.err.println("bench harvest failed: " + e.getMessage());
      return 1;
    }
  }
}
