package org.spatialcatalog.node.harvest.job;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes finished jobs older than {@code catalog.harvest.retention}, with their events, failures
 * and leftover items, and old schedule claims, so the tables do not grow without bound. Works in
 * batches; safe to run on several nodes at once.
 */
@Component
public class RetentionPruner {

  private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);
  private static final int BATCH = 500;

  private final JdbcClient jdbc;
  private final HarvestProperties properties;
  private final Clock clock;

  RetentionPruner(JdbcClient jdbc, HarvestProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** Returns how many jobs were deleted. */
  public int prune() {
    Timestamp before = Timestamp.from(Instant.now(clock).minus(properties.retention()));
    int total = 0;
    while (true) {
      List<String> ids =
          jdbc.sql(
                  "SELECT id FROM harvest_job WHERE finished_at < ?"
                      + " AND state NOT IN (?, ?) ORDER BY finished_at LIMIT ?")
              .params(before, JobState.QUEUED.name(), JobState.RUNNING.name(), BATCH)
              .query(String.class)
              .list();
      if (ids.isEmpty()) {
        break;
      }
      for (String id : ids) {
        jdbc.sql("DELETE FROM harvest_job_event WHERE job_id = ?").param(id).update();
        jdbc.sql("DELETE FROM harvest_job_failure WHERE job_id = ?").param(id).update();
        jdbc.sql("DELETE FROM harvest_item WHERE job_id = ?").param(id).update();
        jdbc.sql("DELETE FROM harvest_job WHERE id = ? AND finished_at < ?")
            .params(id, before)
            .update();
      }
      total += ids.size();
    }
    jdbc.sql("DELETE FROM harvest_schedule_run WHERE claimed_at < ?").param(before).update();
    if (total > 0) {
      log.info("pruned {} harvest jobs finished before {}", total, before.toInstant());
    }
    return total;
  }
}
