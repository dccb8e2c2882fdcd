package org.spatialcatalog.node.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Fixed settings of a node, read once at start (command line, environment, properties file).
 *
 * @param nodeDir this node's own directory: its Lucene index and its identity
 * @param sharedDir the data directory shared by all nodes (uploaded files)
 * @param clusterName prefixes every JMS destination
 * @param brokerUrl ActiveMQ URL; empty means this node runs without clustering
 * @param brokerUser broker user, optional
 * @param brokerPassword broker password, optional
 * @param adminPassword password of the {@code admin} user; generated and logged when empty
 * @param maxRecordSize largest XML body accepted by the record API, and largest record (in
 *     characters) a harvest imports from a streamed page
 * @param sync how the index follows the database change log
 */
@ConfigurationProperties("catalog")
public record CatalogProperties(
    Path nodeDir,
    Path sharedDir,
    @DefaultValue("catalog") String clusterName,
    String brokerUrl,
    String brokerUser,
    String brokerPassword,
    String adminPassword,
    @DefaultValue("20MB") DataSize maxRecordSize,
    @DefaultValue Sync sync) {

  public CatalogProperties {
    if (nodeDir == null) {
      throw new IllegalArgumentException(
          "catalog.node-dir is not set (--node-dir or CATALOG_NODE_DIR): each node needs its own"
              + " directory");
    }
    if (maxRecordSize.toBytes() <= 0) {
      throw new IllegalArgumentException("catalog.max-record-size must be positive");
    }
  }

  /** Whether this node joins a cluster through a broker. */
  public boolean clustering() {
    return brokerUrl != null && !brokerUrl.isBlank();
  }

  /**
   * @param pollInterval how often the node reads the change log even without a notification; the
   *     upper bound on how late a change whose notification was lost becomes searchable
   * @param commitInterval how often applied changes are committed to disk with the checkpoint, on a
   *     thread of its own; after a crash the node re-applies from the change log what it applied
   *     since its last commit
   * @param sendTimeout how long publishing a notification may block
   * @param messageTimeToLive how long the broker keeps a notification for an offline node
   * @param writeVisibilityWait how long a write request waits for its change to be searchable on
   *     the node that took it (read-your-writes)
   * @param changeLogMinAge change-log entries younger than this are never pruned
   * @param pruneInterval how often the change log is pruned
   * @param nodeLiveness a node whose heartbeat is older than this does not hold back pruning (it
   *     rebuilds its index when it returns after its entries were pruned)
   * @param notificationGap the least time between two RE-INDEX notifications of this node: the
   *     commits of the gap share one message; a longer gap sends fewer messages and makes the other
   *     nodes see a change later. Also the longest this node's own writes wait for its change-log
   *     read to pass them (they are searchable here before that)
   */
  public record Sync(
      @DefaultValue("2s") Duration pollInterval,
      @DefaultValue("15s") Duration commitInterval,
      @DefaultValue("3s") Duration sendTimeout,
      @DefaultValue("1d") Duration messageTimeToLive,
      @DefaultValue("2s") Duration writeVisibilityWait,
      @DefaultValue("7d") Duration changeLogMinAge,
      @DefaultValue("1h") Duration pruneInterval,
      @DefaultValue("10m") Duration nodeLiveness,
      @DefaultValue("30ms") Duration notificationGap) {

    public Sync {
      if (commitInterval.isNegative() || commitInterval.isZero()) {
        throw new IllegalArgumentException("catalog.sync.commit-interval must be positive");
      }
      if (changeLogMinAge.isNegative()) {
        throw new IllegalArgumentException("catalog.sync.change-log-min-age must not be negative");
      }
      if (pruneInterval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("catalog.sync.prune-interval must be at least 1s");
      }
      if (notificationGap.isNegative() || notificationGap.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new IllegalArgumentException(
            "catalog.sync.notification-gap must be between 0 and 1s");
      }
      if (nodeLiveness.compareTo(Duration.ofSeconds(10)) < 0) {
        throw new IllegalArgumentException(
            "catalog.sync.node-liveness must be at least 10s"
                + " (heartbeats are written every 5 s)");
      }
    }
  }
}
