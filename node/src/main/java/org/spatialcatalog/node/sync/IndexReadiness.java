package org.spatialcatalog.node.sync;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code indexSync}, part of the readiness group ({@code
 * /actuator/health/readiness}, see application.properties): OUT_OF_SERVICE until this node's index
 * has caught up with the change-log head it read at start, and while a rebuild of an empty index
 * runs; UP otherwise. A load balancer that checks readiness therefore never sends searches to a
 * node that would answer with missing records.
 */
@Component("indexSync")
class IndexReadiness implements HealthIndicator {

  private final IndexSynchronizer synchronizer;

  IndexReadiness(IndexSynchronizer synchronizer) {
    this.synchronizer = synchronizer;
  }

  @Override
  public Health health() {
    Health.Builder builder =
        synchronizer.ready() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
    return builder
        .withDetail("checkpoint", synchronizer.visibleCheckpoint())
        .withDetail("headAtStart", synchronizer.headAtStart())
        .withDetail("rebuildingEmptyIndex", synchronizer.rebuildingEmptyIndex())
        .build();
  }
}
