package org.spatialcatalog.node.harvest;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.definition.HarvesterRepository;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.job.JobItems;
import org.spatialcatalog.node.harvest.job.JobNotifier;
import org.spatialcatalog.node.harvest.job.JobRepository;
import org.spatialcatalog.node.harvest.job.JobTransitions;
import org.spatialcatalog.node.harvest.job.RunningJob;
import org.spatialcatalog.node.harvest.source.HarvestSource;
import org.spatialcatalog.node.harvest.source.SourceAccess;
import org.spatialcatalog.node.harvest.source.SourceHttp;
import org.spatialcatalog.node.record.HarvestedRecordWriter;
import org.spatialcatalog.node.sql.PlannerStatistics;
import org.springframework.stereotype.Component;

/**
 * What a {@link HarvestWorker} works with: the job stores, the record writer, the source strategies
 * and the node's HTTP client. One per node; thread-safe.
 */
@Component
class HarvestContext {

  private final JobRepository jobs;
  private final JobTransitions transitions;
  private final JobItems items;
  private final HarvesterRepository harvesters;
  private final HarvestedRecordWriter writer;
  private final PlannerStatistics statistics;
  private final Map<HarvesterType, HarvestSource> sources;
  private final HarvestProperties properties;
  private final HarvestMetrics metrics;
  private final JobNotifier notifier;
  private final HttpClient http;
  private final List<Path> folderRoots;
  private final java.time.Clock clock;
  private final long maxRecordSize;

  HarvestContext(
      JobRepository jobs,
      JobTransitions transitions,
      JobItems items,
      HarvesterRepository harvesters,
      HarvestedRecordWriter writer,
      PlannerStatistics statistics,
      List<HarvestSource> sources,
      HarvestProperties properties,
      HarvestMetrics metrics,
      JobNotifier notifier,
      CatalogProperties catalog,
      java.time.Clock clock) {
    this.clock = clock;
    this.jobs = jobs;
    this.transitions = transitions;
    this.items = items;
    this.harvesters = harvesters;
    this.writer = writer;
    this.statistics = statistics;
    this.sources = HarvestSource.byType(sources);
    this.properties = properties;
    this.metrics = metrics;
    this.notifier = notifier;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(Math.min(10, properties.httpTimeout().toSeconds())))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.folderRoots = List.copyOf(properties.folderRoots());
    this.maxRecordSize = catalog.maxRecordSize().toBytes();
  }

  JobRepository jobs() {
    return jobs;
  }

  JobTransitions transitions() {
    return transitions;
  }

  JobItems items() {
    return items;
  }

  HarvesterRepository harvesters() {
    return harvesters;
  }

  HarvestedRecordWriter writer() {
    return writer;
  }

  /** Keeps the planner's statistics of the tables a harvest fills in step with their growth. */
  PlannerStatistics statistics() {
    return statistics;
  }

  HarvestProperties properties() {
    return properties;
  }

  /** {@code catalog.max-record-size}, in characters: also the most record text a batch holds. */
  long maxRecordSize() {
    return maxRecordSize;
  }

  HarvestMetrics metrics() {
    return metrics;
  }

  HarvestSource source(HarvesterType type) {
    return sources.get(type);
  }

  List<Path> folderRoots() {
    return folderRoots;
  }

  SourceAccess access(RunningJob job) {
    return new SourceAccess(
        new SourceHttp(http, job, properties, clock),
        properties.pageSize(),
        folderRoots,
        jobs.lastSuccessStarted(job.harvesterId()).orElse(null),
        maxRecordSize);
  }

  /** Called once by whoever moved a job to a final state: metrics and notifications. */
  void ended(String jobId) {
    jobs.find(jobId)
        .ifPresent(
            job -> {
              metrics.jobEnded(job);
              notifier.jobEnded(job, harvesters.find(job.harvesterId()).orElse(null));
            });
  }
}
