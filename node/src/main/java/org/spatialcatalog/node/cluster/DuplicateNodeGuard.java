package org.spatialcatalog.node.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.spatialcatalog.config.NodeIdentity;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node whose node id another live node already uses, which happens when a node
 * directory is copied: the two would share one JMS client id and one heartbeat row.
 *
 * <p>At start, before the index sync and the broker connection: if the heartbeat row of this id is
 * fresh (younger than 15 s) and does not belong to a dead earlier run of this node on this host
 * (same host, process gone), the guard watches it for one heartbeat period; if it advances, another
 * process is beating with this id and the start fails with a message saying what to do.
 */
@Component
class DuplicateNodeGuard implements SmartLifecycle {

  static final Duration FRESH = Duration.ofSeconds(15);
  static final Duration WATCH = Duration.ofSeconds(7);

  private final JdbcClient jdbc;
  private final NodeIdentity identity;
  private final Clock clock;
  private volatile boolean running;

  DuplicateNodeGuard(JdbcClient jdbc, NodeIdentity identity, Clock clock) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.clock = clock;
  }

  private record Beat(String host, long pid, int port, Instant at) {}

  private Optional<Beat> beat() {
    return jdbc.sql("SELECT host, pid, http_port, heartbeat_at FROM cluster_node WHERE node_id = ?")
        .param(identity.nodeId())
        .query(
            (rs, i) ->
                new Beat(
                    rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getTimestamp(4).toInstant()))
        .optional();
  }

  void check() {
    Optional<Beat> first = beat();
    if (first.isEmpty()
        || Duration.between(first.get().at(), Instant.now(clock)).compareTo(FRESH) > 0) {
      return;
    }
    Beat b = first.get();
    boolean sameHost = NodeHeartbeat.hostName().equals(b.host());
    if (sameHost
        && (b.pid() == ProcessHandle.current().pid()
            || ProcessHandle.of(b.pid()).map(p -> !p.isAlive()).orElse(true))) {
      return;
    }
    try {
      Thread.sleep(WATCH.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Optional<Beat> second = beat();
    if (second.isPresent() && second.get().at().isAfter(b.at())) {
      Beat now = second.get();
      throw new IllegalStateException(
          "node id "
              + identity.nodeId()
              + " is already used by a"
              + " live node ("
              + now.host()
              + ":"
              + now.port()
              + ", pid "
              + now.pid()
              + ", heartbeat at "
              + now.at()
              + "). This node directory ("
              + identity.nodeDir()
              + ") was probably copied from that node. Give every node its own directory; to give"
              + " this one a new id, delete "
              + identity.nodeDir().resolve("cluster-config").resolve("node.properties")
              + " (its index is rebuilt if needed).");
    }
  }

  @Override
  public void start() {
    check();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Before the index synchronizer (0) and the broker connection (10).
    return -100;
  }
}
