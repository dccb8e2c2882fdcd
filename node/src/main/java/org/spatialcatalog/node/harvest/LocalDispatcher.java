package org.spatialcatalog.node.harvest;

import java.time.Duration;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts queued jobs when the node runs without clustering (no broker, no HARVEST queue): it takes
 * them from the database in priority order while this node has free slots. Idle when clustering is
 * on.
 */
@Component
class LocalDispatcher extends BackgroundLoop {

  private final HarvestEngine engine;
  private final JobRepository jobs;
  private final JobDispatcher dispatcher;

  LocalDispatcher(HarvestEngine engine, JobRepository jobs, JobDispatcher dispatcher) {
    super("harvest-local-dispatcher");
    this.engine = engine;
    this.jobs = jobs;
    this.dispatcher = dispatcher;
  }

  @Override
  protected Duration interval() {
    return Duration.ofSeconds(1);
  }

  @Override
  protected void tick() {
    if (dispatcher.clustering() || !engine.accepting()) {
      return;
    }
    for (HarvestJob job : jobs.queuedInOrder(50)) {
      if (engine.tryStart(job.id()) == HarvestEngine.Start.BUSY) {
        return;
      }
    }
  }
}
