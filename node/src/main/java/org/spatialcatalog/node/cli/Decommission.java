package org.spatialcatalog.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.spatialcatalog.config.ClusterName;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.messaging.BrokerSettings;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.messaging.Destinations;
import org.spatialcatalog.messaging.DurableSubscriptions;
import org.spatialcatalog.node.cluster.NodeDecommissioner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code ./catalog node --decommission}: removes a node that is gone for good without starting one,
 * the same removal as {@code DELETE /api/admin/cluster/nodes/{id}} ({@link NodeDecommissioner}):
 * the node's durable subscriptions on the broker, then its heartbeat row. Refused while that node's
 * heartbeat is younger than {@value NodeDecommissioner#ALIVE_SECONDS} s. Every outcome is one line;
 * exit code 0 removed, 1 refused or failed (alive, broker or database unreachable), 2 bad options
 * (no node id, no database or broker URL, an unknown node).
 */
final class Decommission {

  static final int REMOVED = 0;

  /**
   * The options of {@code ./catalog node} that matter here; {@code nodeId} wins over the id read
   * from {@code nodeDir}.
   */
  record Options(
      Path nodeDir,
      String nodeId,
      String dbUrl,
      String dbUser,
      String dbPassword,
      String brokerUrl,
      String brokerUser,
      String brokerPassword,
      String clusterName) {}

  private Decommission() {}

  static int run(Options o, PrintWriter out, PrintWriter err) {
    QuietLogging.apply();
    try {
      return decommission(o, out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int decommission(Options o, PrintWriter out, PrintWriter err) {
    String nodeId = o.nodeId();
    if (nodeId == null || nodeId.isBlank()) {
      if (o.nodeDir() == null) {
        err.println("node not decommissioned: --decommission needs --node-dir DIR or --node-id ID");
        return StartFailure.CONFIGURATION;
      }
      nodeId = NodeIdentity.load(o.nodeDir()).map(NodeIdentity::nodeId).orElse(null);
      if (nodeId == null) {
        err.println(
            "node not decommissioned: --node-dir "
                + o.nodeDir()
                + " holds no node identity (cluster-config/node.properties)");
        return StartFailure.CONFIGURATION;
      }
    }
    if (o.dbUrl() == null || o.dbUrl().isBlank()) {
      err.println("node not decommissioned: --decommission needs --db-url, the shared database");
      return StartFailure.CONFIGURATION;
    }
    if (o.brokerUrl() == null || o.brokerUrl().isBlank()) {
      err.println(
          "node not decommissioned: --decommission needs --broker-url, the cluster's broker");
      return StartFailure.CONFIGURATION;
    }
    BrokerSettings broker;
    Destinations destinations;
    try {
      destinations = new Destinations(new ClusterName(o.clusterName()));
      broker =
          new BrokerSettings(
              o.brokerUrl(),
              o.brokerUser(),
              o.brokerPassword(),
              Duration.ofSeconds(10),
              Duration.ofDays(1));
    } catch (IllegalArgumentException e) {
      err.println("node not decommissioned: " + e.getMessage());
      return StartFailure.CONFIGURATION;
    }
    JdbcClient jdbc =
        JdbcClient.create(new DriverManagerDataSource(o.dbUrl(), o.dbUser(), o.dbPassword()));
    Instant heartbeat;
    try {
      heartbeat = org.spatialcatalog.node.cluster.Heartbeats.last(jdbc, nodeId).orElse(null);
    } catch (RuntimeException e) {
      err.println("node not decommissioned: cannot read the database " + o.dbUrl() + ": " + e);
      return StartFailure.FAILED;
    }
    if (heartbeat == null) {
      err.println("node not decommissioned: no node " + nodeId + " is known (no heartbeat row)");
      return StartFailure.CONFIGURATION;
    }
    Duration age = Duration.between(heartbeat, Instant.now());
    if (age.toSeconds() < NodeDecommissioner.ALIVE_SECONDS) {
      err.println(
          "node not decommissioned: " + NodeDecommissioner.stillAlive(nodeId, age, heartbeat));
      return StartFailure.FAILED;
    }
    List<CatalogTopic> removed;
    try {
      // Every topic: a subscription that does not exist is skipped, so the node's exact set of
      // listeners need not be known here.
      removed =
          DurableSubscriptions.remove(broker, destinations, nodeId, List.of(CatalogTopic.values()));
    } catch (RuntimeException e) {
      err.println(
          "node not decommissioned: cannot remove the subscriptions of "
              + nodeId
              + " on "
              + broker.maskedUrl()
              + ": "
              + e.getMessage());
      return StartFailure.FAILED;
    }
    jdbc.sql("DELETE FROM cluster_node WHERE node_id = ?").param(nodeId).update();
    out.println(
        "node "
            + nodeId
            + " decommissioned: "
            + removed.size()
            + " durable subscriptions removed "
            + removed.stream().map(CatalogTopic::baseName).toList()
            + ", heartbeat row deleted");
    return REMOVED;
  }

  /** The value of a {@code --dotted.name=value} Spring argument, or null. */
  static String property(List<String> springArguments, String key) {
    String prefix = "--" + key + "=";
    return springArguments.stream()
        .filter(a -> a.startsWith(prefix))
        .map(a -> a.substring(prefix.length()))
        .reduce((first, last) -> last)
        .orElse(null);
  }
}
