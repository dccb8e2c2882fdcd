package org.spatialcatalog.node.harvest.job;

/** Thrown in a worker whose job was aborted from outside; the worker then stops quietly. */
public final class JobAbortedException extends RuntimeException {

  private final RunningJob.Abort reason;

  JobAbortedException(RunningJob.Abort reason) {
    super("job aborted: " + reason, null, false, false);
    this.reason = reason;
  }

  RunningJob.Abort reason() {
    return reason;
  }
}
