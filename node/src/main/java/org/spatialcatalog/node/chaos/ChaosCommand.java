package org.spatialcatalog.node.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./catalog chaos}: starts a broker, a database and N nodes, runs the workload and the
 * seeded fault schedule for {@code --seconds}, heals, waits for quiescence, checks and reports.
 * Exit code 0 when every check passed, 1 when one failed, 2 when the run could not be set up.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = "Run a seeded chaos test: random faults under load, then check nothing was lost.")
public class ChaosCommand implements Callable<Integer> {

  /** The harvest lease of the nodes under test: a paused node is held past it. */
  static final Duration LEASE = Duration.ofSeconds(6);

  static final Duration LOCK_IDLE = Duration.ofSeconds(10);
  static final int SOURCE_RECORDS = 1000;

  @Option(
      names = "--seconds",
      defaultValue = "120",
      description = "How long the workload and the faults run (default 120).")
  int seconds;

  @Option(
      names = "--seed",
      description =
          "Seed of the fault schedule and the workload" + " (default: drawn, and printed).")
  Long seed;

  @Option(names = "--nodes", defaultValue = "3", description = "Number of nodes (default 3).")
  int nodes;

  @Option(names = "--db", defaultValue = "h2", description = "h2 or postgres (default h2).")
  String db;

  @Option(
      names = "--data",
      defaultValue = "chaos-data",
      description = "Directory of the runs; each run gets a new subdirectory (default chaos-data).")
  Path data;

  @Override
  public Integer call() throws Exception {
    // The report is the output: the embedded PostgreSQL and H2 log only warnings.
    if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
    long s = seed != null ? seed : System.nanoTime();
    ChaosDatabase.Kind kind =
        switch (db) {
          case "h2" -> ChaosDatabase.Kind.H2;
          case "postgres", "postgresql" -> ChaosDatabase.Kind.POSTGRES;
          default -> null;
        };
    if (kind == null || seconds < 1 || nodes < 1) {
      System.err.println("chaos: --db must be h2 or postgres, --seconds and --nodes at least 1");
      return 2;
    }
    Path dir =
        Files.createDirectories(
            data.resolve("seed-" + s + "-" + System.currentTimeMillis()).toAbsolutePath());
    System.out.println(
        "chaos: seed "
            + s
            + ", "
            + nodes
            + " nodes on "
            + db
            + ", "
            + seconds
            + " s of faults; data and logs in "
            + dir);
    List<Fault> schedule = FaultSchedule.draw(s, seconds, nodes, (int) LEASE.toSeconds());
    ChaosReport report;
    try (ChaosSource source = new ChaosSource(SOURCE_RECORDS);
        ChaosCluster cluster = startCluster(dir, kind)) {
      Thread hook = new Thread(() -> closeQuietly(cluster), "chaos-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      History history = new History();
      Workload workload = new Workload(cluster, source, history, s);
      workload.prepare();
      System.out.println("chaos: cluster ready, workload and faults start");
      long start = System.nanoTime();
      FaultInjector faults =
          new FaultInjector(cluster, schedule, start, Duration.ofSeconds(seconds));
      workload.start();
      faults.start();
      Thread.sleep(seconds * 1000L);
      // On a slow machine restarts take longer than planned: the load goes on until every
      // planned fault was injected and healed.
      faults.awaitHealed();
      workload.stop();
      long end = System.nanoTime();
      System.out.println("chaos: workload ended, healing and waiting for quiescence");
      Quiescence quiet = new Quiescence(cluster, workload, source);
      quiet.reach();
      List<Check> checks = new ArrayList<>();
      checks.add(
          Check.of(
              "every planned fault injected and healed",
              faults.failure() == null
                  ? List.of()
                  : List.of("the injector stopped early: " + faults.failure())));
      checks.addAll(new Checker(cluster, history, source, workload).run(quiet, LOCK_IDLE, end));
      List<String> timeline = faults.timeline();
      report =
          new ChaosReport(
              s,
              nodes + " nodes, " + db + ", " + seconds + " s",
              schedule,
              timeline,
              history.counts(),
              quiet.steps(),
              checks,
              cluster.logs());
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    // Printed once everything stopped, so the last line of the output is the report's.
    report.print(System.out);
    return report.failed() == 0 ? 0 : 1;
  }

  private ChaosCluster startCluster(Path dir, ChaosDatabase.Kind kind) throws Exception {
    List<String> settings =
        List.of(
            "--catalog.harvest.lease-duration=" + LEASE.toSeconds() + "s",
            "--catalog.harvest.heartbeat-interval=1s",
            "--catalog.harvest.sweep-interval=2s",
            "--catalog.harvest.redispatch-after=10s",
            "--catalog.harvest.scheduler-tick=2s",
            "--catalog.harvest.schedule-jitter=1s",
            "--catalog.harvest.retry-backoff=500ms",
            "--catalog.harvest.max-retry-backoff=4s",
            "--catalog.harvest.http-timeout=20s",
            "--catalog.harvest.max-attempts=100",
            "--catalog.lock.idle-timeout=" + LOCK_IDLE.toSeconds() + "s");
    return ChaosCluster.start(dir, kind, nodes, settings);
  }

  private static void closeQuietly(ChaosCluster cluster) {
    try {
      cluster.close();
    } catch (Exception e) {
      System.err.println("chaos: stopping the cluster failed: " + e);
    }
  }
}
