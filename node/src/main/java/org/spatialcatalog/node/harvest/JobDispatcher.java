package org.spatialcatalog.node.harvest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogQueue;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.MessagingUnavailableException;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobTransitions;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Puts QUEUED jobs in front of a node: a persistent HARVEST message with the job id and its
 * harvester's priority when clustering is on, the local dispatcher otherwise. Messages go out on
 * the {@link BrokerSender} thread, so callers never wait for the broker. A message that cannot be
 * sent is not an error for the caller: the job stays QUEUED without a dispatch time, and the
 * recovery sweep sends it later.
 */
@Component
public class JobDispatcher {

  static final String JOB_ID = "jobId";
  private static final Logger log = LoggerFactory.getLogger(JobDispatcher.class);

  private final ClusterMembership cluster;
  private final JobTransitions transitions;
  private final LocalDispatcher local;
  private final BrokerSender sender;
  private final HarvestMetrics metrics;
  private final AtomicBoolean checking = new AtomicBoolean();

  JobDispatcher(
      ClusterMembership cluster,
      JobTransitions transitions,
      @Lazy LocalDispatcher local,
      BrokerSender sender,
      HarvestMetrics metrics) {
    this.cluster = cluster;
    this.transitions = transitions;
    this.local = local;
    this.sender = sender;
    this.metrics = metrics;
  }

  /** Dispatches a job that was just queued; returns when the message was sent or given up. */
  public CompletableFuture<Void> dispatch(HarvestJob job) {
    if (!cluster.clustering()) {
      local.wake();
      return CompletableFuture.completedFuture(null);
    }
    if (!transitions.markDispatched(job.id(), null)) {
      return CompletableFuture.completedFuture(null);
    }
    return sender.submit(
        "HARVEST message for job " + job.id(), () -> send(job.id(), job.priority()));
  }

  /**
   * Sends a HARVEST message for a job now, on the calling thread; false (and the job left for the
   * sweep) when the broker is unreachable.
   */
  boolean send(String jobId, int priority) {
    try {
      cluster.send(CatalogQueue.HARVEST, "", Map.of(JOB_ID, jobId), priority);
      return true;
    } catch (MessagingUnavailableException e) {
      log.warn(
          "HARVEST message for job {} not sent ({}); the recovery sweep sends it later",
          jobId,
          e.getMessage());
      transitions.clearDispatched(jobId);
      return false;
    }
  }

  /**
   * Sends a message again for each of these QUEUED jobs that was last dispatched before {@code
   * staleBefore} and has no message waiting in the queue (never sent, or lost with the broker's
   * store). Runs on the sender thread; a check still running makes this call a no-op.
   */
  void redispatchMissing(List<HarvestJob> queued, Instant staleBefore) {
    if (!cluster.clustering() || !checking.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<Void> check =
        sender.submit(
            "HARVEST queue check",
            () -> {
              Set<String> waiting =
                  new HashSet<>(cluster.browse(CatalogQueue.HARVEST, JOB_ID, 100_000));
              metrics.queueDepth(waiting.size());
              List<HarvestJob> missing = new ArrayList<>();
              for (HarvestJob job : queued) {
                boolean stale =
                    job.dispatchedAt() == null || job.dispatchedAt().isBefore(staleBefore);
                if (stale && !waiting.contains(job.id())) {
                  missing.add(job);
                }
              }
              for (HarvestJob job : missing) {
                if (transitions.markDispatched(job.id(), staleBefore)) {
                  log.info(
                      "job {} has no HARVEST message waiting (last sent {}); sending it again",
                      job.id(),
                      job.dispatchedAt());
                  send(job.id(), job.priority());
                }
              }
            });
    check.whenComplete((ok, e) -> checking.set(false));
  }

  /** Publishes a HARVESTER notice on the sender thread. */
  public void announce(String harvesterId, String change) {
    if (!cluster.clustering()) {
      return;
    }
    sender.submit(
        "HARVESTER notice for " + harvesterId,
        () -> {
          try {
            cluster.publish(
                org.spatialcatalog.messaging.CatalogTopic.HARVESTER,
                "",
                Map.of("harvesterId", harvesterId, "change", change));
          } catch (MessagingUnavailableException e) {
            log.warn(
                "HARVESTER notice for {} not published ({}); nodes see the change at their"
                    + " next scheduler tick",
                harvesterId,
                e.getMessage());
          }
        });
  }

  boolean clustering() {
    return cluster.clustering();
  }
}
