package org.spatialcatalog.node.harvest.job;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every change of a job's state, each in one transaction with its audit-trail event.
 *
 * <p>Guarantees: a transition out of RUNNING only happens if the caller's fencing token is still
 * the job's token, and it bumps the token, so a node that lost the job can no longer write for it.
 * At most one job per harvester is QUEUED or RUNNING (unique {@code active_harvester_id}). A claim
 * checks the cluster-wide running count under the claim lock row, so the cluster never runs more
 * than its limit. Lease expiry, heartbeats and deadlines use the database's clock ({@link
 * #databaseNow()}), never a node's own.
 */
@Component
public class JobTransitions {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final JobRepository jobs;
  private final Clock clock;
  private final String nodeId;

  JobTransitions(
      JdbcClient jdbc,
      TransactionTemplate tx,
      JobRepository jobs,
      Clock clock,
      NodeIdentity identity) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.jobs = jobs;
    this.clock = clock;
    this.nodeId = identity.nodeId();
  }

  public String nodeId() {
    return nodeId;
  }

  /**
   * Creates a QUEUED job, joining the caller's transaction if there is one.
   *
   * @throws JobAlreadyActiveException if the harvester has a queued or running job
   */
  public HarvestJob createQueued(
      Harvester h, String trigger, Instant scheduledFor, boolean confirmRemoval) {
    String id = UUID.randomUUID().toString();
    try {
      tx.executeWithoutResult(
          status -> {
            jobs.active(h.id())
                .ifPresent(
                    active -> {
                      throw new JobAlreadyActiveException(h.id(), active.id(), active.state());
                    });
            Timestamp now = now();
            jdbc.sql(
                    "INSERT INTO harvest_job (id, harvester_id, active_harvester_id, state,"
                        + " trigger_kind, scheduled_for, priority, attempt, fencing_token, created_at,"
                        + " cancel_requested, confirm_removal, source_done, processed_count,"
                        + " failed_count, skipped_count, removed_count)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, FALSE, ?, FALSE, 0, 0, 0, 0)")
                .params(
                    id,
                    h.id(),
                    h.id(),
                    JobState.QUEUED.name(),
                    trigger,
                    scheduledFor == null ? null : Timestamp.from(scheduledFor),
                    h.priority(),
                    now,
                    confirmRemoval)
                .update();
            event(
                id,
                null,
                JobState.QUEUED,
                trigger
                    + " run of harvester "
                    + h.name()
                    + ("manual".equals(trigger) ? " by " + HarvestAudit.actor() : ""));
          });
    } catch (DuplicateKeyException race) {
      HarvestJob active = jobs.active(h.id()).orElseThrow(() -> race);
      throw new JobAlreadyActiveException(h.id(), active.id(), active.state());
    }
    return jobs.get(id);
  }

  /** What a claim attempt found. */
  public enum ClaimOutcome {
    CLAIMED,
    NOT_QUEUED,
    CLUSTER_FULL,
    NODE_FULL,
    HARVESTER_GONE,
    /** Claimed, but the lease ran out before the claim's commit and the job was taken back. */
    LOST_AT_ONCE
  }

  public record Claim(ClaimOutcome outcome, HarvestJob job) {}

  /**
   * Claims a QUEUED job for this node if the cluster and this node have a free slot: RUNNING,
   * attempt + 1, a new fencing token and a lease. A job whose harvester was deleted fails.
   */
  public Claim claim(
      String jobId, int maxCluster, int maxNode, Duration lease, Duration defaultTimeout) {
    Claim claim = claimInTransaction(jobId, maxCluster, maxNode, lease, defaultTimeout);
    if (claim.outcome() != ClaimOutcome.CLAIMED) {
      return claim;
    }
    // The lease written above was reckoned from the database's clock as the claim's transaction
    // began (CURRENT_TIMESTAMP is the transaction's start time on H2 and PostgreSQL). A node paused
    // while that transaction was open commits a lease that has already run out, and the recovery
    // sweep may give the job to another node at once (chaos seed 209). Renewing after the commit
    // reckons the lease from now; if the job is no longer this claim's, it is not started here.
    HarvestJob job = claim.job();
    if (!renew(jobId, job.fencingToken(), lease)) {
      return new Claim(ClaimOutcome.LOST_AT_ONCE, jobs.find(jobId).orElse(job));
    }
    return new Claim(ClaimOutcome.CLAIMED, jobs.get(jobId));
  }

  private Claim claimInTransaction(
      String jobId, int maxCluster, int maxNode, Duration lease, Duration defaultTimeout) {
    return tx.execute(
        status -> {
          jdbc.sql("SELECT id FROM harvest_claim_lock WHERE id = 1 FOR UPDATE")
              .query(Integer.class)
              .single();
          HarvestJob job = lockJob(jobId);
          if (job.state() != JobState.QUEUED) {
            return new Claim(ClaimOutcome.NOT_QUEUED, job);
          }
          Integer timeoutSeconds =
              jdbc.sql("SELECT timeout_seconds FROM harvester WHERE id = ?")
                  .param(job.harvesterId())
                  .query(Integer.class)
                  .optional()
                  .orElse(null);
          if (timeoutSeconds == null) {
            end(
                job,
                JobState.QUEUED,
                JobState.FAILED,
                "harvester " + job.harvesterId() + " was deleted",
                null,
                "harvester deleted");
            return new Claim(ClaimOutcome.HARVESTER_GONE, job);
          }
          long running =
              jdbc.sql("SELECT COUNT(*) FROM harvest_job WHERE state = ?")
                  .param(JobState.RUNNING.name())
                  .query(Long.class)
                  .single();
          if (running >= maxCluster) {
            return new Claim(ClaimOutcome.CLUSTER_FULL, job);
          }
          long here =
              jdbc.sql("SELECT COUNT(*) FROM harvest_job WHERE state = ? AND node_id = ?")
                  .params(JobState.RUNNING.name(), nodeId)
                  .query(Long.class)
                  .single();
          if (here >= maxNode) {
            return new Claim(ClaimOutcome.NODE_FULL, job);
          }
          Instant now = databaseNow();
          Instant deadline =
              job.deadlineAt() != null
                  ? job.deadlineAt()
                  : now.plus(
                      timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : defaultTimeout);
          jdbc.sql(
                  "UPDATE harvest_job SET state = ?, node_id = ?, attempt = attempt + 1,"
                      + " fencing_token = fencing_token + 1, lease_until = ?, heartbeat_at = ?,"
                      + " started_at = COALESCE(started_at, ?), deadline_at = ? WHERE id = ?")
              .params(
                  JobState.RUNNING.name(),
                  nodeId,
                  Timestamp.from(now.plus(lease)),
                  Timestamp.from(now),
                  Timestamp.from(now),
                  Timestamp.from(deadline),
                  jobId)
              .update();
          event(
              jobId, JobState.QUEUED, JobState.RUNNING, "claimed, attempt " + (job.attempt() + 1));
          return new Claim(ClaimOutcome.CLAIMED, jobs.get(jobId));
        });
  }

  /**
   * The job, its row locked until the transaction ends, so that no other node changes it between
   * this read and the caller's update.
   */
  private HarvestJob lockJob(String jobId) {
    return jdbc.sql("SELECT " + JobRepository.COLUMNS + " FROM harvest_job WHERE id = ? FOR UPDATE")
        .param(jobId)
        .query(JobRepository::map)
        .optional()
        .orElseThrow(() -> new HarvestJobNotFoundException(jobId));
  }

  /** Renews the lease; false if the job is no longer this token's. */
  public boolean renew(String jobId, long token, Duration lease) {
    Instant now = databaseNow();
    return jdbc.sql(
                "UPDATE harvest_job SET heartbeat_at = ?, lease_until = ? WHERE id = ?"
                    + " AND fencing_token = ? AND state = ?")
            .params(
                Timestamp.from(now),
                Timestamp.from(now.plus(lease)),
                jobId,
                token,
                JobState.RUNNING.name())
            .update()
        == 1;
  }

  /** Ends a RUNNING job held with {@code token}; false if the token is no longer current. */
  public boolean finish(
      String jobId, long token, JobState to, String error, String note, String reason) {
    return finish(jobId, token, to, null, error, note, reason);
  }

  /**
   * The recovery sweep's end of a job whose lease it saw expired: as {@link #finish}, and only if
   * the lease is still expired at {@code now}, so a holder that renewed after the sweep read the
   * job keeps it.
   */
  public boolean finishExpired(
      String jobId, long token, Instant now, JobState to, String error, String reason) {
    return endRunning(jobId, token, now, to, null, error, null, reason);
  }

  /** Ends a RUNNING job with an outcome (for SUCCEEDED); false if the token is not current. */
  public boolean finish(
      String jobId,
      long token,
      JobState to,
      JobOutcome outcome,
      String error,
      String note,
      String reason) {
    return endRunning(jobId, token, null, to, outcome, error, note, reason);
  }

  /** Ends a RUNNING job; with {@code expiredAt}, only if its lease ran out before that time. */
  private boolean endRunning(
      String jobId,
      long token,
      Instant expiredAt,
      JobState to,
      JobOutcome outcome,
      String error,
      String note,
      String reason) {
    return Boolean.TRUE.equals(
        tx.execute(
            status -> {
              int updated =
                  jdbc.sql(
                          "UPDATE harvest_job SET state = ?, active_harvester_id = NULL,"
                              + " fencing_token = fencing_token + 1, finished_at = ?, lease_until = NULL,"
                              + " error = ?, note = ?, outcome = ? WHERE id = ? AND fencing_token = ?"
                              + " AND state = ?"
                              + (expiredAt == null ? "" : LEASE_EXPIRED))
                      .params(
                          withExpiry(
                              expiredAt,
                              to.name(),
                              now(),
                              truncate(error),
                              truncate(note),
                              outcome == null ? null : outcome.name(),
                              jobId,
                              token,
                              JobState.RUNNING.name()))
                      .update();
              if (updated == 1) {
                event(jobId, JobState.RUNNING, to, reason);
              }
              return updated == 1;
            }));
  }

  /** Puts a RUNNING job held with {@code token} back in the queue. */
  public boolean requeue(String jobId, long token, String reason) {
    return requeue(jobId, token, null, reason);
  }

  /**
   * The recovery sweep's requeue of a job whose lease it saw expired: only if the lease is still
   * expired at {@code now}.
   */
  public boolean requeueExpired(String jobId, long token, Instant now, String reason) {
    return requeue(jobId, token, now, reason);
  }

  private boolean requeue(String jobId, long token, Instant expiredAt, String reason) {
    return Boolean.TRUE.equals(
        tx.execute(
            status -> {
              int updated =
                  jdbc.sql(
                          "UPDATE harvest_job SET state = ?, node_id = NULL,"
                              + " fencing_token = fencing_token + 1, lease_until = NULL, dispatched_at = NULL"
                              + " WHERE id = ? AND fencing_token = ? AND state = ?"
                              + (expiredAt == null ? "" : LEASE_EXPIRED))
                      .params(
                          withExpiry(
                              expiredAt,
                              JobState.QUEUED.name(),
                              jobId,
                              token,
                              JobState.RUNNING.name()))
                      .update();
              if (updated == 1) {
                event(jobId, JobState.RUNNING, JobState.QUEUED, reason);
              }
              return updated == 1;
            }));
  }

  /** Ends a QUEUED job (cancelled, timed out, harvester gone); false if it is not QUEUED. */
  public boolean endQueued(String jobId, JobState to, String error, String reason) {
    return Boolean.TRUE.equals(
        tx.execute(
            status -> {
              HarvestJob job = jobs.find(jobId).orElse(null);
              return job != null
                  && job.state() == JobState.QUEUED
                  && end(job, JobState.QUEUED, to, error, null, reason);
            }));
  }

  private boolean end(
      HarvestJob job, JobState from, JobState to, String error, String note, String reason) {
    int updated =
        jdbc.sql(
                "UPDATE harvest_job SET state = ?, active_harvester_id = NULL,"
                    + " fencing_token = fencing_token + 1, finished_at = ?, lease_until = NULL,"
                    + " error = ?, note = ? WHERE id = ? AND state = ? AND fencing_token = ?")
            .params(
                to.name(),
                now(),
                truncate(error),
                truncate(note),
                job.id(),
                from.name(),
                job.fencingToken())
            .update();
    if (updated == 1) {
      event(job.id(), from, to, reason);
    }
    return updated == 1;
  }

  /**
   * An operator's cancel: a QUEUED job ends at once; a RUNNING one is flagged, and the node holding
   * it stops it within a heartbeat interval (or the sweep ends it once its lease expired).
   */
  public HarvestJob requestCancel(String jobId) {
    return tx.execute(
        status -> {
          HarvestJob job = lockJob(jobId);
          switch (job.state()) {
            case QUEUED ->
                end(
                    job,
                    JobState.QUEUED,
                    JobState.CANCELLED,
                    null,
                    null,
                    "cancelled by " + HarvestAudit.actor() + " before it started");
            case RUNNING -> {
              if (!job.cancelRequested()) {
                jdbc.sql("UPDATE harvest_job SET cancel_requested = TRUE WHERE id = ?")
                    .param(jobId)
                    .update();
                event(
                    jobId,
                    JobState.RUNNING,
                    JobState.RUNNING,
                    "cancel requested by "
                        + HarvestAudit.actor()
                        + "; node "
                        + job.nodeId()
                        + " stops it");
              }
            }
            default -> throw new JobStateConflictException(jobId, job.state(), "cancel");
          }
          return jobs.get(jobId);
        });
  }

  /**
   * Queues a FAILED, CANCELLED or TIMED_OUT job again; it continues from its saved cursor and
   * records, with a fresh timeout and a fresh count of attempts (catalog.harvest.max-attempts).
   */
  public HarvestJob resume(String jobId) {
    try {
      return tx.execute(
          status -> {
            HarvestJob job = jobs.get(jobId);
            if (!job.state().resumable()) {
              throw new JobStateConflictException(jobId, job.state(), "resume");
            }
            jobs.active(job.harvesterId())
                .ifPresent(
                    active -> {
                      throw new JobAlreadyActiveException(
                          job.harvesterId(), active.id(), active.state());
                    });
            int updated =
                jdbc.sql(
                        "UPDATE harvest_job SET state = ?, active_harvester_id ="
                            + " harvester_id, node_id = NULL, cancel_requested = FALSE, deadline_at = NULL,"
                            + " finished_at = NULL, dispatched_at = NULL, error = NULL, note = NULL,"
                            + " outcome = NULL, attempt = 0,"
                            + " fencing_token = fencing_token + 1 WHERE id = ? AND state = ?")
                    .params(JobState.QUEUED.name(), jobId, job.state().name())
                    .update();
            if (updated != 1) {
              throw new JobStateConflictException(jobId, jobs.get(jobId).state(), "resume");
            }
            event(jobId, job.state(), JobState.QUEUED, "resumed by " + HarvestAudit.actor());
            return jobs.get(jobId);
          });
    } catch (DuplicateKeyException race) {
      HarvestJob job = jobs.get(jobId);
      HarvestJob active = jobs.active(job.harvesterId()).orElseThrow(() -> race);
      throw new JobAlreadyActiveException(job.harvesterId(), active.id(), active.state());
    }
  }

  /**
   * Marks a QUEUED job as dispatched now, unless it was dispatched after {@code notAfter}; only the
   * caller that gets true sends the message, so concurrent sweeps do not pile up duplicates.
   */
  public boolean markDispatched(String jobId, Instant notAfter) {
    Timestamp now = now();
    if (notAfter == null) {
      return jdbc.sql("UPDATE harvest_job SET dispatched_at = ? WHERE id = ? AND state = ?")
              .params(now, jobId, JobState.QUEUED.name())
              .update()
          == 1;
    }
    return jdbc.sql(
                "UPDATE harvest_job SET dispatched_at = ? WHERE id = ? AND state = ?"
                    + " AND (dispatched_at IS NULL OR dispatched_at < ?)")
            .params(now, jobId, JobState.QUEUED.name(), Timestamp.from(notAfter))
            .update()
        == 1;
  }

  /** Forgets a dispatch whose message could not be sent, so the next sweep sends it. */
  public void clearDispatched(String jobId) {
    jdbc.sql("UPDATE harvest_job SET dispatched_at = NULL WHERE id = ? AND state = ?")
        .params(jobId, JobState.QUEUED.name())
        .update();
  }

  /** Saves the cursor of the page the job works on next; fenced. */
  public void saveCursor(String jobId, long token, String cursor, boolean done) {
    updateRunning(jobId, token, "source_cursor = ?, source_done = ?", cursor, done);
  }

  /** Remembers the source's record count at the first page of the run; fenced. */
  public void saveListingMatched(String jobId, long token, Long matched) {
    updateRunning(jobId, token, "listing_matched = ?", matched);
  }

  /** Marks the run as an incremental listing from {@code from}; fenced. */
  public void saveListingFrom(String jobId, long token, String from) {
    updateRunning(jobId, token, "listing_from = ?", from);
  }

  /**
   * Sets columns of a RUNNING job held under {@code token}; a node that lost the job (another
   * token, or no longer RUNNING) gets {@link FencedOutException} and changes nothing.
   */
  private void updateRunning(String jobId, long token, String assignments, Object... values) {
    Object[] params = java.util.Arrays.copyOf(values, values.length + 3);
    params[values.length] = jobId;
    params[values.length + 1] = token;
    params[values.length + 2] = JobState.RUNNING.name();
    int updated =
        jdbc.sql(
                "UPDATE harvest_job SET "
                    + assignments
                    + " WHERE id = ? AND fencing_token = ? AND state = ?")
            .params(params)
            .update();
    if (updated != 1) {
      throw new FencedOutException(jobId, token);
    }
  }

  /**
   * Writes a note of the worker holding {@code token} on a RUNNING job, as an event without a state
   * change. Fenced like every other write of a running job: the job's row is locked first, so the
   * note is either written before a takeover or not at all.
   *
   * @throws FencedOutException if the job is no longer RUNNING under {@code token}
   */
  public void note(String jobId, long token, String reason) {
    tx.executeWithoutResult(
        status -> {
          HarvestJob job = lockJob(jobId);
          if (job.state() != JobState.RUNNING || job.fencingToken() != token) {
            throw new FencedOutException(jobId, token);
          }
          event(jobId, JobState.RUNNING, JobState.RUNNING, reason);
        });
  }

  void event(String jobId, JobState from, JobState to, String reason) {
    jdbc.sql(
            "INSERT INTO harvest_job_event (job_id, at, node_id, actor, from_state, to_state,"
                + " reason) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            jobId,
            now(),
            nodeId,
            HarvestAudit.actor(),
            from == null ? null : from.name(),
            to.name(),
            truncate(reason))
        .update();
  }

  /**
   * The shared database's clock. Leases, deadlines and the recovery sweep compare times written by
   * different nodes, so they all read this one clock: a node whose own clock runs ahead can then
   * neither take over live jobs nor keep dead ones.
   */
  public Instant databaseNow() {
    return jdbc.sql("SELECT CURRENT_TIMESTAMP")
        .query((rs, i) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
        .single();
  }

  Optional<HarvestJob> find(String jobId) {
    return jobs.find(jobId);
  }

  private Timestamp now() {
    return Timestamp.from(Instant.now(clock));
  }

  /** The condition that a RUNNING job's lease ran out before a given time (the last parameter). */
  private static final String LEASE_EXPIRED = " AND (lease_until IS NULL OR lease_until < ?)";

  /** The parameters, followed by {@code expiredAt} when the statement checks the lease. */
  private static Object[] withExpiry(Instant expiredAt, Object... params) {
    if (expiredAt == null) {
      return params;
    }
    Object[] all = java.util.Arrays.copyOf(params, params.length + 1);
    all[params.length] = Timestamp.from(expiredAt);
    return all;
  }

  static String truncate(String text) {
    return text == null || text.length() <= 3900 ? text : text.substring(0, 3900) + "...";
  }
}
