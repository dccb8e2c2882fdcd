package org.spatialcatalog.node.harvest.api;

import org.spatialcatalog.node.harvest.JobDispatcher;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterNotFoundException;
import org.spatialcatalog.node.harvest.definition.HarvesterRepository;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobAlreadyActiveException;
import org.spatialcatalog.node.harvest.job.JobTransitions;
import org.springframework.stereotype.Component;

/** Manual runs: creates a QUEUED job for a harvester and dispatches it. */
@Component
class JobLauncher {

  private final HarvesterRepository harvesters;
  private final JobTransitions transitions;
  private final JobDispatcher dispatcher;

  JobLauncher(
      HarvesterRepository harvesters, JobTransitions transitions, JobDispatcher dispatcher) {
    this.harvesters = harvesters;
    this.transitions = transitions;
    this.dispatcher = dispatcher;
  }

  /**
   * Queues a run now.
   *
   * @throws JobAlreadyActiveException when the harvester has a queued or running job
   */
  HarvestJob runNow(String harvesterId, boolean confirmRemoval) {
    Harvester h =
        harvesters.find(harvesterId).orElseThrow(() -> new HarvesterNotFoundException(harvesterId));
    HarvestJob job = transitions.createQueued(h, "manual", null, confirmRemoval);
    dispatcher.dispatch(job);
    return job;
  }

  /** Queues a stopped job again (resume), and dispatches it. */
  HarvestJob resume(String jobId) {
    HarvestJob job = transitions.resume(jobId);
    dispatcher.dispatch(job);
    return job;
  }
}
