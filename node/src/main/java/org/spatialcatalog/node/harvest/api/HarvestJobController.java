package org.spatialcatalog.node.harvest.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobItems;
import org.spatialcatalog.node.harvest.job.JobRepository;
import org.spatialcatalog.node.harvest.job.JobState;
import org.spatialcatalog.node.harvest.job.JobTransitions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/harvest-jobs}: job state, audit trail, failures, cancel and resume (admin only). */
@RestController
@RequestMapping("/api/harvest-jobs")
class HarvestJobController {

  private final JobRepository jobs;
  private final JobTransitions transitions;
  private final JobLauncher launcher;

  HarvestJobController(JobRepository jobs, JobTransitions transitions, JobLauncher launcher) {
    this.jobs = jobs;
    this.transitions = transitions;
    this.launcher = launcher;
  }

  @GetMapping
  List<Map<String, Object>> list(
      @RequestParam(required = false) String harvesterId,
      @RequestParam(required = false) String state,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidHarvesterException("limit", "must be between 1 and 1000, was " + limit);
    }
    return jobs.list(harvesterId, parseState(state), limit).stream().map(this::view).toList();
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    return view(jobs.get(id));
  }

  @GetMapping("/{id}/events")
  List<JobRepository.Event> events(@PathVariable String id) {
    jobs.get(id);
    return jobs.events(id);
  }

  @GetMapping("/{id}/failures")
  List<JobRepository.Failure> failures(
      @PathVariable String id, @RequestParam(defaultValue = "1000") int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new InvalidHarvesterException("limit", "must be between 1 and 10000, was " + limit);
    }
    jobs.get(id);
    return jobs.failures(id, limit);
  }

  @PostMapping("/{id}/cancel")
  ResponseEntity<Map<String, Object>> cancel(@PathVariable String id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(transitions.requestCancel(id)));
  }

  @PostMapping("/{id}/resume")
  ResponseEntity<Map<String, Object>> resume(@PathVariable String id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(launcher.resume(id)));
  }

  private static JobState parseState(String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    try {
      return JobState.valueOf(state.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidHarvesterException(
          "state",
          "unknown job state '"
              + state
              + "'; expected one of "
              + java.util.Arrays.toString(JobState.values()));
    }
  }

  private Map<String, Object> view(HarvestJob j) {
    Map<String, Long> items =
        j.state().active() || j.state().resumable() ? jobs.unfinishedItemCounts(j.id()) : Map.of();
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("todo", items.getOrDefault(JobItems.TODO, 0L));
    counts.put("processing", items.getOrDefault(JobItems.PROCESSING, 0L));
    counts.put("processed", j.processed());
    counts.put("failed", j.failed());
    counts.put("skipped", j.skipped());
    counts.put("removed", j.removed());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", j.id());
    v.put("harvesterId", j.harvesterId());
    v.put("state", j.state().name());
    v.put("node", j.nodeId());
    v.put("attempt", j.attempt());
    v.put("trigger", j.trigger());
    v.put("scheduledFor", text(j.scheduledFor()));
    v.put("priority", j.priority());
    v.put("counts", counts);
    v.put("createdAt", text(j.createdAt()));
    v.put("startedAt", text(j.startedAt()));
    v.put("heartbeatAt", text(j.heartbeatAt()));
    v.put("finishedAt", text(j.finishedAt()));
    v.put("deadlineAt", text(j.deadlineAt()));
    v.put("cancelRequested", j.cancelRequested());
    v.put("cursor", j.cursor());
    v.put("sourceDone", j.sourceDone());
    v.put("error", j.error());
    v.put("note", j.note());
    v.put("outcome", j.outcome());
    return v;
  }

  private static String text(java.time.Instant t) {
    return t == null ? null : t.toString();
  }
}
