package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void groupsThreadsByWhatTheyDo() {
    assertThat(ThreadCpu.group("http-nio-18081-")).isEqualTo("requests");
    assertThat(ThreadCpu.group("index-sync")).isEqualTo("index-sync");
    assertThat(ThreadCpu.group("index-commit")).isEqualTo("refresh and commit");
    assertThat(ThreadCpu.group("Lucene Merge Th")).isEqualTo("Lucene merges");
    assertThat(ThreadCpu.group("H2 TCP Server (")).isEqualTo("database");
    assertThat(ThreadCpu.group("ActiveMQ Transp")).isEqualTo("messaging");
    assertThat(ThreadCpu.group("durable-RE-INDE")).isEqualTo("messaging");
    assertThat(ThreadCpu.group("HttpClient-1-Wo")).isEqualTo("benchmark clients");
    assertThat(ThreadCpu.group("bench-writer-12")).isEqualTo("benchmark clients");
    assertThat(ThreadCpu.nodeGroup("HttpClient-1-Wo")).isEqualTo("HTTP clients");
    assertThat(ThreadCpu.nodeGroup("http-nio-18081-")).isEqualTo("requests");
    assertThat(ThreadCpu.group("C1 CompilerThre")).isEqualTo("JIT compilers");
    assertThat(ThreadCpu.group("main")).isEqualTo("other");
  }

  @Test
  void readsTheNameAndTheTicksOfAStatLine() {
    // A name may hold spaces and parentheses: it ends at the last ')'.
    String stat =
        "4242 (H2 TCP Server (t) S 1 4242 4242 0 -1 4194368 90 0 0 0 1234 56 0 0 20 0 1 0 7 0 0";

    assertThat(ThreadCpu.name(stat)).isEqualTo("H2 TCP Server (t");
    assertThat(ThreadCpu.ticks(stat)).isEqualTo(1234 + 56);
  }

  @Test
  void givesMillisecondsPerWriteByGroupLargestFirst() {
    var before =
        new ThreadCpu.Reading(
            Map.of("database", 1_000_000_000L), Map.of("requests", 2_000_000_000L));
    // 1,000 writes: the nodes' request threads 2.6 s, index-sync 1.3 s, merges 0.01 s (left out
    // as under 0.05 ms a write); this JVM's database 1.1 s.
    var after =
        new ThreadCpu.Reading(
            Map.of("database", 2_100_000_000L),
            Map.of(
                "requests", 4_600_000_000L,
                "index-sync", 1_300_000_000L,
                "Lucene merges", 10_000_000L));

    assertThat(ThreadCpu.perWrite(before, after, 1000))
        .isEqualTo("nodes: requests 2.6, index-sync 1.3; this JVM: database 1.1");
    assertThat(ThreadCpu.perWrite(before, after, 0)).isEmpty();
  }

  @Test
  void givesTheNodesMillisecondsPerWriteOfOneGroup() {
    var before =
        new ThreadCpu.Reading(
            Map.of(ThreadCpu.JIT_COMPILERS, 5_000_000_000L),
            Map.of(ThreadCpu.JIT_COMPILERS, 1_000_000_000L, "requests", 1L));
    // 1,000 writes: the nodes' compilers 0.25 s, this JVM's (not the nodes') 2 s.
    var after =
        new ThreadCpu.Reading(
            Map.of(ThreadCpu.JIT_COMPILERS, 7_000_000_000L),
            Map.of(ThreadCpu.JIT_COMPILERS, 1_250_000_000L, "requests", 1L));

    assertThat(ThreadCpu.nodesPerWrite(before, after, ThreadCpu.JIT_COMPILERS, 1000))
        .isEqualTo(0.25);
    assertThat(ThreadCpu.nodesPerWrite(before, after, "index-sync", 1000)).isZero();
    assertThat(ThreadCpu.nodesPerWrite(before, after, ThreadCpu.JIT_COMPILERS, 0)).isEqualTo(-1);
    var unreadable = new ThreadCpu.Reading(Map.of(), Map.of());
    assertThat(ThreadCpu.nodesPerWrite(unreadable, unreadable, ThreadCpu.JIT_COMPILERS, 1000))
        .isEqualTo(-1);
  }

  @Test
  void countsALiveThreadUnderItsGroupAndAnEndedOneApart() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    ThreadCpu.Reading before = ThreadCpu.read();
    // Named like a node's sync thread, it spins 300 ms of its own CPU and waits; a second spins
    // and ends before the next reading.
    Object release = new Object();
    Thread live = spinner("index-sync", release);
    Thread ended = spinner("short-lived", null);
    live.start();
    ended.start();
    ended.join();
    await().atMost(Duration.ofSeconds(30)).until(() -> live.getState() == Thread.State.WAITING);
    ThreadCpu.Reading after = ThreadCpu.read();
    synchronized (release) {
      release.notifyAll();
    }
    live.join();

    // Ticks of 10 ms: at least 250 of the 300 ms show.
    assertThat(after.self().get("index-sync") - before.self().getOrDefault("index-sync", 0L))
        .isGreaterThanOrEqualTo(250_000_000L);
    assertThat(after.self().get("ended threads") - before.self().getOrDefault("ended threads", 0L))
        .isGreaterThanOrEqualTo(250_000_000L);
  }

  /** A thread that spins until it has used 300 ms of CPU, then waits on {@code release}. */
  private static Thread spinner(String name, Object release) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    return new Thread(
        () -> {
          long sum = 0;
          while (mx.getCurrentThreadCpuTime() < 300_000_000L) {
            sum += System.nanoTime() % 7;
          }
          if (sum < 0) {
            throw new AssertionError();
          }
          if (release != null) {
            synchronized (release) {
              try {
                release.wait();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        },
        name);
  }
}
