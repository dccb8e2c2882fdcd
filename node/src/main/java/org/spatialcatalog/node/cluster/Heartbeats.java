package org.spatialcatalog.node.cluster;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the heartbeat rows that {@link NodeHeartbeat} writes, for callers outside the node. */
public final class Heartbeats {

  private Heartbeats() {}

  /** When {@code nodeId} last wrote its heartbeat; empty when no such node is known. */
  public static Optional<Instant> last(JdbcClient jdbc, String nodeId) {
    return jdbc.sql("SELECT heartbeat_at FROM cluster_node WHERE node_id = ?")
        .param(nodeId)
        .query((rs, i) -> rs.getTimestamp(1).toInstant())
        .optional();
  }
}
