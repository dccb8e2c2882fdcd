package org.spatialcatalog.node.admin;

import java.time.Duration;
import java.util.Map;
import org.spatialcatalog.node.cluster.NodeDecommissioner;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/admin/cluster}: every node's status, answered within 2 s; {@code DELETE
 * /api/admin/cluster/nodes/{nodeId}}: decommission a node; {@code POST
 * /api/admin/cluster/nodes/{nodeId}/{rebuild|verify|repair}}: act on a node's index. Admin only.
 */
@RestController
class ClusterStatusController {

  private static final Duration WAIT = Duration.ofMillis(1500);

  private final ClusterStatus status;
  private final NodeDecommissioner decommissioner;
  private final NodeActions actions;

  ClusterStatusController(
      ClusterStatus status, NodeDecommissioner decommissioner, NodeActions actions) {
    this.status = status;
    this.decommissioner = decommissioner;
    this.actions = actions;
  }

  /**
   * Removes a node that is gone for good: its durable subscriptions and its heartbeat row. 409
   * while it is alive or for the answering node itself, 404 for an unknown node id.
   */
  @DeleteMapping("/api/admin/cluster/nodes/{nodeId}")
  Map<String, Object> decommission(@PathVariable String nodeId) {
    return decommissioner.decommission(nodeId);
  }

  /**
   * Rebuilds, verifies ({@code action=verify}) or verifies and repairs ({@code action=repair}) the
   * index of the named node, which may be another node than this one: 200 with the result, 202 when
   * it is still running after {@link NodeActions#RESULT_WAIT}.
   */
  @PostMapping("/api/admin/cluster/nodes/{nodeId}/{action}")
  ResponseEntity<Map<String, Object>> act(@PathVariable String nodeId, @PathVariable String action)
      throws InterruptedException {
    NodeActions.Action parsed;
    try {
      parsed = NodeActions.Action.parse(action);
    } catch (IllegalArgumentException unknown) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "no node action '" + action + "'; use rebuild, verify or repair");
    }
    NodeActions.Outcome outcome = actions.run(nodeId, parsed);
    return ResponseEntity.status(outcome.finished() ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(outcome.body());
  }

  @GetMapping("/api/admin/cluster")
  Map<String, Object> cluster() throws InterruptedException {
    return status.collect(WAIT);
  }
}
