package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The CPU time a benchmark phase cost per record, by what the threads do: the nodes' request
 * threads, their {@code index-sync}, the database server, the broker and so on. It says which part
 * of the work a change of the rate came from, without a profiler.
 *
 * <p>Read from Linux's {@code /proc/PID/task/TID/stat} (user and system time in USER_HZ ticks,
 * 1/100 s, and the thread's name as the JVM set it, cut to 15 characters) for this JVM and for the
 * node JVMs among its descendants. A thread that ends takes its time with it: the process total
 * ({@code /proc/PID/stat}) less what the live threads account for is reported as "ended threads";
 * on a node it is mostly Lucene's merges, which run on a new thread each (the benchmark keeps the
 * nodes' compiler threads alive, see {@link BenchCluster#jvmArgs}). A thread alive at the first
 * reading that ends before the second moves its whole life there, so its group shows that much
 * less; the total stays right. Empty where there is no {@code /proc}.
 */
final class ThreadCpu {

  private static final Path PROC = Path.of("/proc");
  private static final long NANOS_PER_TICK = 10_000_000L;
  private static final String ENDED = "ended threads";

  /** The group of the JIT compilers' threads. */
  static final String JIT_COMPILERS = "JIT compilers";

  /** The start of the names of the benchmark's threads that post records. */
  static final String WRITER_THREAD = "bench-writer-";

  /** What a thread does, from the start of its name; the first match wins. */
  private static final List<Map.Entry<String, String>> GROUPS =
      List.of(
          Map.entry("http-nio-", "requests"),
          Map.entry("index-sync", "index-sync"),
          Map.entry("harvest-", "harvest"),
          Map.entry("index-refresh", "refresh and commit"),
          Map.entry("index-commit", "refresh and commit"),
          Map.entry("index-rebuild", "rebuild threads"),
          Map.entry("Lucene Merge", "Lucene merges"),
          Map.entry("H2 ", "database"),
          Map.entry("H2-", "database"),
          Map.entry("MVStore", "database"),
          Map.entry("durable-", "messaging"),
          Map.entry("broker-send", "messaging"),
          Map.entry("change-publish", "messaging"),
          Map.entry("ActiveMQ", "messaging"),
          Map.entry("HttpClient", "benchmark clients"),
          Map.entry(WRITER_THREAD, "benchmark clients"),
          Map.entry("C1 Compiler", JIT_COMPILERS),
          Map.entry("C2 Compiler", JIT_COMPILERS),
          Map.entry("GC Thread", "GC"),
          Map.entry("G1 ", "GC"),
          Map.entry("VM Thread", "GC"));

  /** Nanoseconds of CPU by group, for this JVM ({@code self}) and the nodes together. */
  record Reading(Map<String, Long> self, Map<String, Long> nodes) {}

  private ThreadCpu() {}

  static Reading read() {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> nodes = new HashMap<>();
    ProcessHandle current = ProcessHandle.current();
    readProcess(current.pid(), self, ThreadCpu::group);
    try (Stream<ProcessHandle> descendants = current.descendants()) {
      descendants
          .filter(ThreadCpu::isJava)
          .forEach(p -> readProcess(p.pid(), nodes, ThreadCpu::nodeGroup));
    }
    return new Reading(self, nodes);
  }

  /**
   * "nodes: requests 2.6, index-sync 1.3, ...; this JVM: database 1.1, ...": milliseconds of CPU
   * per write between the two readings by group, largest first, groups under 0.05 ms left out;
   * empty when nothing was written or {@code /proc} could not be read. {@code writes} may be a
   * fraction: thousands of records give microseconds per record.
   */
  static String perWrite(Reading before, Reading after, double writes) {
    if (writes <= 0 || after.self().isEmpty()) {
      return "";
    }
    return "nodes: "
        + describe(before.nodes(), after.nodes(), writes)
        + "; this JVM: "
        + describe(before.self(), after.self(), writes);
  }

  /**
   * Milliseconds of CPU per write that the nodes' threads of {@code group} took between the two
   * readings; -1 when nothing was written or {@code /proc} could not be read.
   */
  static double nodesPerWrite(Reading before, Reading after, String group, double writes) {
    if (writes <= 0 || after.nodes().isEmpty()) {
      return -1;
    }
    long nanos = after.nodes().getOrDefault(group, 0L) - before.nodes().getOrDefault(group, 0L);
    return Math.max(0, nanos) / 1e6 / writes;
  }

  private static String describe(Map<String, Long> before, Map<String, Long> after, double writes) {
    Map<String, Double> perWrite = new LinkedHashMap<>();
    after.forEach(
        (group, nanos) ->
            perWrite.put(
                group, Math.max(0, nanos - before.getOrDefault(group, 0L)) / 1e6 / writes));
    List<String> parts = new ArrayList<>();
    perWrite.entrySet().stream()
        .filter(e -> e.getValue() >= 0.05)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())));
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  /**
   * Adds the process's threads to {@code groups} by name; its time not held by a live thread goes
   * to "ended threads", as the difference of the process total to the sum of its threads.
   */
  private static void readProcess(
      long pid, Map<String, Long> groups, Function<String, String> grouping) {
    Path task = PROC.resolve(Long.toString(pid)).resolve("task");
    long processTotal = ticks(PROC.resolve(Long.toString(pid)).resolve("stat"));
    if (processTotal < 0) {
      return;
    }
    long threads = 0;
    try (Stream<Path> tids = Files.list(task)) {
      for (Path tid : (Iterable<Path>) tids::iterator) {
        String stat = readStat(tid.resolve("stat"));
        if (stat == null) {
          continue; // the thread ended while listing
        }
        long t = ticks(stat);
        threads += t;
        groups.merge(grouping.apply(name(stat)), t * NANOS_PER_TICK, Long::sum);
      }
    } catch (IOException e) {
      return;
    }
    // Per process, so that one node's ended threads are not offset against another's live ones.
    groups.merge(ENDED, Math.max(0, processTotal - threads) * NANOS_PER_TICK, Long::sum);
  }

  /**
   * What a node's thread does. As {@link #group}, but the JDK HTTP client's threads there are the
   * node's own (a harvester's requests to its source, webhooks), not the benchmark's.
   */
  static String nodeGroup(String threadName) {
    return threadName.startsWith("HttpClient") ? "HTTP clients" : group(threadName);
  }

  /** What a thread of the benchmark's JVM does, from the start of its name. */
  static String group(String threadName) {
    for (Map.Entry<String, String> g : GROUPS) {
      if (threadName.startsWith(g.getKey())) {
        return g.getValue();
      }
    }
    return "other";
  }

  /** The thread name in a stat line: between the first '(' and the last ')'. */
  static String name(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    return open >= 0 && close > open ? stat.substring(open + 1, close) : "";
  }

  /** utime + stime of a stat line, in ticks; -1 if it cannot be read. */
  static long ticks(String stat) {
    if (stat == null) {
      return -1;
    }
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // After the name: state(0) ppid ... utime is field 14 of the line, 11 after the name.
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static long ticks(Path stat) {
    return ticks(readStat(stat));
  }

  private static String readStat(Path stat) {
    try {
      return Files.readString(stat);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isJava(ProcessHandle p) {
    return p.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false);
  }
}
