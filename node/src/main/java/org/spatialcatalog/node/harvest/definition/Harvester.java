package org.spatialcatalog.node.harvest.definition;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A harvester definition as stored in the shared database.
 *
 * @param schedule a cron expression (5 or 6 fields, UTC) or null for manual runs only
 * @param timeoutSeconds how long one job may run before it is stopped as TIMED_OUT
 * @param priority 0 (lowest) to 9 (highest): queued jobs start in this order
 * @param options type-specific options and the common ones ({@code removeVanished}, {@code
 *     webhookUrl})
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
    Map<String, Object> options,
    Instant createdAt,
    Instant updatedAt,
    Instant lastScheduledFor) {

  public Harvester {
    options =
        options == null
            ? Map.of()
            : options.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** A string option, or null. */
  public String option(String key) {
    Object v = options.get(key);
    return v == null ? null : String.valueOf(v);
  }

  /** A boolean option, or the default. */
  public boolean flag(String key, boolean defaultValue) {
    Object v = options.get(key);
    return v == null ? defaultValue : Boolean.parseBoolean(String.valueOf(v));
  }
}
