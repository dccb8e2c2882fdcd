package org.spatialcatalog.node.harvest;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogQueue;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.MessagingUnavailableException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Puts QUEUED jobs in front of a node: a persistent HARVEST message with the job id and its
 * harvester's priority when clustering is on, the local dispatcher otherwise. A message that
 * cannot be sent is not an error for the caller: the job stays QUEUED with no dispatch time, and
 * the next recovery sweep sends it.
 */
@Component
class JobDispatcher {

  static final String JOB_ID = "jobId";
  private static final Logger log = LoggerFactory.getLogger(JobDispatcher.class);

  private final ClusterMembership cluster;
  private final JobTransitions transitions;
  private final LocalDispatcher local;

  JobDispatcher(ClusterMembership cluster, JobTransitions transitions, @Lazy LocalDispatcher local) {
    this.cluster = cluster;
    this.transitions = transitions;
    this.local = local;
  }

  /** Dispatches a job that was just queued. */
  void dispatch(HarvestJob job) {
    if (!cluster.clustering()) {
      local.wake();
      return;
    }
    if (transitions.markDispatched(job.id(), null)) {
      send(job.id(), job.priority());
    }
  }

  /**
   * Sends a HARVEST message for a job; false (and the job left for the sweep) when the broker is
   * unreachable.
   */
  boolean send(String jobId, int priority) {
    try {
      cluster.send(CatalogQueue.HARVEST, "", Map.of(JOB_ID, jobId), priority);
      return true;
    } catch (MessagingUnavailableException e) {
      log.warn("HARVEST message for job {} not sent ({}); the recovery sweep sends it later",
          jobId, e.getMessage());
      transitions.clearDispatched(jobId);
      return false;
    }
  }

  boolean clustering() {
    return cluster.clustering();
  }
}
