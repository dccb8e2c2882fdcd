package org.spatialcatalog.node.harvest.job;

/**
 * The states of a harvest job. QUEUED and RUNNING are active (at most one active job per
 * harvester); the others are final until an operator resumes the job.
 */
public enum JobState {
  /** Waiting for a node and a free slot; a HARVEST message for it is in the queue. */
  QUEUED,
  /** Claimed by a node, which holds its lease. */
  RUNNING,
  /** Every page read, every record processed or kept as a failure. */
  SUCCEEDED,
  /** The source kept failing, or the job could not be resumed; {@code error} says why. */
  FAILED,
  /** Stopped by an operator. */
  CANCELLED,
  /** Ran longer than its harvester's timeout; not retried automatically. */
  TIMED_OUT;

  public boolean active() {
    return this == QUEUED || this == RUNNING;
  }

  /** Whether an operator may resume a job in this state. */
  public boolean resumable() {
    return this == FAILED || this == CANCELLED || this == TIMED_OUT;
  }
}
