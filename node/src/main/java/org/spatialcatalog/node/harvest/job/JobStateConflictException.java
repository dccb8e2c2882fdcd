package org.spatialcatalog.node.harvest.job;

/** The requested action does not apply to a job in its current state. */
public class JobStateConflictException extends RuntimeException {

  private final JobState state;

  public JobStateConflictException(String jobId, JobState state, String action) {
    super("job " + jobId + " is " + state + ": cannot " + action);
    this.state = state;
  }

  public JobState state() {
    return state;
  }
}
