package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.spatialcatalog.node.cli.BenchCommand.Figure;
import org.spatialcatalog.node.cli.BenchLoad.Doc;
import org.spatialcatalog.node.cli.BenchLoad.Tally;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * Write throughput and cross-node visibility of a local cluster, measured over HTTP; node 1 is
 * {@code nodes.get(0)}. Figures are printed as soon as they are known and added to the summary.
 *
 * <p>{@link #writeThroughput}: how many records per second the cluster accepts when writers post as
 * fast as they can, round-robin over all nodes; every write goes through the one shared database,
 * so this is the cluster's write capacity, not one node's.
 *
 * <p>{@link #visibility}: how long a record committed on node 1 takes to become searchable on the
 * other nodes under a steady, paced load. The figure comes from the nodes themselves: for each
 * change it applies from the change log, a node records the delay from the change-log commit
 * timestamp (taken on node 1) to the moment it wrote the change to its index, from which a search
 * on it finds the change; all nodes share this machine's clock. One write a second is also probed
 * from outside, by searching its uuid on the other nodes, to cross-check that figure, and a sample
 * of all written uuids is searched on them at the end.
 */
final class SyncBenchmark {

  static final double VISIBILITY_P99_TARGET_MS = 100;
  static final double VISIBILITY_P50_TARGET_MS = 30;
  static final double THROUGHPUT_TARGET = 400;
  static final double LATE_TARGET = 0.01;

  private final List<CatalogClient> nodes;
  // The write phases post through these, one per node (see RecordPoster).
  private final List<RecordPoster> posters;
  private final PrintStream out;
  private final List<Figure> figures;
  private final StatementCounter statements;
  private final List<String> written = Collections.synchronizedList(new ArrayList<>());
  private boolean sane = true;
  private double throughput;
  private double pacedAchieved;
  private double worstP50;
  private double worstP99;

  SyncBenchmark(List<CatalogClient> nodes, PrintStream out, List<Figure> figures) {
    this(nodes, out, figures, StatementCounter.none());
  }

  /** {@code statements} counts the database's statements in the write phases (H2 only). */
  SyncBenchmark(
      List<CatalogClient> nodes,
      PrintStream out,
      List<Figure> figures,
      StatementCounter statements) {
    this.nodes = nodes;
    this.posters = nodes.stream().map(RecordPoster::new).toList();
    this.out = out;
    this.figures = figures;
    this.statements = statements;
  }

  /** Records/s of the throughput phase. */
  double throughput() {
    return throughput;
  }

  /** Writes/s achieved in the paced phase. */
  double pacedAchieved() {
    return pacedAchieved;
  }

  /** The largest visibility p50 of nodes 2..n in the paced phase, ms. */
  double worstP50() {
    return worstP50;
  }

  /** The largest visibility p99 of nodes 2..n in the paced phase, ms. */
  double worstP99() {
    return worstP99;
  }

  /** False if a sampled record was not searchable on some node. */
  boolean sane() {
    return sane;
  }

  /** Records in each further warm-up batch, posted while the nodes still compile. */
  static final int SETTLE_BATCH = 1000;

  /** Further warm-up batches at most. */
  static final int SETTLE_BATCHES = 5;

  /**
   * The nodes' JIT compilers' CPU per write, in milliseconds, at or under which their code counts
   * as compiled. In the first round after 3,000 writes of warm-up they took about 1 ms a write, and
   * under 0.1 in the rounds after it (docs/benchmarks.md, thirtieth step).
   */
  static final double COMPILED_MS_A_WRITE = 0.1;

  /**
   * {@code writers} threads post {@code records} new records round-robin, unpaced, after {@code
   * warmup} records posted the same way and timed apart: the nodes' JIT compilers take the first
   * minutes of a run (a third of every node's CPU in the profiles of issue 11), and a catalog runs
   * for days, so the figure is taken once the code is compiled. The warm-up goes on in batches of
   * {@link #SETTLE_BATCH}, at most {@link #SETTLE_BATCHES}, while the nodes' compilers took more
   * than {@link #COMPILED_MS_A_WRITE} a write in the batch before. With {@code rounds} above 1 the
   * phase is repeated with new records, each round after the nodes caught up with the one before,
   * and the round with the median rate gives the figures.
   */
  void writeThroughput(int records, int writers, int warmup, int rounds) throws Exception {
    if (warmup > 0) {
      Tally warm = new Tally();
      long from = System.nanoTime();
      ExecutorService pool = writerThreads(writers);
      try {
        post(pool, BenchLoad.generate(warmup, 0), writers, warm, false);
      } finally {
        pool.shutdownNow();
      }
      double rate = warm.perSecondSince(from);
      out.printf(
          "warm-up: %d records in %.1f s = %.0f records/s, %d failed%s (not the figure)%n",
          warm.ok(), warm.ok() / rate, rate, warm.failed.get(), warm.why());
      awaitCaughtUp(Duration.ofMinutes(5));
      Settled settled = settleCompilers(writers);
      figures.add(
          new Figure(
              "warm-up before it, "
                  + warmup
                  + " records"
                  + (settled.records() > 0 ? " + " + settled.records() + " more" : ""),
              String.format(
                  "%.0f records/s%s",
                  rate, settled.records() > 0 ? " (the first " + warmup + ")" : ""),
              "",
              (warm.failed.get() + settled.failed()) + " failed"));
      if (!settled.compilers().isEmpty()) {
        figures.add(new Figure("  nodes' JIT compilers, last batch", settled.compilers(), "", ""));
      }
    }
    List<Round> done = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      if (rounds > 1) {
        out.printf("round %d of %d%n", r, rounds);
      }
      // Seed 1 for the first round as before rounds existed; 2 is the paced phase's.
      done.add(round(records, writers, r == 1 ? 1 : 100 + r));
    }
    Round median = median(done);
    throughput = median.rate();
    // A failed write in any round counts, not only in the median one.
    int failed = done.stream().mapToInt(Round::failed).sum();
    figures.add(
        new Figure(
            "write throughput, " + writers + " writers, all nodes",
            String.format("%.0f records/s", median.rate()),
            String.format(">= %.0f/s", THROUGHPUT_TARGET),
            (median.rate() >= THROUGHPUT_TARGET ? "met, " : "NOT met, ") + failed + " failed"));
    if (rounds > 1) {
      String each =
          String.join(", ", done.stream().map(d -> String.format("%.0f", d.rate())).toList());
      out.printf(
          "write throughput, median of %d rounds: %.0f records/s (%s)%n",
          rounds, median.rate(), each);
      figures.add(new Figure("  rounds, records/s", each + " (median taken)", "", ""));
    }
    figures.add(new Figure("  write latency p50 / p99", median.latency(), "", ""));
    figures.add(new Figure("  catch-up after the last write", median.catchUp(), "", ""));
    figures.add(new Figure("  CPU per write", median.cpu(), "", ""));
    if (!median.cpuByThread().isEmpty()) {
      figures.add(new Figure("  CPU per write by thread, ms", median.cpuByThread(), "", ""));
    }
    figures.add(new Figure("  searcher refreshes", median.refreshes(), "", ""));
    figures.add(new Figure("  topic messages per write", median.notifications(), "", ""));
    if (!median.statements().isEmpty()) {
      figures.add(new Figure("  database statements per write", median.statements(), "", ""));
    }
  }

  /**
   * What the further warm-up batches did: how many records they posted and how many failed, and the
   * nodes' compilers' CPU per write in the last one ("0.04 ms a write"; empty when {@code /proc}
   * cannot be read, and then no batch is posted).
   */
  private record Settled(int records, int failed, String compilers) {}

  /**
   * Posts warm-up batches while the nodes' JIT compilers still work: the warm-up's first records
   * leave methods queued for compiling and others only just past the compiler's thresholds, and
   * what the compilers spend on them would otherwise fall in the first round.
   */
  private Settled settleCompilers(int writers) throws Exception {
    int records = 0;
    int failed = 0;
    String last = "";
    ThreadCpu.Reading before = ThreadCpu.read();
    if (before.nodes().isEmpty()) {
      return new Settled(0, 0, last); // no /proc: the compilers cannot be watched
    }
    for (int batch = 1; batch <= SETTLE_BATCHES; batch++) {
      Tally tally = new Tally();
      ExecutorService pool = writerThreads(writers);
      try {
        // Seeds 51..55: apart from the rounds' (1, 101..) and the paced phase's (2).
        post(pool, BenchLoad.generate(SETTLE_BATCH, 50 + batch), writers, tally, false);
      } finally {
        pool.shutdownNow();
      }
      awaitCaughtUp(Duration.ofMinutes(5));
      ThreadCpu.Reading after = ThreadCpu.read();
      double ms = ThreadCpu.nodesPerWrite(before, after, ThreadCpu.JIT_COMPILERS, tally.ok());
      before = after;
      records += SETTLE_BATCH;
      failed += tally.failed.get();
      if (ms < 0) {
        break; // every write of the batch failed
      }
      boolean compiled = ms <= COMPILED_MS_A_WRITE;
      last = String.format(Locale.ROOT, "%.2f ms a write", ms);
      out.printf(
          "warm-up, %d more records: the nodes' JIT compilers took %s%s%n",
          SETTLE_BATCH,
          last,
          compiled ? "" : String.format(Locale.ROOT, " (over %.2f)", COMPILED_MS_A_WRITE));
      if (compiled) {
        break;
      }
    }
    return new Settled(records, failed, last);
  }

  /** One round of the throughput phase, as printed; the summary takes the median round's. */
  private record Round(
      double rate,
      int failed,
      String latency,
      String catchUp,
      String cpu,
      String cpuByThread,
      String refreshes,
      String notifications,
      String statements) {}

  /** The round with the median rate (the lower middle one of an even count). */
  static <T> T median(List<T> rounds, java.util.function.ToDoubleFunction<T> rate) {
    List<T> sorted = new ArrayList<>(rounds);
    sorted.sort(java.util.Comparator.comparingDouble(rate));
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static Round median(List<Round> rounds) {
    return median(rounds, Round::rate);
  }

  private Round round(int records, int writers, long seed) throws Exception {
    // Shut down after the CPU readings: a thread that ends between them counts as "ended".
    ExecutorService pool = writerThreads(writers);
    try {
      return round(pool, records, writers, seed);
    } finally {
      pool.shutdownNow();
    }
  }

  private Round round(ExecutorService pool, int records, int writers, long seed) throws Exception {
    Tally tally = new Tally();
    long[] refreshesBefore = refreshes();
    long[] notificationsBefore = notifications();
    StatementCounter.Reading statementsBefore = statements.read();
    CpuMeter.Reading cpuBefore = CpuMeter.read();
    long started = System.nanoTime();
    post(pool, BenchLoad.generate(records, seed), writers, tally, true);
    double rate = tally.perSecondSince(started);
    double took = tally.ok() / rate;
    out.printf(
        "write throughput: %d records in %.1f s = %.0f records/s, %d failed%s%n",
        tally.ok(), took, rate, tally.failed.get(), tally.why());
    out.printf("  write latency p50 %.0f ms, p99 %.0f ms%n", tally.ms(0.5), tally.ms(0.99));
    double catchUp = awaitCaughtUp(Duration.ofMinutes(5));
    out.printf("  every node caught up %.0f ms after the last write%n", catchUp);
    CpuMeter.Reading cpuAfter = CpuMeter.read();
    String cpu = reportCpu(cpuBefore, cpuAfter, tally.ok());
    String cpuByThread = reportCpuByThread(cpuBefore, cpuAfter, tally.ok());
    String refreshed = reportRefreshes(refreshesBefore, tally.ok());
    String notified = reportNotifications(notificationsBefore, tally.ok());
    String counted = reportStatements(statementsBefore, tally.ok());
    return new Round(
        rate,
        tally.failed.get(),
        String.format("%.0f / %.0f ms", tally.ms(0.5), tally.ms(0.99)),
        String.format("%.0f ms", catchUp),
        cpu,
        cpuByThread,
        refreshed,
        notified,
        counted);
  }

  /**
   * Prints the database statements per write from {@code before} to now, the catch-up included
   * ({@link StatementCounter}); empty, and nothing printed, where they are not counted.
   */
  private String reportStatements(StatementCounter.Reading before, int writes)
      throws java.sql.SQLException {
    String perWrite = StatementCounter.perWrite(before, statements.read(), writes);
    if (!perWrite.isEmpty()) {
      out.printf("  database statements per write: %s%n", perWrite);
    }
    return perWrite;
  }

  /**
   * Prints the CPU per write from {@code before} to now, the catch-up included ({@link CpuMeter}).
   */
  private String reportCpu(CpuMeter.Reading before, CpuMeter.Reading after, int writes) {
    String perWrite = CpuMeter.perWrite(before, after, writes);
    out.printf("  CPU per write: %s%n", perWrite);
    return perWrite;
  }

  /**
   * Prints the CPU per write by thread group, in milliseconds ({@link ThreadCpu}); empty, and
   * nothing printed, where {@code /proc} cannot be read.
   */
  private String reportCpuByThread(CpuMeter.Reading before, CpuMeter.Reading after, int writes) {
    String perWrite = CpuMeter.byThread(before, after, writes);
    if (!perWrite.isEmpty()) {
      out.printf("  CPU per write by thread, ms: %s%n", perWrite);
    }
    return perWrite;
  }

  /** Each node's count of searcher refreshes ({@code catalog.index.refreshes}). */
  private long[] refreshes() throws IOException, InterruptedException {
    return eachNode("catalog.index.refreshes");
  }

  /** Each node's value of the counter {@code metric}. */
  private long[] eachNode(String metric) throws IOException, InterruptedException {
    long[] counts = new long[nodes.size()];
    for (int n = 0; n < counts.length; n++) {
      counts[n] =
          (long)
              nodes
                  .get(n)
                  .json("/actuator/metrics/" + metric)
                  .path("measurements")
                  .path(0)
                  .path("value")
                  .asDouble();
    }
    return counts;
  }

  private static final List<String> NOTIFICATIONS =
      List.of(
          "catalog.jms.notifications.sent",
          "catalog.jms.notifications.covered",
          "catalog.jms.notifications.received");

  /** The nodes' topic messages sent, covered and received, each summed over the nodes. */
  private long[] notifications() throws IOException, InterruptedException {
    long[] sums = new long[NOTIFICATIONS.size()];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = java.util.Arrays.stream(eachNode(NOTIFICATIONS.get(i))).sum();
    }
    return sums;
  }

  /**
   * Prints the topic messages the nodes sent, left to another node's RE-INDEX (covered) and
   * received since {@code before}, per record written: each message sent costs the broker a store
   * and each received one a delivery and an acknowledgement.
   */
  private String reportNotifications(long[] before, int writes)
      throws IOException, InterruptedException {
    long[] after = notifications();
    double w = Math.max(1, writes);
    String value =
        String.format(
            "sent %.2f, covered %.2f, received %.2f",
            (after[0] - before[0]) / w, (after[1] - before[1]) / w, (after[2] - before[2]) / w);
    out.printf("  topic messages per write: %s%n", value);
    return value;
  }

  /**
   * Prints each node's refreshes since {@code before} per record written: how many writes share a
   * refresh, each of which flushes a segment and reopens the searcher.
   */
  private String reportRefreshes(long[] before, int writes)
      throws IOException, InterruptedException {
    long[] after = refreshes();
    StringBuilder value = new StringBuilder();
    for (int n = 0; n < after.length; n++) {
      long made = after[n] - before[n];
      value.append(
          String.format(
              "%snode %d: %d (%.2f a write)",
              n == 0 ? "" : "; ", n + 1, made, made / (double) Math.max(1, writes)));
    }
    out.printf("  searcher refreshes: %s%n", value);
    return value.toString();
  }

  /**
   * Posts {@code docs} from {@code writers} threads round-robin over the nodes, printing progress.
   */
  private void post(ExecutorService pool, List<Doc> docs, int writers, Tally tally, boolean keep)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    ScheduledExecutorService ticker = tally.printProgress(out, docs.size());
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      done.add(
          pool.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < docs.size(); ) {
                  if (BenchLoad.write(posters.get(i % posters.size()), docs.get(i), tally)
                      && keep) {
                    written.add(docs.get(i).uuid());
                  }
                }
              }));
    }
    awaitAll(done);
    ticker.shutdownNow();
  }

  private static void awaitAll(List<Future<?>> tasks) throws Exception {
    for (Future<?> task : tasks) {
      task.get(30, TimeUnit.MINUTES);
    }
  }

  /** The most threads that post at once in the paced phase. */
  static final int MAX_WRITERS = 256;

  /**
   * The threads that post records; {@link ThreadCpu} counts them as the benchmark's clients, with
   * the JDK's HTTP client threads of the probes.
   */
  private static ExecutorService writerThreads(int count) {
    AtomicInteger made = new AtomicInteger();
    return Executors.newFixedThreadPool(
        count,
        task -> {
          Thread t = new Thread(task, ThreadCpu.WRITER_THREAD + made.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** {@code rate} records/s for {@code seconds} s to node 1, paced by start time. */
  void visibility(int rate, int seconds) throws Exception {
    // Enough threads that requests slower than 1/rate overlap instead of delaying the schedule;
    // shut down after the CPU readings, as in the throughput phase.
    ExecutorService workers = writerThreads(Math.max(16, Math.min(MAX_WRITERS, rate / 2)));
    try {
      visibility(workers, rate, seconds);
    } finally {
      workers.shutdownNow();
    }
  }

  private void visibility(ExecutorService workers, int rate, int seconds) throws Exception {
    resetVisibility();
    int total = rate * seconds;
    List<Doc> docs = BenchLoad.generate(total, 2);
    ExecutorService probes = Executors.newFixedThreadPool(2);
    List<Tally> probed = new ArrayList<>();
    for (int n = 2; n <= nodes.size(); n++) {
      probed.add(new Tally());
    }
    Tally tally = new Tally();
    long[] refreshesBefore = refreshes();
    long[] notificationsBefore = notifications();
    StatementCounter.Reading statementsBefore = statements.read();
    CpuMeter.Reading cpuBefore = CpuMeter.read();
    List<Future<?>> posted = new ArrayList<>();
    AtomicLong maxLag = new AtomicLong();
    AtomicInteger late = new AtomicInteger();
    ScheduledExecutorService ticker = tally.printProgress(out, total);
    long t0 = System.nanoTime() + 100_000_000L;
    for (int i = 0; i < total; i++) {
      long due = t0 + Math.round(i * 1e9 / rate);
      for (long left; (left = due - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(left);
      }
      Doc doc = docs.get(i);
      boolean probe = i % rate == rate / 2;
      posted.add(
          workers.submit(
              () -> {
                long lag = System.nanoTime() - due;
                maxLag.accumulateAndGet(lag, Math::max);
                if (lag > 20_000_000L) {
                  late.incrementAndGet();
                }
                if (BenchLoad.write(posters.get(0), doc, tally)) {
                  written.add(doc.uuid());
                  if (probe) {
                    probes.execute(
                        () -> BenchLoad.probe(nodes.subList(1, nodes.size()), doc.uuid(), probed));
                  }
                }
              }));
    }
    awaitAll(posted);
    finish(probes);
    ticker.shutdownNow();
    double achieved = tally.perSecondSince(t0);
    pacedAchieved = achieved;
    boolean pacedMet = achieved >= rate * 0.99 && late.get() < LATE_TARGET * total;
    out.printf(
        "paced writes to node 1: target %d/s for %d s, achieved %.1f/s, %d failed%s;"
            + " %d started >20 ms late (max %.0f ms)%n",
        rate, seconds, achieved, tally.failed.get(), tally.why(), late.get(), maxLag.get() / 1e6);
    figures.add(
        new Figure(
            "paced writes to node 1",
            String.format("%.1f/s for %d s", achieved, seconds),
            rate + "/s, < 1% late",
            (pacedMet ? "met, " : "NOT met, ")
                + tally.failed.get()
                + " failed, "
                + late.get()
                + " late"));
    double catchUp = awaitCaughtUp(Duration.ofMinutes(5));
    out.printf("  every node caught up %.0f ms after the last write%n", catchUp);
    CpuMeter.Reading cpuAfter = CpuMeter.read();
    figures.add(new Figure("  CPU per write", reportCpu(cpuBefore, cpuAfter, tally.ok()), "", ""));
    String byThread = reportCpuByThread(cpuBefore, cpuAfter, tally.ok());
    if (!byThread.isEmpty()) {
      figures.add(new Figure("  CPU per write by thread, ms", byThread, "", ""));
    }
    figures.add(
        new Figure("  searcher refreshes", reportRefreshes(refreshesBefore, tally.ok()), "", ""));
    figures.add(
        new Figure(
            "  topic messages per write",
            reportNotifications(notificationsBefore, tally.ok()),
            "",
            ""));
    String counted = reportStatements(statementsBefore, tally.ok());
    if (!counted.isEmpty()) {
      figures.add(new Figure("  database statements per write", counted, "", ""));
    }
    double worst = 0;
    double worst50 = 0;
    for (int n = 1; n <= nodes.size(); n++) {
      JsonNode v = visibilityOf(nodes.get(n - 1), tally.ok());
      String value =
          String.format(
              "p50 %.0f / p95 %.0f / p99 %.0f / max %.0f ms (n=%d)",
              v.path("p50Ms").asDouble(),
              v.path("p95Ms").asDouble(),
              v.path("p99Ms").asDouble(),
              v.path("maxMs").asDouble(),
              v.path("count").asLong());
      String what = n == 1 ? "on node 1 itself" : "commit on 1 -> searchable on " + n;
      out.printf("  visibility %s: %s%n", what, value);
      out.printf("    slowest (searchable at, UTC): %s%n", slowest(v.path("slowest")));
      figures.add(new Figure("visibility, " + what, value, "", ""));
      worst = n == 1 ? worst : Math.max(worst, v.path("p99Ms").asDouble());
      worst50 = n == 1 ? worst50 : Math.max(worst50, v.path("p50Ms").asDouble());
    }
    worstP50 = worst50;
    worstP99 = worst;
    boolean met =
        worst <= VISIBILITY_P99_TARGET_MS && worst50 <= VISIBILITY_P50_TARGET_MS && tally.ok() > 0;
    figures.add(
        new Figure(
            "visibility p50 / p99, worst other node",
            String.format("%.0f / %.0f ms", worst50, worst),
            String.format(
                "<= %.0f / %.0f ms at %d/s",
                VISIBILITY_P50_TARGET_MS, VISIBILITY_P99_TARGET_MS, rate),
            met ? "met" : "NOT met"));
    for (int n = 2; n <= nodes.size(); n++) {
      Tally p = probed.get(n - 2);
      String value =
          String.format(
              "p50 %.0f / max %.0f ms (n=%d)%s",
              p.ms(0.5),
              p.ms(1),
              p.ok(),
              p.failed.get() == 0 ? "" : ", " + p.failed.get() + " not found in 10 s");
      out.printf("  client view, 201 from node 1 -> uuid found on node %d: %s%n", n, value);
      figures.add(new Figure("  client view: 201 -> found on node " + n, value, "", ""));
    }
    checkPresent(10);
  }

  /** Searches {@code sample} written uuids, spread over the run, on every node but node 1. */
  private void checkPresent(int sample) throws IOException, InterruptedException {
    List<String> uuids = new ArrayList<>(written);
    int picks = Math.min(sample, uuids.size());
    int checked = 0;
    int found = 0;
    for (int s = 0; s < picks; s++) {
      String uuid = uuids.get(s * uuids.size() / picks);
      for (int n = 2; n <= nodes.size(); n++, checked++) {
        if (BenchLoad.found(nodes.get(n - 1), uuid)) {
          found++;
        } else {
          out.printf("  MISSING: %s not found on node %d%n", uuid, n);
        }
      }
    }
    sane &= found == checked && checked > 0;
    out.printf(
        "  sanity: %d of %d sampled uuids found by search on nodes 2..%d%n",
        found, checked, nodes.size());
    figures.add(
        new Figure(
            "sanity: uuid search on nodes 2.." + nodes.size(),
            found + "/" + checked + " found",
            "all",
            found == checked && checked > 0 ? "ok" : "FAILED"));
  }

  /** Waits until every node's checkpoint is the database change-log head; returns the ms. */
  double awaitCaughtUp(Duration timeout) throws IOException, InterruptedException {
    long started = System.nanoTime();
    while (true) {
      StringBuilder behind = new StringBuilder();
      for (CatalogClient node : nodes) {
        JsonNode n = node.json("/api/node");
        if (n.path("checkpoint").asLong() != n.path("dbChangeLogHead").asLong()) {
          behind.append(
              String.format(
                  " %s at %d of %d;",
                  node.baseUrl(),
                  n.path("checkpoint").asLong(),
                  n.path("dbChangeLogHead").asLong()));
        }
      }
      if (behind.isEmpty()) {
        return (System.nanoTime() - started) / 1e6;
      }
      if (System.nanoTime() - started > timeout.toNanos()) {
        throw new IllegalStateException("nodes not caught up after " + timeout + ":" + behind);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Resets every node's visibility delays, again if one recorded a delay right afterwards: a node's
   * checkpoint rises when a batch is applied, slightly before the batch is refreshed and its delays
   * recorded, so the last batch of the previous phase may land just after a reset.
   */
  private void resetVisibility() throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 10; attempt++, Thread.sleep(200)) {
      long recorded = 0;
      for (CatalogClient node : nodes) {
        expect(node.delete("/api/admin/index/visibility"), 204, "reset visibility");
      }
      Thread.sleep(200);
      for (CatalogClient node : nodes) {
        recorded += node.json("/api/admin/index/visibility").path("count").asLong();
      }
      if (recorded == 0) {
        return;
      }
    }
    throw new IllegalStateException("visibility delays keep arriving after a reset");
  }

  /** The node's delays once it recorded {@code expected} (see {@link #resetVisibility}). */
  /** The slowest samples of a node, as "HH:mm:ss.SSS 123 ms", slowest first. */
  static String slowest(JsonNode samples) {
    List<String> shown = new ArrayList<>();
    for (JsonNode sample : samples) {
      String at = sample.path("visibleAt").asString();
      int t = at.indexOf('T');
      shown.add(
          String.format(
              "%s %.0f ms",
              t < 0 ? at : at.substring(t + 1).replace("Z", ""), sample.path("ms").asDouble()));
    }
    return shown.isEmpty() ? "none" : String.join(", ", shown);
  }

  private JsonNode visibilityOf(CatalogClient node, long expected)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    JsonNode v = node.json("/api/admin/index/visibility");
    while (v.path("count").asLong() < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      v = node.json("/api/admin/index/visibility");
    }
    return v;
  }

  static void expect(CatalogClient.Response r, int status, String what) {
    if (r.status() != status) {
      throw new IllegalStateException(what + " answered " + r.status() + ": " + r.body());
    }
  }

  private static void finish(ExecutorService pool) throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("writers did not finish within 30 minutes");
    }
  }
}
