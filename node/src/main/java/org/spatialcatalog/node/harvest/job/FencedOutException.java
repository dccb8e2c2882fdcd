package org.spatialcatalog.node.harvest.job;

/**
 * This node no longer holds the job's lease (its fencing token changed, or the job is no longer
 * RUNNING): the transaction that found out is rolled back, and the worker stops.
 */
public final class FencedOutException extends RuntimeException {

  FencedOutException(String jobId, long token) {
    super(
        "job " + jobId + ": fencing token " + token + " is no longer current", null, false, false);
  }
}
