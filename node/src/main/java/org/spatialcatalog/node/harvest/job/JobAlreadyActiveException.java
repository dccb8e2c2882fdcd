package org.spatialcatalog.node.harvest.job;

/** A harvester already has a queued or running job; carries that job's id. */
public class JobAlreadyActiveException extends RuntimeException {

  private final String jobId;

  public JobAlreadyActiveException(String harvesterId, String jobId, JobState state) {
    super("harvester " + harvesterId + " already has job " + jobId + " " + state);
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
