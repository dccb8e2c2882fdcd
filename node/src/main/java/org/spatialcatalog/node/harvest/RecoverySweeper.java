package org.spatialcatalog.node.harvest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobState;
import org.spatialcatalog.node.harvest.job.JobTransitions;
import org.spatialcatalog.node.harvest.job.RetentionPruner;
import org.springframework.stereotype.Component;

/**
 * Every node's recovery sweep, so no job stays stuck whatever died:
 *
 * <ul>
 *   <li>a RUNNING job whose lease expired (its node died or hangs) is put back in the queue with a
 *       new fencing token, or ended if it was being cancelled, is past its deadline, has used up
 *       its attempts, or lost its harvester;
 *   <li>a QUEUED job past its deadline ends TIMED_OUT;
 *   <li>a QUEUED job whose HARVEST message is missing (never sent, or lost with the broker's store)
 *       is sent again once it has waited {@code redispatchAfter} and is not in the queue;
 *   <li>finished jobs older than the retention are deleted with their events, failures and items.
 * </ul>
 *
 * Every step is a conditional update, so sweeps running at once on several nodes do each thing
 * once. It also refreshes the cluster-wide job and queue gauges.
 */
@Component
class RecoverySweeper extends BackgroundLoop {

  private static final Logger log = LoggerFactory.getLogger(RecoverySweeper.class);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

  private final HarvestContext context;
  private final JobDispatcher dispatcher;
  private final RetentionPruner pruner;
  private final Clock clock;
  private Instant lastPrune = Instant.EPOCH;

  RecoverySweeper(
      HarvestContext context, JobDispatcher dispatcher, RetentionPruner pruner, Clock clock) {
    super("harvest-recovery-sweep");
    this.context = context;
    this.dispatcher = dispatcher;
    this.pruner = pruner;
    this.clock = clock;
  }

  @Override
  protected Duration interval() {
    return context.properties().sweepInterval();
  }

  @Override
  protected void tick() {
    // The database's clock: leases were written with it, by whichever node held them.
    Instant now = context.transitions().databaseNow();
    for (HarvestJob job : context.jobs().inState(JobState.RUNNING)) {
      if (job.leaseUntil() == null || job.leaseUntil().isBefore(now)) {
        recover(job, now);
      }
    }
    List<HarvestJob> queued = context.jobs().inState(JobState.QUEUED);
    for (HarvestJob job : queued) {
      if (job.deadlineAt() != null
          && job.deadlineAt().isBefore(now)
          && context
              .transitions()
              .endQueued(
                  job.id(),
                  JobState.TIMED_OUT,
                  "waited in the queue past its deadline " + job.deadlineAt(),
                  "deadline passed while queued")) {
        context.ended(job.id());
      }
    }
    redispatch(queued, now);
    context.metrics().jobsByState(context.jobs().countsByState());
    if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
      lastPrune = now;
      pruner.prune();
    }
  }

  private void recover(HarvestJob job, Instant now) {
    String lost =
        "lease of node "
            + job.nodeId()
            + " expired at "
            + job.leaseUntil()
            + " (last heartbeat "
            + job.heartbeatAt()
            + ")";
    JobTransitions t = context.transitions();
    Ending ending = ending(job, now, lost);
    if (ending == null) {
      if (t.requeueExpired(job.id(), job.fencingToken(), now, lost + "; back in the queue")) {
        context.metrics().leaseRecovered();
        log.warn("job {}: {}; queued again", job.id(), lost);
        dispatcher.dispatch(context.jobs().get(job.id()));
      }
      return;
    }
    if (t.finishExpired(
        job.id(), job.fencingToken(), now, ending.state(), ending.error(), ending.reason())) {
      log.warn("job {} ended by the recovery sweep: {}", job.id(), lost);
      context.ended(job.id());
    }
  }

  /** How a job whose lease expired ends, or null if it goes back in the queue. */
  private Ending ending(HarvestJob job, Instant now, String lost) {
    if (job.cancelRequested()) {
      return new Ending(JobState.CANCELLED, null, "cancelled by an operator; " + lost);
    }
    if (job.deadlineAt() != null && job.deadlineAt().isBefore(now)) {
      return new Ending(
          JobState.TIMED_OUT, "past its deadline " + job.deadlineAt() + " when its " + lost, lost);
    }
    if (context.harvesters().find(job.harvesterId()).isEmpty()) {
      return new Ending(
          JobState.FAILED, "harvester " + job.harvesterId() + " was deleted; " + lost, lost);
    }
    if (job.attempt() >= context.properties().maxAttempts()) {
      return new Ending(
          JobState.FAILED,
          "gave up after "
              + job.attempt()
              + " attempts (catalog.harvest.max-attempts); "
              + lost
              + "; resume it once the cause is fixed",
          lost);
    }
    return null;
  }

  private record Ending(JobState state, String error, String reason) {}

  private void redispatch(List<HarvestJob> queued, Instant now) {
    if (!dispatcher.clustering()) {
      context.metrics().queueDepth(queued.size());
      return;
    }
    dispatcher.redispatchMissing(queued, now.minus(context.properties().redispatchAfter()));
  }
}
