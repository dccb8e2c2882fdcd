package org.spatialcatalog.node.harvest.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.harvest.BackgroundLoop;
import org.spatialcatalog.node.harvest.JobDispatcher;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterRepository;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobRepository;
import org.spatialcatalog.node.harvest.job.JobTransitions;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts scheduled runs. Every node runs it; each due run is claimed once in the database (the
 * primary key of {@code harvest_schedule_run} is harvester + scheduled time), so exactly one job
 * and one HARVEST message exist per due run cluster-wide.
 *
 * <p>A run scheduled at {@code t} starts at {@code t + jitter}, the jitter being fixed per
 * harvester and spread over {@code [0, catalog.harvest.schedule-jitter]}, so harvesters due in the
 * same minute do not all start at once. A run missed while the cluster was down happens once, at
 * the next tick; older missed times are skipped. A due run whose harvester still has an active job
 * is skipped (and logged). Ticks run every {@code catalog.harvest.scheduler-tick}, and at once when
 * a HARVESTER notice arrives.
 */
@Component
public class HarvestScheduler extends BackgroundLoop {

  private static final Logger log = LoggerFactory.getLogger(HarvestScheduler.class);

  private final HarvesterRepository harvesters;
  private final JobRepository jobs;
  private final JobTransitions transitions;
  private final JobDispatcher dispatcher;
  private final HarvestProperties properties;
  private final TransactionTemplate tx;
  private final JdbcClient jdbc;
  private final Clock clock;

  HarvestScheduler(
      HarvesterRepository harvesters,
      JobRepository jobs,
      JobTransitions transitions,
      @Lazy JobDispatcher dispatcher,
      HarvestProperties properties,
      TransactionTemplate tx,
      JdbcClient jdbc,
      Clock clock) {
    super("harvest-scheduler");
    this.harvesters = harvesters;
    this.jobs = jobs;
    this.transitions = transitions;
    this.dispatcher = dispatcher;
    this.properties = properties;
    this.tx = tx;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  protected Duration interval() {
    return properties.schedulerTick();
  }

  @Override
  protected void tick() {
    Instant now = Instant.now(clock);
    for (Harvester h : harvesters.scheduled()) {
      CronExpression cron;
      try {
        cron = Schedule.parse(h.schedule());
      } catch (InvalidHarvesterException e) {
        log.warn("harvester {}: {}", h.id(), e.getMessage());
        continue;
      }
      Duration jitter = Schedule.jitter(h.id(), properties.scheduleJitter());
      Instant after = h.lastScheduledFor() != null ? h.lastScheduledFor() : h.createdAt();
      Instant due = Schedule.latestDue(cron, after, now, jitter);
      if (due != null) {
        try {
          claim(h, due);
        } catch (RuntimeException e) {
          log.warn(
              "scheduled run of harvester {} at {} not started: {}", h.id(), due, e.toString());
        }
      }
    }
  }

  private void claim(Harvester h, Instant due) {
    HarvestJob job;
    try {
      job =
          tx.execute(
              status -> {
                jdbc.sql(
                        "INSERT INTO harvest_schedule_run (harvester_id, scheduled_for, claimed_by,"
                            + " claimed_at) VALUES (?, ?, ?, ?)")
                    .params(
                        h.id(),
                        Timestamp.from(due),
                        transitions.nodeId(),
                        Timestamp.from(Instant.now(clock)))
                    .update();
                if (!harvesters.advanceSchedule(h.id(), due)) {
                  status.setRollbackOnly();
                  return null;
                }
                HarvestJob active = jobs.active(h.id()).orElse(null);
                if (active != null) {
                  log.info(
                      "scheduled run of harvester {} at {} skipped: job {} is still {}",
                      h.id(),
                      due,
                      active.id(),
                      active.state());
                  return null;
                }
                HarvestJob created = transitions.createQueued(h, "schedule", due, false);
                jdbc.sql(
                        "UPDATE harvest_schedule_run SET job_id = ? WHERE harvester_id = ?"
                            + " AND scheduled_for = ?")
                    .params(created.id(), h.id(), Timestamp.from(due))
                    .update();
                return created;
              });
    } catch (DuplicateKeyException claimedElsewhere) {
      return;
    }
    if (job != null) {
      log.info("scheduled run of harvester {} at {}: job {}", h.id(), due, job.id());
      dispatcher.dispatch(job);
    }
  }
}
