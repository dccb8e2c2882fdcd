package org.spatialcatalog.node.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Injects the faults of a {@link FaultSchedule} into a {@link ChaosCluster}, one after the other on
 * its own thread, each healed before the next starts (a killed node is started again, a black hole
 * ends, a paused node resumes). Every planned fault is injected, at its planned time or as soon as
 * the previous one is healed, so a slow machine stretches the timeline but never shortens the
 * schedule; only a fault still waiting {@link #GRACE} after the planned end of the run is left out,
 * and the timeline says so. Keeps the timeline of what was really done and when.
 */
final class FaultInjector {

  private final ChaosCluster cluster;
  private final List<Fault> schedule;
  private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
  private final long startNanos;
  private final Thread thread;

  /** How long past the planned end of the run faults are still injected. */
  static final Duration GRACE = Duration.ofMinutes(5);

  private final long endNanos;
  private volatile Exception failure;

  FaultInjector(ChaosCluster cluster, List<Fault> schedule, long startNanos, Duration run) {
    this.endNanos = startNanos + run.plus(GRACE).toNanos();
    this.cluster = cluster;
    this.schedule = List.copyOf(schedule);
    this.startNanos = startNanos;
    this.thread = new Thread(this::run, "chaos-faults");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Waits until every fault is injected and healed (or left out after the grace period). */
  void awaitHealed() throws InterruptedException {
    thread.join();
  }

  List<String> timeline() {
    return List.copyOf(timeline);
  }

  /** The exception that stopped the injector early, or null. */
  Exception failure() {
    return failure;
  }

  private void note(String what) {
    double at = (System.nanoTime() - startNanos) / 1e9;
    timeline.add(String.format("t+%6.1fs %s", at, what));
  }

  private void run() {
    for (Fault fault : schedule) {
      try {
        long wait = startNanos + Duration.ofSeconds(fault.atSecond()).toNanos() - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000);
        }
        if (System.nanoTime() > endNanos) {
          note("not injected, " + GRACE.toMinutes() + " min past the planned end: " + fault);
          continue;
        }
        inject(fault);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        failure = e;
        note("fault injection failed: " + e);
        return;
      }
    }
  }

  /** Injects one fault and heals it. */
  private void inject(Fault fault) throws Exception {
    int n = fault.node();
    ChildProcess node = n > 0 ? cluster.node(n) : null;
    switch (fault.kind()) {
      case KILL_NODE -> {
        note("kill -9 node " + n);
        node.kill();
        pause(fault);
        node.start();
        note("node " + n + " started again");
      }
      case RESTART_NODE -> {
        note("graceful stop of node " + n);
        cluster.stopNode(n);
        node.start();
        note("node " + n + " started again");
      }
      case RESTART_BROKER -> {
        note("graceful stop of the broker");
        cluster.stopBroker();
        cluster.startBroker();
        note("broker started again");
      }
      case KILL_BROKER -> {
        note("kill -9 broker");
        cluster.broker().kill();
        pause(fault);
        cluster.startBroker();
        note("broker started again");
      }
      case BLACK_HOLE_BROKER -> {
        note("broker black-holed from node " + n + " for " + fault.seconds() + "s");
        cluster.brokerProxy(n).mode(FaultProxy.Mode.BLACK_HOLE);
        pause(fault);
        cluster.brokerProxy(n).mode(FaultProxy.Mode.PASS);
        note("broker reachable again from node " + n);
      }
      case DROP_DATABASE -> {
        int dropped = 0;
        for (int i = 1; i <= cluster.size(); i++) {
          cluster.databaseProxy(i).mode(FaultProxy.Mode.REFUSE);
          dropped += cluster.databaseProxy(i).dropAll();
        }
        note(
            "database connections dropped ("
                + dropped
                + " sockets), refused for "
                + fault.seconds()
                + "s");
        pause(fault);
        for (int i = 1; i <= cluster.size(); i++) {
          cluster.databaseProxy(i).mode(FaultProxy.Mode.PASS);
        }
        note("database reachable again");
      }
      case PAUSE_NODE -> {
        note("SIGSTOP node " + n + " for " + fault.seconds() + "s");
        node.pause();
        pause(fault);
        node.resume();
        note("SIGCONT node " + n);
      }
      case RESTART_CLUSTER -> {
        note("whole cluster stopping");
        cluster.stopAllNodes();
        cluster.stopBroker();
        cluster.startBroker();
        cluster.startAllNodes(ChaosCluster.NODE_START);
        note("whole cluster started again");
      }
    }
  }

  private static void pause(Fault fault) throws InterruptedException {
    Thread.sleep(fault.seconds() * 1000L);
  }
}
