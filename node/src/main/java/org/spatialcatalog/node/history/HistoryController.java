package org.spatialcatalog.node.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.record.RecordHistory;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredRecord;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Record history (admin only): {@code /api/records/{id}/versions} lists the kept versions and the
 * current one, {@code .../versions/{n}} returns a version's XML, {@code .../versions/{n}/diff} a
 * unified diff from version n to {@code against} (default: the current version).
 */
@RestController
class HistoryController {

  private final RecordHistory history;
  private final RecordRepository records;

  HistoryController(RecordHistory history, RecordRepository records) {
    this.history = history;
    this.records = records;
  }

  @GetMapping("/api/records/{id}/versions")
  Map<String, Object> versions(@PathVariable String id) {
    String recordId = resolve(id);
    List<Map<String, Object>> versions = new ArrayList<>();
    for (RecordHistory.Version v : history.versions(recordId)) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("version", v.version());
      entry.put("title", v.title());
      entry.put("replacedBy", v.operation());
      entry.put("savedAt", v.savedAt());
      entry.put("current", false);
      versions.add(entry);
    }
    records
        .find(recordId)
        .ifPresent(
            current -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("version", current.version());
              entry.put("title", current.title());
              entry.put("savedAt", current.changeDate());
              entry.put("current", true);
              versions.add(entry);
            });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", recordId);
    body.put("versions", versions);
    return body;
  }

  @GetMapping(value = "/api/records/{id}/versions/{version}")
  ResponseEntity<String> version(@PathVariable String id, @PathVariable long version) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_XML)
        .body(xml(resolve(id), version));
  }

  @GetMapping(value = "/api/records/{id}/versions/{version}/diff")
  ResponseEntity<String> diff(
      @PathVariable String id,
      @PathVariable long version,
      @RequestParam(required = false) Long against) {
    String recordId = resolve(id);
    long to =
        against != null
            ? against
            : records
                .find(recordId)
                .map(StoredRecord::version)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "the record was deleted: give ?against=<version>"));
    String diff =
        LineDiff.unified(
            "version " + version, xml(recordId, version), "version " + to, xml(recordId, to));
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(diff);
  }

  private String xml(String recordId, long version) {
    return history
        .xml(recordId, version)
        .or(
            () ->
                records
                    .find(recordId)
                    .filter(r -> r.version() == version)
                    .flatMap(r -> records.xml(r.id())))
        .orElseThrow(() -> new RecordNotFoundException(recordId + " version " + version));
  }

  private String resolve(String idOrUuid) {
    return records
        .find(idOrUuid)
        .map(StoredRecord::id)
        .or(() -> history.idOf(idOrUuid))
        .orElseThrow(() -> new RecordNotFoundException(idOrUuid));
  }
}
