package org.spatialcatalog.node.harvest.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.job.HarvestAudit;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.schedule.Schedule;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/harvesters}: harvester definitions and manual runs (admin only). */
@RestController
@RequestMapping("/api/harvesters")
class HarvesterController {

  private final HarvesterService service;
  private final JobLauncher launcher;

  private final HarvestAudit audit;
  private final HarvestProperties properties;
  private final Clock clock;

  HarvesterController(
      HarvesterService service,
      JobLauncher launcher,
      HarvestAudit audit,
      HarvestProperties properties,
      Clock clock) {
    this.service = service;
    this.launcher = launcher;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  /** Who created, changed and deleted the harvester (also after its deletion). */
  @GetMapping("/{id}/events")
  List<HarvestAudit.Event> events(@PathVariable String id) {
    List<HarvestAudit.Event> events = audit.events(id);
    if (events.isEmpty()) {
      service.get(id);
    }
    return events;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) HarvesterRequest r) {
    Harvester h = service.create(r);
    return ResponseEntity.created(URI.create("/api/harvesters/" + h.id()))
        .body(Map.of("id", h.id()));
  }

  @GetMapping
  List<Map<String, Object>> list() {
    return service.list().stream().map(this::view).toList();
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    return view(service.get(id));
  }

  @PutMapping("/{id}")
  Map<String, Object> update(
      @PathVariable String id, @RequestBody(required = false) HarvesterRequest r) {
    return view(service.update(id, r));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(
      @PathVariable String id, @RequestParam(defaultValue = "false") boolean removeRecords) {
    service.delete(id, removeRecords);
    return ResponseEntity.noContent().build();
  }

  /** 202 with the new job's id; 409 (with {@code jobId}) when one is queued or running. */
  @PostMapping("/{id}/run")
  ResponseEntity<Map<String, Object>> run(
      @PathVariable String id, @RequestParam(defaultValue = "false") boolean confirmRemoval) {
    HarvestJob job = launcher.runNow(id, confirmRemoval);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/harvest-jobs/" + job.id()))
        .body(Map.of("jobId", job.id()));
  }

  Map<String, Object> view(Harvester h) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", h.id());
    v.put("name", h.name());
    v.put("type", h.type().id());
    v.put("url", h.url());
    v.put("schedule", h.schedule());
    v.put("enabled", h.enabled());
    v.put("timeoutSeconds", h.timeoutSeconds());
    v.put("priority", h.priority());
    v.put("options", h.options().toMap());
    v.put("createdAt", h.createdAt().toString());
    v.put("updatedAt", h.updatedAt().toString());
    v.put(
        "lastScheduledFor", h.lastScheduledFor() == null ? null : h.lastScheduledFor().toString());
    Instant next = nextRun(h);
    v.put("nextRun", next == null ? null : next.toString());
    return v;
  }

  /**
   * When the scheduler will start the harvester's next scheduled run (computed as {@link
   * HarvestScheduler} does), or null: no schedule, disabled, or a schedule that never fires again.
   */
  private Instant nextRun(Harvester h) {
    if (!h.enabled() || h.schedule() == null) {
      return null;
    }
    CronExpression cron;
    try {
      cron = Schedule.parse(h.schedule());
    } catch (InvalidHarvesterException unparsable) {
      return null; // the scheduler skips it too (and logs why)
    }
    Instant after = h.lastScheduledFor() != null ? h.lastScheduledFor() : h.createdAt();
    return Schedule.nextStart(
        cron, after, Instant.now(clock), Schedule.jitter(h.id(), properties.scheduleJitter()));
  }
}
