package org.spatialcatalog.node.cluster;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.index.RecordIndex;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes this node's heartbeat and index state to {@code cluster_node} every few seconds, so the
 * cluster knows its nodes even when the broker is down. The checkpoint written is the committed one
 * (what survives a crash), because change-log retention prunes up to it. Failures are logged and
 * retried at the next beat.
 */
@Component
class NodeHeartbeat {

  private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

  private final JdbcClient jdbc;
  private final NodeIdentity identity;
  private final RecordIndex index;
  private final Clock clock;
  private final Environment environment;
  private final Instant startedAt;

  NodeHeartbeat(
      JdbcClient jdbc,
      NodeIdentity identity,
      RecordIndex index,
      Clock clock,
      Environment environment) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.index = index;
    this.clock = clock;
    this.environment = environment;
    this.startedAt = Instant.now(clock);
  }

  @Scheduled(initialDelay = 0, fixedDelay = 5000)
  void beat() {
    try {
      Timestamp now = Timestamp.from(Instant.now(clock));
      int updated =
          jdbc.sql(
                  "UPDATE cluster_node SET host = ?, http_port = ?, pid = ?, version = ?,"
                      + " started_at = ?, heartbeat_at = ?, index_checkpoint = ?, indexed_records = ?"
                      + " WHERE node_id = ?")
              .params(
                  host(),
                  port(),
                  ProcessHandle.current().pid(),
                  version(),
                  Timestamp.from(startedAt),
                  now,
                  index.committedCheckpoint(),
                  index.count(),
                  identity.nodeId())
              .update();
      if (updated == 0) {
        jdbc.sql(
                "INSERT INTO cluster_node (node_id, host, http_port, pid, version, started_at,"
                    + " heartbeat_at, index_checkpoint, indexed_records) VALUES (?,?,?,?,?,?,?,?,?)")
            .params(
                identity.nodeId(),
                host(),
                port(),
                ProcessHandle.current().pid(),
                version(),
                Timestamp.from(startedAt),
                now,
                index.committedCheckpoint(),
                index.count())
            .update();
      }
    } catch (RuntimeException e) {
      log.warn("heartbeat not written: {}", e.toString());
    }
  }

  private String host() {
    return hostName();
  }

  static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown";
    }
  }

  private int port() {
    return environment.getProperty(
        "local.server.port",
        Integer.class,
        environment.getProperty("server.port", Integer.class, 8080));
  }

  private String version() {
    String v = NodeHeartbeat.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
