package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./catalog bench sync|memory|harvest}. {@code sync} starts a local cluster ({@link
 * BenchCluster}), measures write throughput and cross-node visibility ({@link SyncBenchmark}), the
 * limits of the parts on the same documents ({@link BenchLimits}), the index rebuild against plain
 * Lucene ({@link RebuildBenchmark}) and search under load ({@link SearchBenchmark}), prints a
 * summary table with the targets and each figure's ratio to its limit, and stops everything, also
 * on failure or Ctrl-C. Exits 0 when the run completed and every sampled record was found on every
 * node, whether or not the targets were met. {@code memory}: see {@link MemoryBenchmark}.
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
    memory,
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

  @Option(
      names = "--db-port",
      defaultValue = "18092",
      description = "Database port (H2 TCP server or PostgreSQL).")
  int dbPort;

  @Option(
      names = "--db",
      defaultValue = "h2",
      description = "Shared database: ${COMPLETION-CANDIDATES} (postgres: embedded binaries).")
  BenchDatabase.Kind db;

  @Option(
      names = "--records",
      defaultValue = "-1",
      description =
          "sync: records written in the throughput phase (default 5000);"
              + " memory: records the node holds (default 1000000);"
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
      names = "--warmup",
      defaultValue = "-1",
      description =
          "sync: records posted the same way before the throughput phase (default 3000), then"
              + " batches of 1000 more, at most 5, while the nodes' JIT compilers took over 0.1 ms"
              + " a write in the batch before;"
              + " harvest: records harvested by a first harvester before the timed one (default"
              + " 10000). Timed apart, so that the figure measures compiled code (0: none).")
  int warmup;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "sync: rounds of the throughput phase, each with --records new records, and of the"
              + " rebuild, each followed by plain Lucene on the same documents; the figures are"
              + " the median rounds, and every round is printed.")
  int rounds;

  @Option(
      names = "--rate",
      defaultValue = "200",
      description = "Writes per second in the visibility phase.")
  int rate;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "Duration of the visibility phase and of the search phase.")
  int seconds;

  @Option(
      names = "--search-records",
      defaultValue = "200000",
      description = "Records node 1 holds during the search phase (0: no search phase).")
  int searchRecords;

  @Option(
      names = "--jfr",
      description =
          "Directory for Java Flight Recorder profiles of every node and of this JVM"
              + " (database and broker); csw: of the node only.")
  Path jfr;

  @Option(
      names = "--node-arg",
      description =
          "sync, memory, harvest: an argument for every node, such as"
              + " --node-arg=--catalog.sync.commit-interval=5s (repeatable), to compare settings"
              + " in the same benchmark.")
  List<String> nodeArgs = new ArrayList<>();

  @Option(
      names = "--node-jvm-arg",
      description =
          "sync, memory, harvest: a JVM option for every node, after the benchmark's own, such as"
              + " --node-jvm-arg=-XX:TieredStopAtLevel=1 (repeatable).")
  List<String> nodeJvmArgs = new ArrayList<>();

  @Option(
      names = "--data",
      description =
          "Data directory, kept afterwards (default: a temporary one, deleted"
              + " unless the run fails).")
  Path data;

  /** The node heap of {@code sync} and {@code memory}, so that runs compare. */
  private static final String HEAP = "-Xmx512m";

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws IOException {
    QuietLogging.apply();
    // RecordPoster's connections: the JDK keeps 5 idle ones to a server unless told otherwise, and
    // each writer thread of a phase would otherwise open a new one for most of its posts. Read when
    // the first connection is kept, so set before any.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty(
          "http.maxConnections", Integer.toString(Math.max(writers, SyncBenchmark.MAX_WRITERS)));
    }
    // RecordPoster buffers each body (no streaming mode), and the JDK would then send a POST again
    // on a kept-alive connection that failed before the answer: a record written twice, the second
    // a 409. A failure is counted as one instead. Read once, when the JDK's HTTP client loads.
    System.setProperty("sun.net.http.retryPost", "false");
    if (which == Which.harvest) {
      return harvest();
    }
    if (which == Which.csw) {
      return csw();
    }
    boolean memory = which == Which.memory;
    if (records < 0) {
      records = memory ? 1_000_000 : 5000;
    }
    if (warmup == -1) {
      warmup = 3000;
    }
    if ((!memory && nodes < 2)
        || records < 1
        || writers < 1
        || rate < 1
        || seconds < 1
        || rounds < 1
        || warmup < 0) {
      System.err.println(
          "bench: --nodes must be at least 2, --warmup at least 0, the other counts at least 1");
      return 2;
    }
    boolean temporary = data == null;
    Path dir = temporary ? Files.createTempDirectory("catalog-bench-") : data.toAbsolutePath();
    Files.createDirectories(dir);
    ZonedDateTime startedAt = ZonedDateTime.now();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Figure> figures = new ArrayList<>();
    BenchCluster[] cluster = new BenchCluster[1];
    Thread hook =
        new Thread(
            () -> {
              if (cluster[0] != null) {
                cluster[0].close();
              }
            },
            "bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean ok = false;
    try {
      cluster[0] =
          BenchCluster.start(
              dir,
              memory ? 1 : nodes,
              basePort,
              brokerPort,
              dbPort,
              db,
              jfr,
              out,
              HEAP,
              nodeJvmArgs,
              nodeArgs);
      ok = memory ? memory(cluster[0], figures) : sync(cluster[0], figures, dir);
    } catch (Exception e) {
      System.err.println("bench failed: " + e);
      e.printStackTrace();
    } finally {
      out.println("stopping the cluster...");
      if (cluster[0] != null) {
        cluster[0].close();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
    if (!figures.isEmpty()) {
      printSummary(figures, startedAt, loadBefore);
    }
    if (temporary && ok && jfr == null) {
      deleteRecursively(dir);
    } else {
      out.println("data and node logs kept in " + dir);
    }
    return ok ? 0 : 1;
  }

  private boolean sync(BenchCluster c, List<Figure> figures, Path dir) throws Exception {
    SyncBenchmark sync;
    try (StatementCounter statements = StatementCounter.start(c.db)) {
      sync = new SyncBenchmark(c.clients, out, figures, statements);
      sync.writeThroughput(records, writers, warmup, rounds);
      sync.visibility(rate, seconds);
    }
    BenchLimits.Limits limits = BenchLimits.measure(c.db, c.brokerTcpUrl, writers, out, figures);
    double lucene = RebuildBenchmark.run(c.clients.get(1), c.db, dir, out, figures, rounds);
    if (searchRecords > 0) {
      long have = BenchRecords.count(c.db);
      if (searchRecords > have) {
        BenchRecords.load(c.db, (int) (searchRecords - have), 4, out);
      }
      double caughtUp = sync.awaitCaughtUp(java.time.Duration.ofMinutes(60));
      out.printf("  every node indexed them %.0f ms after the load%n", caughtUp);
      SearchBenchmark.run(c.clients.get(0), searchRecords, 8, seconds, 50, out, figures);
    }
    ratios(sync, limits, lucene, figures);
    return sync.sane();
  }

  /** Each catalog figure as a fraction of the limit measured in this run. */
  private void ratios(
      SyncBenchmark sync, BenchLimits.Limits limits, double lucene, List<Figure> figures) {
    figures.add(new Figure("ratios to the limits of this run", "", "", ""));
    figures.add(
        new Figure(
            "  write throughput / JDBC one row per commit",
            percent(sync.throughput() / limits.singleRowCommits()),
            "",
            ""));
    figures.add(
        new Figure(
            "  write throughput / JDBC batch insert",
            percent(sync.throughput() / limits.batchInsert()),
            "",
            ""));
    figures.add(
        new Figure(
            "  write throughput / plain Lucene (same documents)",
            percent(sync.throughput() / lucene),
            "",
            ""));
    figures.add(
        new Figure(
            "  paced writes achieved / asked", percent(sync.pacedAchieved() / rate), "", ""));
    figures.add(
        new Figure(
            "  visibility p50 / p99, worst other node, in broker round trips",
            String.format(
                "%.0f / %.0f",
                sync.worstP50() / Math.max(0.001, limits.brokerP50()),
                sync.worstP99() / Math.max(0.001, limits.brokerP99())),
            "",
            ""));
  }

  private static String percent(double ratio) {
    return String.format("%.1f%%", ratio * 100);
  }

  private boolean memory(BenchCluster c, List<Figure> figures) throws Exception {
    return MemoryBenchmark.run(c, records, out, figures);
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
        "bench %s summary (%s)%n",
        which,
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
        "JVM: %s %s, this JVM (database, broker, clients) %s, nodes %s; load average %.2f before,"
            + " %.2f after%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        ownJvmOptions(),
        String.join(
            " ", BenchCluster.jvmArgs(HEAP, which == Which.memory ? 1 : nodes, nodeJvmArgs)),
        loadBefore,
        os.getSystemLoadAverage());
    if (which == Which.memory) {
      out.printf("run: 1 node, %d records, database %s%s%n", records, db, nodeArgsText());
    } else {
      out.printf(
          "run: %d nodes, database %s, %d records by %d writers after a warm-up of %d%s%s, %d/s"
              + " for %d s, search phase on %d records%s%n",
          nodes,
          db,
          records,
          writers,
          warmup,
          warmup > 0 ? " (and more while the nodes compiled)" : "",
          rounds > 1 ? ", " + rounds + " rounds" : "",
          rate,
          seconds,
          searchRecords,
          nodeArgsText());
    }
  }

  /** This JVM's memory and compiler options, as the script or the caller gave them. */
  static String ownJvmOptions() {
    List<String> options =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-Xm") || a.startsWith("-XX:"))
            .toList();
    return options.isEmpty() ? "default options" : String.join(" ", options);
  }

  private String nodeArgsText() {
    return nodeArgs.isEmpty() ? "" : "; node arguments " + String.join(" ", nodeArgs);
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
      new CswBenchmark(records < 0 ? 200_000 : records, requests, db, dir, jfr, out).run();
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
      new HarvestBenchmark(
              records < 0 ? 50_000 : records,
              warmup < 0 ? 10_000 : warmup,
              nodes,
              500,
              dir,
              new HarvestBenchmark.Setup(
                  db, basePort, brokerPort, dbPort, jfr, nodeJvmArgs, nodeArgs))
          .run();
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
