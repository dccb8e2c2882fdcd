package org.spatialcatalog.node.admin;

import java.util.Map;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.sync.IndexSynchronizer;
import org.spatialcatalog.node.sync.IndexVerifier;
import org.spatialcatalog.node.sync.VisibilityStats;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Index administration: {@code /api/admin/index/...}. Admin only. */
@RestController
@RequestMapping("/api/admin/index")
class IndexAdminController {

  private final IndexSynchronizer synchronizer;
  private final IndexVerifier verifier;
  private final ClusterMembership membership;
  private final VisibilityStats stats;

  IndexAdminController(
      IndexSynchronizer synchronizer,
      IndexVerifier verifier,
      ClusterMembership membership,
      VisibilityStats stats) {
    this.synchronizer = synchronizer;
    this.verifier = verifier;
    this.membership = membership;
    this.stats = stats;
  }

  /** Every node force-merges its index (OPTIMIZE-INDEX). */
  @PostMapping("/optimize")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> optimize() {
    if (membership.clustering()) {
      membership.publish(CatalogTopic.OPTIMIZE_INDEX, "", Map.of("origin", "api"));
    } else {
      synchronizer.optimize();
    }
    return Map.of("optimize", membership.clustering() ? "requested on every node" : "done here");
  }

  /** This node rebuilds its index from the database. */
  @PostMapping("/rebuild")
  Map<String, Object> rebuild() {
    return synchronizer.rebuild().answer();
  }

  /** This node compares its index with the database; {@code repair=true} fixes differences. */
  @GetMapping("/verify")
  IndexVerifier.Report verify(@RequestParam(defaultValue = "false") boolean repair) {
    return verifier.verify(repair);
  }

  /** Commit-to-searchable delays measured on this node (for the benchmark). */
  @GetMapping("/visibility")
  Map<String, Object> visibility() {
    return stats.snapshot();
  }

  @DeleteMapping("/visibility")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void resetVisibility() {
    stats.reset();
  }
}
