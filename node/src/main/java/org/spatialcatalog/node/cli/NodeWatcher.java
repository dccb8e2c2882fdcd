package org.spatialcatalog.node.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Watches the demo's nodes: when one exits without being asked to, says so once (with its log) and
 * offers to restart it; {@link #restart(int)} starts it again with the same command.
 */
final class NodeWatcher {

  private final LocalCluster cluster;
  private final PrintStream out;
  private final Set<Integer> reported = new HashSet<>();
  private volatile boolean running = true;
  private Thread thread;

  NodeWatcher(LocalCluster cluster, PrintStream out) {
    this.cluster = cluster;
    this.out = out;
  }

  void start() {
    thread = new Thread(this::watch, "demo-node-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    running = false;
  }

  private void watch() {
    while (running) {
      try {
        for (NodeProcess node : cluster.nodes()) {
          check(node);
        }
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        out.println("node watcher: " + e);
      }
    }
  }

  private synchronized void check(NodeProcess node) {
    if (running && !node.isAlive() && reported.add(node.number())) {
      out.printf(
          "node %d stopped unexpectedly (exit code %s; log %s)%n"
              + "  type 'restart %d' and Enter to start it again%n",
          node.number(), node.exitCode(), node.logFile(), node.number());
    }
  }

  synchronized void restart(int number) {
    if (number < 1 || number > cluster.nodes().size()) {
      out.println("no node " + number);
      return;
    }
    try {
      out.println("restarting node " + number + "...");
      cluster.restart(number, DemoCommand.NODE_START);
      reported.remove(number);
      out.println("node " + number + " ready: " + cluster.node(number).baseUrl());
    } catch (Exception e) {
      out.println("node " + number + " did not restart: " + e.getMessage());
    }
  }
}
