package org.spatialcatalog.node.admin;

import java.time.Duration;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/cluster}: every node's status, answered within 2 s. Admin only. */
@RestController
class ClusterStatusController {

  private static final Duration WAIT = Duration.ofMillis(1500);

  private final ClusterStatus status;

  ClusterStatusController(ClusterStatus status) {
    this.status = status;
  }

  @GetMapping("/api/admin/cluster")
  Map<String, Object> cluster() throws InterruptedException {
    return status.collect(WAIT);
  }
}
