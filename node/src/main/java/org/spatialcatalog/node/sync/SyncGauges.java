package org.spatialcatalog.node.sync;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.springframework.stereotype.Component;

/**
 * The index sync gauges on {@code /actuator/prometheus}. Those that need the database (head, lag)
 * read it when scraped, never on the write path; a failed read shows as NaN.
 */
@Component
class SyncGauges {

  SyncGauges(
      MeterRegistry registry,
      RecordIndex index,
      ChangeLog changeLog,
      Clock clock,
      IndexSynchronizer synchronizer) {
    Gauge.builder("catalog.changelog.head", () -> safe(changeLog::head))
        .description("sequence number of the newest change-log entry")
        .register(registry);
    Gauge.builder("catalog.index.checkpoint", () -> safe(synchronizer::visibleCheckpoint))
        .description("last change-log sequence searchable on this node")
        .register(registry);
    Gauge.builder(
            "catalog.index.lag.changes",
            () -> safe(() -> Math.max(0, changeLog.head() - synchronizer.visibleCheckpoint())))
        .description("change-log entries not yet searchable on this node")
        .register(registry);
    Gauge.builder(
            "catalog.index.lag",
            () ->
                safe(
                    () ->
                        changeLog
                            .committedAtAfter(synchronizer.visibleCheckpoint())
                            .map(
                                t ->
                                    Math.max(0, Duration.between(t, Instant.now(clock)).toMillis())
                                        / 1000.0)
                            .orElse(0.0)))
        .baseUnit("seconds")
        .description("age of the oldest change not yet searchable on this node")
        .register(registry);
    Gauge.builder("catalog.index.quarantined", () -> safe(index::quarantinedCount))
        .description("records indexed minimally because the index refused them")
        .register(registry);
    Gauge.builder("catalog.index.ready", () -> synchronizer.ready() ? 1 : 0)
        .description("1 when this node is ready for search traffic")
        .register(registry);
  }

  private static double safe(Supplier<? extends Number> reading) {
    try {
      return reading.get().doubleValue();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
