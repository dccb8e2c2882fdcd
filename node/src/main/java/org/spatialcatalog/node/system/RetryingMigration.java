package org.spatialcatalog.node.system;

import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs the migrations, retrying a few times. Several nodes starting at once against a new database
 * race to create Flyway's history table and to take its lock; the loser of such a race fails once
 * and finds the schema ready on the next attempt, instead of the node exiting.
 */
@Component
class RetryingMigration implements FlywayMigrationStrategy {

  private static final Logger log = LoggerFactory.getLogger(RetryingMigration.class);
  private static final int ATTEMPTS = 5;

  @Override
  public void migrate(Flyway flyway) {
    for (int attempt = 1; ; attempt++) {
      try {
        flyway.migrate();
        return;
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        long pause = 500L * attempt + ThreadLocalRandom.current().nextLong(500);
        log.warn(
            "database migration attempt {} failed ({}); retrying in {} ms",
            attempt,
            e.getMessage(),
            pause);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
