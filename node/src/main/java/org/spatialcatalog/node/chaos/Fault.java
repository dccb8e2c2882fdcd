package org.spatialcatalog.node.chaos;

/**
 * One planned fault.
 *
 * @param atSecond when it starts, in seconds after the workload started
 * @param kind what is done
 * @param node the node it targets (1-based), 0 for the broker, the database or the whole cluster
 * @param seconds how long the fault lasts before it is healed (a delay, a pause, an outage)
 */
record Fault(int atSecond, Kind kind, int node, int seconds) {

  /** The faults a chaos run injects, with the guarantee each one tests. */
  enum Kind {
    KILL_NODE("kill -9 of a node, restarted after a delay"),
    RESTART_NODE("graceful restart of a node"),
    RESTART_BROKER("graceful broker restart"),
    KILL_BROKER("kill -9 of the broker, restarted after a delay"),
    BLACK_HOLE_BROKER("broker black-holed from one node"),
    DROP_DATABASE("database connections dropped, refused for a while"),
    PAUSE_NODE("node paused (SIGSTOP) past its harvest lease, then resumed"),
    RESTART_CLUSTER("whole cluster stopped and started");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  @Override
  public String toString() {
    String target = node > 0 ? " node " + node : "";
    return String.format("t+%3ds %-17s%s for %ds", atSecond, kind, target, seconds);
  }
}
