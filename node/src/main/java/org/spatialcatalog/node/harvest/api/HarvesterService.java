package org.spatialcatalog.node.harvest.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.spatialcatalog.node.harvest.JobDispatcher;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterNotFoundException;
import org.spatialcatalog.node.harvest.definition.HarvesterOptions;
import org.spatialcatalog.node.harvest.definition.HarvesterRepository;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.job.HarvestAudit;
import org.spatialcatalog.node.harvest.job.JobAlreadyActiveException;
import org.spatialcatalog.node.harvest.job.JobItems;
import org.spatialcatalog.node.harvest.job.JobRepository;
import org.spatialcatalog.node.harvest.schedule.HarvestScheduler;
import org.spatialcatalog.node.harvest.schedule.Schedule;
import org.spatialcatalog.node.harvest.source.HarvestSource;
import org.spatialcatalog.node.record.HarvestedRecordWriter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, changes and deletes harvester definitions. Every definition is validated as a whole
 * (each problem names its field) before it is stored; every change is announced on the HARVESTER
 * topic so every node's scheduler sees it at once (a node that misses the notice reads the
 * definitions again at its next scheduler tick).
 */
@Service
class HarvesterService {

  private static final int DEFAULT_PRIORITY = 4;

  private final HarvesterRepository harvesters;
  private final JobRepository jobs;
  private final Map<HarvesterType, HarvestSource> sources;
  private final HarvestProperties properties;
  private final JobDispatcher dispatcher;
  private final HarvestedRecordWriter writer;
  private final JobItems items;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final HarvestScheduler scheduler;
  private final HarvestAudit audit;

  HarvesterService(
      HarvesterRepository harvesters,
      JobRepository jobs,
      List<HarvestSource> sources,
      HarvestProperties properties,
      JobDispatcher dispatcher,
      HarvestedRecordWriter writer,
      JobItems items,
      TransactionTemplate tx,
      Clock clock,
      HarvestScheduler scheduler,
      HarvestAudit audit) {
    this.audit = audit;
    this.harvesters = harvesters;
    this.jobs = jobs;
    this.sources = HarvestSource.byType(sources);
    this.properties = properties;
    this.dispatcher = dispatcher;
    this.writer = writer;
    this.items = items;
    this.tx = tx;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  List<Harvester> list() {
    return harvesters.all();
  }

  Harvester get(String id) {
    return harvesters.find(id).orElseThrow(() -> new HarvesterNotFoundException(id));
  }

  Harvester create(HarvesterRequest request) {
    Instant now = Instant.now(clock);
    Harvester h = validate(UUID.randomUUID().toString(), request, now, now, null);
    harvesters
        .idOfName(h.name())
        .ifPresent(
            other -> {
              throw new DuplicateHarvesterNameException(h.name(), other);
            });
    try {
      harvesters.insert(h);
    } catch (DuplicateKeyException race) {
      throw new DuplicateHarvesterNameException(
          h.name(), harvesters.idOfName(h.name()).orElse("?"));
    }
    audit.harvesterChanged(h.id(), "created", h.type().id() + " " + h.url());
    announce(h.id(), "created");
    return h;
  }

  Harvester update(String id, HarvesterRequest request) {
    Harvester current = get(id);
    Instant now = Instant.now(clock);
    // A changed schedule starts counting from now: the new expression does not back-fill.
    Instant last =
        java.util.Objects.equals(current.schedule(), blankToNull(request.schedule()))
            ? current.lastScheduledFor()
            : now;
    Harvester h = validate(id, request, current.createdAt(), now, last);
    harvesters
        .idOfName(h.name())
        .filter(other -> !other.equals(id))
        .ifPresent(
            other -> {
              throw new DuplicateHarvesterNameException(h.name(), other);
            });
    if (!harvesters.update(h)) {
      throw new HarvesterNotFoundException(id);
    }
    audit.harvesterChanged(id, "changed", h.type().id() + " " + h.url());
    announce(id, "updated");
    return h;
  }

  /**
   * Deletes a harvester that has no active job. Its records stay as local records, unless {@code
   * removeRecords} is set.
   */
  void delete(String id, boolean removeRecords) {
    Harvester h = get(id);
    jobs.active(id)
        .ifPresent(
            active -> {
              throw new JobAlreadyActiveException(id, active.id(), active.state());
            });
    if (removeRecords) {
      List<String> batch;
      while (!(batch = remoteIds(id)).isEmpty()) {
        writer.removeAll(id, batch, n -> {});
      }
    }
    tx.executeWithoutResult(
        status -> {
          harvesters.delete(h.id());
          unlink(id);
        });
    audit.harvesterChanged(id, "deleted", removeRecords ? "with its records" : "records kept");
    announce(id, "deleted");
  }

  private List<String> remoteIds(String harvesterId) {
    return items.linkedRemoteIds(harvesterId, 500);
  }

  private void unlink(String harvesterId) {
    items.unlinkAll(harvesterId);
  }

  private void announce(String harvesterId, String change) {
    scheduler.wake();
    dispatcher.announce(harvesterId, change);
  }

  private Harvester validate(
      String id, HarvesterRequest r, Instant createdAt, Instant now, Instant lastScheduled) {
    if (r == null) {
      throw new InvalidHarvesterException("body", "a JSON object is required");
    }
    String name = r.name() == null ? "" : r.name().trim();
    if (name.isEmpty() || name.length() > 255) {
      throw new InvalidHarvesterException("name", "required, at most 255 characters");
    }
    HarvesterType type = HarvesterType.fromId(r.type());
    String url = r.url() == null ? "" : r.url().trim();
    if (url.isEmpty() || url.length() > 2000) {
      throw new InvalidHarvesterException("url", "required, at most 2000 characters");
    }
    String schedule = blankToNull(r.schedule());
    if (schedule != null) {
      if (schedule.length() > 128) {
        throw new InvalidHarvesterException("schedule", "at most 128 characters");
      }
      Schedule.parse(schedule);
    }
    int timeout =
        r.timeoutSeconds() == null
            ? (int) Math.min(Integer.MAX_VALUE, properties.defaultTimeout().toSeconds())
            : r.timeoutSeconds();
    if (timeout <= 0 || timeout > 30 * 24 * 3600) {
      throw new InvalidHarvesterException(
          "timeoutSeconds", "must be between 1 and 2592000 (30 days), was " + timeout);
    }
    int priority = r.priority() == null ? DEFAULT_PRIORITY : r.priority();
    if (priority < 0 || priority > 9) {
      throw new InvalidHarvesterException("priority", "must be between 0 and 9, was " + priority);
    }
    HarvesterOptions options = HarvesterOptions.given(type, r.options());
    sources.get(type).validate(url);
    return new Harvester(
        id,
        name,
        type,
        url,
        schedule,
        r.enabled() == null || r.enabled(),
        timeout,
        priority,
        options,
        createdAt,
        now,
        lastScheduled == null ? now : lastScheduled);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
