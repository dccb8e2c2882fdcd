package org.spatialcatalog.node.harvest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobState;
import org.spatialcatalog.node.harvest.job.RunningJob;
import org.springframework.stereotype.Component;

/**
 * The watchdog of this node's running jobs, outside their worker threads. Every heartbeat interval,
 * for each job: if the job is no longer this node's (token changed), it is aborted without writing
 * anything; if an operator asked to cancel it, or it passed its deadline, the keeper ends it
 * (CANCELLED, TIMED_OUT, which bumps the fencing token) and aborts it, which cancels its in-flight
 * HTTP requests and interrupts its worker; otherwise it renews the lease.
 */
@Component
class LeaseKeeper extends BackgroundLoop {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final HarvestEngine engine;
  private final HarvestContext context;
  private final HarvestProperties properties;
  private final Clock clock;

  LeaseKeeper(
      HarvestEngine engine, HarvestContext context, HarvestProperties properties, Clock clock) {
    super("harvest-lease-keeper");
    this.engine = engine;
    this.context = context;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  protected Duration interval() {
    return properties.heartbeatInterval();
  }

  @Override
  protected void tick() {
    for (RunningJob job : engine.running()) {
      try {
        keep(job);
      } catch (RuntimeException e) {
        // The lease may lapse if this keeps failing; then the fencing token protects the job.
        log.warn("lease of job {} not renewed: {}", job.jobId(), e.toString());
      }
    }
  }

  private void keep(RunningJob job) {
    if (job.aborted() != null) {
      return;
    }
    HarvestJob row = context.jobs().find(job.jobId()).orElse(null);
    if (row == null
        || row.state() != JobState.RUNNING
        || row.fencingToken() != job.fencingToken()) {
      log.warn(
          "job {} was taken over (now {} on {}); stopping it here",
          job.jobId(),
          row == null ? "deleted" : row.state(),
          row == null ? "-" : row.nodeId());
      job.abort(RunningJob.Abort.LEASE_LOST);
      return;
    }
    Instant now = context.transitions().databaseNow();
    if (row.cancelRequested()) {
      end(
          job,
          JobState.CANCELLED,
          RunningJob.Abort.CANCELLED,
          null,
          "cancelled by an operator; stopped on node " + context.transitions().nodeId());
    } else if (row.deadlineAt() != null && now.isAfter(row.deadlineAt())) {
      Duration ran =
          row.startedAt() == null ? Duration.ZERO : Duration.between(row.startedAt(), now);
      String error =
          "ran "
              + ran.toSeconds()
              + " s, past its timeout (deadline "
              + row.deadlineAt()
              + "); stopped, not retried";
      end(job, JobState.TIMED_OUT, RunningJob.Abort.TIMED_OUT, error, error);
    } else if (!context
        .transitions()
        .renew(job.jobId(), job.fencingToken(), properties.leaseDuration())) {
      job.abort(RunningJob.Abort.LEASE_LOST);
    }
  }

  private void end(
      RunningJob job, JobState state, RunningJob.Abort abort, String error, String reason) {
    // Abort first, so the source sees no new request while the state is written; the token
    // bump in finish() then keeps a worker stuck in a write from committing anything.
    job.abort(abort);
    if (context.transitions().finish(job.jobId(), job.fencingToken(), state, error, null, reason)) {
      context.ended(job.jobId());
      log.info("job {} {}", job.jobId(), state);
    }
  }
}
