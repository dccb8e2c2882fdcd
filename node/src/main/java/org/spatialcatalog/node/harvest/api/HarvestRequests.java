package org.spatialcatalog.node.harvest.api;

import java.util.Map;
import java.util.Optional;
import org.spatialcatalog.node.harvest.definition.HarvesterRepository;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobAlreadyActiveException;
import org.spatialcatalog.node.harvest.job.JobRepository;

/**
 * Harvests asked for by another protocol (the CSW Harvest operation): finds or creates a harvester
 * by name through {@link HarvesterService}, with the same validation as the JSON API, and queues a
 * run through {@link JobLauncher}. Callers must have checked that the caller may manage harvesters
 * (Administrator).
 */
@org.springframework.stereotype.Component
public class HarvestRequests {

  private final HarvesterService service;
  private final HarvesterRepository harvesters;
  private final JobLauncher launcher;
  private final JobRepository jobs;

  HarvestRequests(
      HarvesterService service,
      HarvesterRepository harvesters,
      JobLauncher launcher,
      JobRepository jobs) {
    this.service = service;
    this.harvesters = harvesters;
    this.launcher = launcher;
    this.jobs = jobs;
  }

  /**
   * Queues a run of the harvester called {@code name}, creating it (type, url, options) first if
   * there is none; returns the queued job, or the job already queued or running.
   */
  public HarvestJob run(String name, String type, String url, Map<String, Object> options) {
    String id =
        harvesters
            .idOfName(name)
            .orElseGet(
                () ->
                    service
                        .create(
                            new HarvesterRequest(name, type, url, null, true, null, null, options))
                        .id());
    try {
      return launcher.runNow(id, false);
    } catch (JobAlreadyActiveException active) {
      return jobs.active(id).orElseThrow(() -> active);
    }
  }

  /** The current state of a job. */
  public Optional<HarvestJob> job(String jobId) {
    return jobs.find(jobId);
  }
}
