package org.spatialcatalog.node.harvest;

import java.util.Map;
import org.spatialcatalog.node.cluster.NodeStatusContributor;
import org.springframework.stereotype.Component;

/** Adds this node's running harvest jobs to its status in {@code GET /api/admin/cluster}. */
@Component
class HarvestNodeStatus implements NodeStatusContributor {

  private final HarvestEngine engine;

  HarvestNodeStatus(HarvestEngine engine) {
    this.engine = engine;
  }

  @Override
  public Map<String, Object> status() {
    return Map.of("runningHarvestJobs", engine.running().size());
  }
}
