package org.spatialcatalog.node.harvest.definition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Fixed harvesting settings of a node ({@code catalog.harvest.*}), read once at start. Every node
 * of a cluster should use the same values; {@code maxConcurrentCluster} is enforced through the
 * shared database, so a node configured lower simply takes fewer jobs.
 *
 * @param maxConcurrentPerNode jobs this node runs at once
 * @param maxConcurrentCluster jobs running at once in the whole cluster
 * @param leaseDuration how long a running job's lease lasts without a heartbeat; after that any
 *     node's recovery sweep puts the job back on the queue
 * @param heartbeatInterval how often a node renews its leases and checks cancel requests and
 *     deadlines of its jobs (the bound on how late a cancel or timeout is noticed)
 * @param sweepInterval how often every node looks for expired leases and undispatched jobs
 * @param redispatchAfter how long a QUEUED job may go without a HARVEST message before a sweep
 *     sends it again (when it is not in the queue already): covers a broker that lost its store
 * @param schedulerTick how often every node checks harvester schedules
 * @param scheduleJitter the upper bound of the deterministic per-harvester delay added to scheduled
 *     starts, so runs due at the same minute spread out
 * @param pageSize records asked per page from CSW and catalog sources, layers and files per page
 * @param batchSize records imported per database transaction
 * @param httpTimeout how long a source may keep a request waiting for its answer's headers, and
 *     between two reads of its body (the idle-read timeout)
 * @param requestDeadline how long one HTTP exchange with a source may keep the harvester waiting in
 *     all, from sending the request to the last byte of the answer (the harvester's own work on the
 *     records of a streamed page, between two reads, is not counted)
 * @param maxResponseSize the largest answer accepted from a source, counted on its bytes as they
 *     arrive; a larger one fails the page at that point
 * @param retries the most retries of a failing request before the job fails
 * @param retryHorizon the longest time a failing request is retried, counted from its first
 *     failure; together with {@code retries}, whichever ends first
 * @param retryBackoff the first back-off between retries; doubled each time
 * @param maxRetryBackoff the longest back-off between retries
 * @param maxAttempts how many times a job may be claimed (crash recoveries included) before it is
 *     marked failed
 * @param defaultTimeout a harvester's timeout when it sets none
 * @param maxRemovalShare the largest share of a harvester's records one run may remove without an
 *     operator's confirmation
 * @param retention how long finished jobs, their events and failures are kept
 * @param folderRoots directories a folder harvester may read; never the shared data directory
 *     ({@code catalog.shared-dir}), even inside one of them
 * @param mailTo who gets an e-mail when a job fails, times out or ends with record failures; sent
 *     through the SMTP server of {@code spring.mail.host}; empty: no e-mail
 * @param mailFrom the sender address of those e-mails
 */
@ConfigurationProperties("catalog.harvest")
public record HarvestProperties(
    @DefaultValue("2") int maxConcurrentPerNode,
    @DefaultValue("4") int maxConcurrentCluster,
    @DefaultValue("30s") Duration leaseDuration,
    @DefaultValue("1s") Duration heartbeatInterval,
    @DefaultValue("5s") Duration sweepInterval,
    @DefaultValue("2m") Duration redispatchAfter,
    @DefaultValue("10s") Duration schedulerTick,
    @DefaultValue("5m") Duration scheduleJitter,
    @DefaultValue("100") int pageSize,
    @DefaultValue("100") int batchSize,
    @DefaultValue("60s") Duration httpTimeout,
    @DefaultValue("5m") Duration requestDeadline,
    @DefaultValue("200MB") DataSize maxResponseSize,
    @DefaultValue("20") int retries,
    @DefaultValue("5m") Duration retryHorizon,
    @DefaultValue("1s") Duration retryBackoff,
    @DefaultValue("30s") Duration maxRetryBackoff,
    @DefaultValue("20") int maxAttempts,
    @DefaultValue("6h") Duration defaultTimeout,
    @DefaultValue("0.3") double maxRemovalShare,
    @DefaultValue("30d") Duration retention,
    List<Path> folderRoots,
    List<String> mailTo,
    @DefaultValue("catalog@localhost") String mailFrom) {

  public HarvestProperties {
    positive("catalog.harvest.max-concurrent-per-node", maxConcurrentPerNode);
    positive("catalog.harvest.max-concurrent-cluster", maxConcurrentCluster);
    positive("catalog.harvest.page-size", pageSize);
    positive("catalog.harvest.batch-size", batchSize);
    positive("catalog.harvest.max-attempts", maxAttempts);
    if (retries < 0) {
      throw new IllegalArgumentException("catalog.harvest.retries must not be negative");
    }
    positive("catalog.harvest.lease-duration", leaseDuration);
    positive("catalog.harvest.heartbeat-interval", heartbeatInterval);
    positive("catalog.harvest.sweep-interval", sweepInterval);
    positive("catalog.harvest.http-timeout", httpTimeout);
    positive("catalog.harvest.request-deadline", requestDeadline);
    positive("catalog.harvest.retry-horizon", retryHorizon);
    if (maxResponseSize == null || maxResponseSize.toBytes() <= 0) {
      throw new IllegalArgumentException(
          "catalog.harvest.max-response-size must be positive, was " + maxResponseSize);
    }
    positive("catalog.harvest.default-timeout", defaultTimeout);
    if (heartbeatInterval.compareTo(leaseDuration.dividedBy(2)) > 0) {
      throw new IllegalArgumentException(
          "catalog.harvest.heartbeat-interval ("
              + heartbeatInterval
              + ") must be at most half of catalog.harvest.lease-duration ("
              + leaseDuration
              + "), or leases expire between beats");
    }
    if (scheduleJitter.isNegative()) {
      throw new IllegalArgumentException("catalog.harvest.schedule-jitter must not be negative");
    }
    if (!(maxRemovalShare >= 0 && maxRemovalShare <= 1)) {
      throw new IllegalArgumentException(
          "catalog.harvest.max-removal-share must be between 0 and 1, was " + maxRemovalShare);
    }
    folderRoots = folderRoots == null ? List.of() : List.copyOf(folderRoots);
    mailTo =
        mailTo == null
            ? List.of()
            : mailTo.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
    for (String address : mailTo) {
      if (!address.matches("[^@\\s]+@[^@\\s]+")) {
        throw new IllegalArgumentException(
            "catalog.harvest.mail-to: '" + address + "' is not an e-mail address");
      }
    }
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, was " + value);
    }
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
    }
  }
}
