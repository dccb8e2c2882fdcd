package org.spatialcatalog.node.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Injects the faults of a {@link FaultSchedule} into a {@link ChaosCluster}, one after the other
 * on its own thread, each healed before the next starts (a killed node is started again, a
 * black hole ends, a paused node resumes); a fault whose time comes after the workload ended is
 * not injected. Keeps the timeline of what was really done and when.
 */
final class FaultInjector {

  private final ChaosCluster cluster;
  private final List<Fault> schedule;
  private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
  private final long startNanos;
  private final Thread thread;
  private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
  private volatile Exception failure;

  FaultInjector(ChaosCluster cluster, List<Fault> schedule, long startNanos) {
    this.cluster = cluster;
    this.schedule = List.copyOf(schedule);
    this.startNanos = startNanos;
    this.thread = new Thread(this::run, "chaos-faults");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** No new faults; waits until the fault in progress is healed. */
  void stop() throws InterruptedException {
    ended.countDown();
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
      long wait = startNanos + Duration.ofSeconds(fault.atSecond()).toNanos() - System.nanoTime();
      if (await(wait)) {
        note("not injected, the workload had ended: " + fault);
        continue;
      }
      try {
        inject(fault);
      } catch (Exception e) {
        failure = e;
        note("fault injection failed: " + e);
        return;
      }
    }
  }

  /** Injects one fault and heals it; the end of the workload only shortens its wait. */
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
        note("database connections dropped (" + dropped + " sockets), refused for "
            + fault.seconds() + "s");
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
        cluster.startAllNodes(Duration.ofMinutes(4));
        note("whole cluster started again");
      }
    }
  }

  private void pause(Fault fault) {
    await(Duration.ofSeconds(fault.seconds()).toNanos());
  }

  /** Waits up to {@code nanos}; true if the workload ended (now or before). */
  private boolean await(long nanos) {
    try {
      return ended.await(Math.max(0, nanos), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
