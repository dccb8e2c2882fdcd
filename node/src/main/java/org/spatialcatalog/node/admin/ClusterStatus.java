package org.spatialcatalog.node.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.MessagingUnavailableException;
import org.spatialcatalog.node.settings.LiveSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Collects every node's status: a SYSTEM_CONFIGURATION request goes out on the topic, each live
 * node answers on SYSTEM_CONFIGURATION_RESPONSE with the request's correlation id, and the caller
 * waits until every recently seen node answered or the wait ran out. Nodes known from their
 * heartbeat rows that did not answer are listed with {@code reachable: false}.
 *
 * <p>When this node cannot reach the broker itself (its {@code jms} state is not {@code
 * connected}), asking over JMS would make every other node look unreachable. The status then comes
 * from the heartbeat rows in the database instead: a node whose heartbeat is younger than {@value
 * #HEARTBEAT_ALIVE_SECONDS} s is listed as reachable with {@code source: heartbeat} and the index
 * figures of its last beat.
 */
@Component
class ClusterStatus {

  private static final Logger log = LoggerFactory.getLogger(ClusterStatus.class);

  /** Nodes whose heartbeat is older than this are not waited for. */
  private static final Duration RECENT = Duration.ofSeconds(30);

  /** Three missed beats (every 5 s): a node is taken as alive from its heartbeat row alone. */
  static final int HEARTBEAT_ALIVE_SECONDS = 15;

  private final NodeStatus nodeStatus;
  private final ClusterMembership membership;
  private final JdbcClient jdbc;
  private final LiveSettings settings;
  private final Map<String, Map<String, Map<String, Object>>> pending = new ConcurrentHashMap<>();

  ClusterStatus(
      NodeStatus nodeStatus, ClusterMembership membership, JdbcClient jdbc, LiveSettings settings) {
    this.settings = settings;
    this.nodeStatus = nodeStatus;
    this.membership = membership;
    this.jdbc = jdbc;
  }

  /** A known node from its heartbeat row. */
  record KnownNode(
      String nodeId,
      String host,
      int httpPort,
      Instant heartbeatAt,
      long checkpoint,
      long indexedRecords) {}

  Map<String, Object> collect(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> local = nodeStatus.current();
    String self = (String) local.get("nodeId");
    Map<String, Map<String, Object>> answers = new ConcurrentHashMap<>();
    answers.put(self, local);
    List<KnownNode> known = knownNodes();
    Set<String> awaited = ConcurrentHashMap.newKeySet();
    Instant recent = Instant.now().minus(RECENT);
    known.stream()
        .filter(n -> n.heartbeatAt().isAfter(recent))
        .forEach(n -> awaited.add(n.nodeId()));
    awaited.add(self);
    boolean asked = false;
    boolean fromHeartbeats = membership.clustering() && !"connected".equals(membership.state());
    if (membership.clustering() && !fromHeartbeats) {
      String correlationId = UUID.randomUUID().toString();
      pending.put(correlationId, answers);
      try {
        membership.publish(
            CatalogTopic.SYSTEM_CONFIGURATION,
            "",
            Map.of("correlationId", correlationId, "requester", self));
        asked = true;
        while (System.nanoTime() < deadline && !answers.keySet().containsAll(awaited)) {
          Thread.sleep(20);
        }
      } catch (MessagingUnavailableException e) {
        log.warn("cluster status request not sent: {}", e.getMessage());
      } finally {
        pending.remove(correlationId);
      }
    }
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (Map<String, Object> answer : answers.values()) {
      Map<String, Object> node = new LinkedHashMap<>(answer);
      node.put("reachable", true);
      known.stream()
          .filter(k -> k.nodeId().equals(node.get("nodeId")))
          .findFirst()
          .ifPresent(k -> node.put("lastHeartbeat", k.heartbeatAt()));
      nodes.add(node);
    }
    Instant alive = Instant.now().minusSeconds(HEARTBEAT_ALIVE_SECONDS);
    for (KnownNode k : known) {
      if (!answers.containsKey(k.nodeId())) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("nodeId", k.nodeId());
        node.put("host", k.host());
        node.put("httpPort", k.httpPort());
        boolean reachable = fromHeartbeats && k.heartbeatAt().isAfter(alive);
        node.put("reachable", reachable);
        if (reachable) {
          node.put("source", "heartbeat");
          node.put("checkpoint", k.checkpoint());
          node.put("indexedRecords", k.indexedRecords());
        }
        node.put("lastHeartbeat", k.heartbeatAt());
        nodes.add(node);
      }
    }
    nodes.sort(
        (a, b) -> String.valueOf(a.get("nodeId")).compareTo(String.valueOf(b.get("nodeId"))));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clustering", membership.clustering());
    body.put("askedOverJms", asked);
    body.put("source", fromHeartbeats ? "heartbeat" : "jms");
    // Each node reports the revision it applied; this is the one they all converge to.
    body.put("settingsRevision", settings.storedRevision());
    body.put("nodes", nodes);
    return body;
  }

  /** An answer from another node arrived on SYSTEM_CONFIGURATION_RESPONSE. */
  void answer(String correlationId, Map<String, Object> status) {
    Map<String, Map<String, Object>> answers = pending.get(correlationId);
    if (answers != null && status.get("nodeId") instanceof String nodeId) {
      answers.put(nodeId, status);
    }
  }

  private List<KnownNode> knownNodes() {
    return jdbc.sql(
            "SELECT node_id, host, http_port, heartbeat_at, index_checkpoint,"
                + " indexed_records FROM cluster_node")
        .query(
            (rs, i) ->
                new KnownNode(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getTimestamp(4).toInstant(),
                    rs.getLong(5),
                    rs.getLong(6)))
        .list();
  }
}
