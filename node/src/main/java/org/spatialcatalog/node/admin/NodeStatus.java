package org.spatialcatalog.node.admin;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.NodeStatusContributor;
import org.spatialcatalog.node.settings.LiveSettings;
import org.spatialcatalog.node.sync.IndexSynchronizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What this node says about itself in the cluster status, including its readiness (the status of
 * the {@code readiness} health group, the same answer {@code /actuator/health/readiness} gives the
 * load balancer) and the live-settings revision it has applied.
 */
@Component
class NodeStatus {

  private final NodeIdentity identity;
  private final ClusterMembership membership;
  private final RecordIndex index;
  private final ChangeLog changeLog;
  private final Environment environment;
  private final ObjectProvider<NodeStatusContributor> contributors;
  private final IndexSynchronizer synchronizer;
  private final LiveSettings settings;
  private final ObjectProvider<HealthEndpoint> health;
  private final Instant started = Instant.now();

  NodeStatus(
      NodeIdentity identity,
      ClusterMembership membership,
      RecordIndex index,
      ChangeLog changeLog,
      Environment environment,
      ObjectProvider<NodeStatusContributor> contributors,
      IndexSynchronizer synchronizer,
      LiveSettings settings,
      ObjectProvider<HealthEndpoint> health) {
    this.synchronizer = synchronizer;
    this.settings = settings;
    this.health = health;
    this.identity = identity;
    this.membership = membership;
    this.index = index;
    this.changeLog = changeLog;
    this.environment = environment;
    this.contributors = contributors;
  }

  Map<String, Object> current() {
    long head = changeLog.head();
    long checkpoint = synchronizer.visibleCheckpoint();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("nodeId", identity.nodeId());
    status.put("host", host());
    status.put("httpPort", environment.getProperty("local.server.port", Integer.class, 0));
    status.put("version", version());
    status.put("pid", ProcessHandle.current().pid());
    status.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
    status.put("jms", membership.state());
    status.put("indexedRecords", index.count());
    status.put("checkpoint", checkpoint);
    status.put("lag", Math.max(0, head - checkpoint));
    status.put("ready", synchronizer.ready());
    status.put("readiness", readiness());
    status.put("settingsRevision", settings.revision());
    status.put("quarantinedCount", index.quarantinedCount());
    status.put("quarantined", index.quarantined(20));
    status.put("heapUsedBytes", heap.getUsed());
    status.put("heapMaxBytes", heap.getMax());
    contributors.orderedStream().forEach(c -> status.putAll(c.status()));
    return status;
  }

  /** UP, OUT_OF_SERVICE, ... as the readiness probe answers; "unknown" without the endpoint. */
  private String readiness() {
    HealthEndpoint endpoint = health.getIfAvailable();
    HealthDescriptor readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
    return readiness == null ? "unknown" : readiness.getStatus().getCode();
  }

  static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "unknown";
    }
  }

  static String version() {
    String v = NodeStatus.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
