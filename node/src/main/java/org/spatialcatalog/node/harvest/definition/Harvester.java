package org.spatialcatalog.node.harvest.definition;

import java.time.Instant;

/**
 * A harvester definition as stored in the shared database.
 *
 * @param schedule a cron expression (5 or 6 fields, UTC) or null for manual runs only
 * @param timeoutSeconds how long one job may run before it is stopped as TIMED_OUT
 * @param priority 0 (lowest) to 9 (highest): queued jobs start in this order
 * @param options the options of its type, with the common ones
 */
public record Harvester(
    String id,
    String name,
    HarvesterType type,
    String url,
    String schedule,
    boolean enabled,
    int timeoutSeconds,
    int priority,
    HarvesterOptions options,
    Instant createdAt,
    Instant updatedAt,
    Instant lastScheduledFor) {

  public Harvester {
    options = options == null ? HarvesterOptions.stored(type, null) : options;
  }

  /** The options as the record of this harvester's type; {@code kind} must match {@link #type}. */
  public <T extends HarvesterOptions> T options(Class<T> kind) {
    return kind.cast(options);
  }
}
