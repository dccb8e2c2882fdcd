package org.spatialcatalog.node.harvest.job;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who did what to harvesters: the user behind a request (creating, changing, deleting a harvester;
 * running, cancelling, resuming a job), or {@code system} for the node's own work (schedules,
 * recovery). Job events carry the actor through {@link JobTransitions}; harvester events are kept
 * here, and outlive their harvester.
 */
@Component
public class HarvestAudit {

  /** One change of a harvester definition. */
  public record Event(Instant at, String node, String actor, String action, String detail) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String nodeId;

  HarvestAudit(JdbcClient jdbc, Clock clock, NodeIdentity identity) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.nodeId = identity.nodeId();
  }

  /** The user this thread works for: a request's user, or {@code system}. */
  static String actor() {
    return CurrentUser.get().username();
  }

  public void harvesterChanged(String harvesterId, String action, String detail) {
    jdbc.sql(
            "INSERT INTO harvester_event (harvester_id, at, node_id, actor, action, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            harvesterId,
            Timestamp.from(Instant.now(clock)),
            nodeId,
            actor(),
            action,
            JobTransitions.truncate(detail))
        .update();
  }

  public List<Event> events(String harvesterId) {
    return jdbc.sql(
            "SELECT at, node_id, actor, action, detail FROM harvester_event"
                + " WHERE harvester_id = ? ORDER BY id")
        .param(harvesterId)
        .query(
            (rs, i) ->
                new Event(
                    rs.getTimestamp(1).toInstant(),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .list();
  }
}
