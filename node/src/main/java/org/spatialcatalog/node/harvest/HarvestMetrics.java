package org.spatialcatalog.node.harvest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobState;
import org.spatialcatalog.node.record.HarvestedRecordWriter.Outcome;
import org.springframework.stereotype.Component;

/**
 * Harvest metrics on {@code /actuator/prometheus}: jobs by state and the HARVEST queue depth
 * (cluster-wide, refreshed by the recovery sweep), and this node's records processed, failed,
 * skipped and removed, lease recoveries, poison messages and job durations.
 */
@Component
class HarvestMetrics {

  private final MeterRegistry registry;
  private final Map<JobState, AtomicLong> jobsByState = new EnumMap<>(JobState.class);
  private final AtomicLong queueDepth = new AtomicLong();
  private final Counter processed;
  private final Counter failed;
  private final Counter skipped;
  private final Counter removed;
  private final Counter leaseRecoveries;
  private final Counter poisonMessages;

  HarvestMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (JobState s : JobState.values()) {
      AtomicLong value = new AtomicLong();
      jobsByState.put(s, value);
      Gauge.builder("catalog.harvest.jobs", value, AtomicLong::get)
          .description("harvest jobs in the cluster by state")
          .tag("state", s.name())
          .register(registry);
    }
    Gauge.builder("catalog.harvest.queue.depth", queueDepth, AtomicLong::get)
        .description("HARVEST messages waiting in the queue")
        .register(registry);
    processed = records("processed");
    failed = records("failed");
    skipped = records("skipped");
    removed = records("removed");
    leaseRecoveries =
        Counter.builder("catalog.harvest.lease.recoveries")
            .description("running jobs put back on the queue after their lease expired")
            .register(registry);
    poisonMessages =
        Counter.builder("catalog.harvest.poison.messages")
            .description("HARVEST messages refused as malformed or for an unknown job")
            .register(registry);
  }

  private Counter records(String outcome) {
    return Counter.builder("catalog.harvest.records")
        .tag("outcome", outcome)
        .description("harvested records by outcome, on this node")
        .register(registry);
  }

  void recordsImported(List<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      switch (o.result()) {
        case CREATED, UPDATED -> processed.increment();
        case UNCHANGED -> skipped.increment();
        case REFUSED -> failed.increment();
      }
    }
  }

  void recordsFailed(int n) {
    failed.increment(n);
  }

  void recordsRemoved(int n) {
    removed.increment(n);
  }

  void leaseRecovered() {
    leaseRecoveries.increment();
  }

  void poisonMessage() {
    poisonMessages.increment();
  }

  void jobEnded(HarvestJob job) {
    if (job.startedAt() != null && job.finishedAt() != null) {
      Timer.builder("catalog.harvest.job.duration")
          .tag("state", job.state().name())
          .description("time from first start to end of harvest jobs")
          .register(registry)
          .record(Duration.between(job.startedAt(), job.finishedAt()));
    }
  }

  void jobsByState(Map<JobState, Long> counts) {
    counts.forEach((state, n) -> jobsByState.get(state).set(n));
  }

  void queueDepth(long depth) {
    queueDepth.set(depth);
  }
}
