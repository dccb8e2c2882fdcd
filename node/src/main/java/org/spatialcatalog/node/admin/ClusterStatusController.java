package org.spatialcatalog.node.admin;

import java.time.Duration;
import java.util.Map;
import org.spatialcatalog.node.cluster.NodeDecommissioner;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/cluster}: every node's status, answered within 2 s; {@code DELETE
 * /api/admin/cluster/nodes/{nodeId}}: decommission a node. Admin only.
 */
@RestController
class ClusterStatusController {

  private static final Duration WAIT = Duration.ofMillis(1500);

  private final ClusterStatus status;
  private final NodeDecommissioner decommissioner;

  ClusterStatusController(ClusterStatus status, NodeDecommissioner decommissioner) {
    this.status = status;
    this.decommissioner = decommissioner;
  }

  /**
   * Removes a node that is gone for good: its durable subscriptions and its heartbeat row. 409
   * while it is alive or for the answering node itself, 404 for an unknown node id.
   */
  @DeleteMapping("/api/admin/cluster/nodes/{nodeId}")
  Map<String, Object> decommission(@PathVariable String nodeId) {
    return decommissioner.decommission(nodeId);
  }

  @GetMapping("/api/admin/cluster")
  Map<String, Object> cluster() throws InterruptedException {
    return status.collect(WAIT);
  }
}
