package org.spatialcatalog.node.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.messaging.BrokerSettings;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.messaging.Destinations;
import org.spatialcatalog.messaging.DurableSubscriptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Removes a node that is gone for good: its durable subscriptions on the broker (so the broker
 * stops keeping messages for it) and its heartbeat row (so it leaves the cluster status and no
 * longer counts for change-log retention). Refused for this node itself and for a node whose
 * heartbeat is younger than {@value #ALIVE_SECONDS} s: stop it first.
 */
@Component
public class NodeDecommissioner {

  private static final Logger log = LoggerFactory.getLogger(NodeDecommissioner.class);

  /** A node whose heartbeat is younger than this many seconds counts as alive. */
  public static final int ALIVE_SECONDS = 15;

  private final JdbcClient jdbc;
  private final NodeIdentity identity;
  private final ClusterMembership membership;
  private final Destinations destinations;
  private final ObjectProvider<TopicListener> topicListeners;
  private final Clock clock;

  NodeDecommissioner(
      JdbcClient jdbc,
      NodeIdentity identity,
      ClusterMembership membership,
      Destinations destinations,
      ObjectProvider<TopicListener> topicListeners,
      Clock clock) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.membership = membership;
    this.destinations = destinations;
    this.topicListeners = topicListeners;
    this.clock = clock;
  }

  /** Decommissions {@code nodeId}; answers what was removed. */
  public Map<String, Object> decommission(String nodeId) {
    if (identity.nodeId().equals(nodeId)) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "node "
              + nodeId
              + " is the node answering this request: stop it and call this on another node");
    }
    Instant heartbeat =
        Heartbeats.last(jdbc, nodeId)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        "no node " + nodeId + " is known (no heartbeat row)"));
    Duration age = Duration.between(heartbeat, Instant.now(clock));
    if (age.toSeconds() < ALIVE_SECONDS) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, stillAlive(nodeId, age, heartbeat));
    }
    List<String> removed = List.of();
    BrokerSettings broker = membership.broker();
    if (broker != null) {
      List<CatalogTopic> topics =
          topicListeners.orderedStream().map(TopicListener::topic).distinct().toList();
      try {
        removed =
            DurableSubscriptions.remove(broker, destinations, nodeId, topics).stream()
                .map(CatalogTopic::baseName)
                .toList();
      } catch (RuntimeException e) {
        throw new MessagingUnavailableException(
            "cannot remove the subscriptions of " + nodeId + ": " + e.getMessage(), e);
      }
    }
    jdbc.sql("DELETE FROM cluster_node WHERE node_id = ?").param(nodeId).update();
    log.info(
        "node {} decommissioned: {} durable subscriptions removed, heartbeat row deleted",
        nodeId,
        removed.size());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("nodeId", nodeId);
    body.put("removedSubscriptions", removed);
    body.put("heartbeatRemoved", true);
    return body;
  }

  /** Why a node whose heartbeat is recent is not decommissioned (the API's and the command's). */
  public static String stillAlive(String nodeId, Duration age, Instant heartbeat) {
    return "node "
        + nodeId
        + " is alive (last heartbeat "
        + age.toSeconds()
        + " s ago at "
        + heartbeat
        + "): stop it first";
  }
}
