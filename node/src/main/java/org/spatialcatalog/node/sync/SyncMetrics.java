package org.spatialcatalog.node.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.spatialcatalog.index.RecordIndex;
import org.springframework.stereotype.Component;

/**
 * The index sync counters and the commit-to-searchable histogram ({@link SyncGauges}: the rest).
 */
@Component
class SyncMetrics {

  private final Counter rebuilds;
  private final Counter quarantinedEvents;
  private final MeterRegistry registry;
  private final Timer visibilityDelay;

  SyncMetrics(MeterRegistry registry) {
    this.registry = registry;
    rebuilds =
        Counter.builder("catalog.index.rebuilds")
            .description("index rebuilds from the database")
            .register(registry);
    quarantinedEvents =
        Counter.builder("catalog.index.quarantine.events")
            .description("times a record version was quarantined")
            .register(registry);
    visibilityDelay =
        Timer.builder("catalog.index.visibility.delay")
            .description("delay from commit to searchable on this node")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofMinutes(5))
            .register(registry);
  }

  void rebuilt() {
    rebuilds.increment();
  }

  /** Counts the refreshes of {@code index}: periodic ones and those searches asked for. */
  void countRefreshes(RecordIndex index) {
    FunctionCounter.builder("catalog.index.refreshes", index, RecordIndex::refreshCount)
        .description("searcher refreshes (each reopens the searcher if the index changed)")
        .register(registry);
  }

  void quarantined(int records) {
    quarantinedEvents.increment(records);
  }

  void visible(Instant committedAt, Instant visibleAt) {
    visibilityDelay.record(
        Duration.between(committedAt, visibleAt).isNegative()
            ? Duration.ZERO
            : Duration.between(committedAt, visibleAt));
  }
}
