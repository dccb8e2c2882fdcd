package org.spatialcatalog.node.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.http.BoundedBody;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The record API: {@code /api/records}. */
@RestController
@RequestMapping("/api/records")
class RecordController {

  private final RecordService service;
  private final long maxBytes;
  private final JsonMapper json;

  RecordController(RecordService service, CatalogProperties properties, JsonMapper json) {
    this.service = service;
    this.maxBytes = properties.maxRecordSize().toBytes();
    this.json = json;
  }

  /**
   * Answers with the JSON already turned into bytes, so the answer carries its length and leaves in
   * one write. Given an object, Spring flushes after the JSON converter wrote it, before the length
   * is known: the answer then goes out chunked, and its closing chunk is a second write to the
   * socket for every record a script posts.
   */
  @PostMapping
  ResponseEntity<byte[]> create(HttpServletRequest request) throws IOException {
    StoredRecord record = service.create(BoundedBody.readText(request, maxBytes));
    return ResponseEntity.created(URI.create("/api/records/" + record.id()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsBytes(new Created(record.id(), record.uuid(), record.version())));
  }

  /** The answer to a create. */
  record Created(String id, String uuid, long version) {}

  @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  RecordSummary get(@PathVariable String id) {
    return RecordSummary.of(service.get(id));
  }

  @GetMapping(
      value = "/{id}",
      produces = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
  ResponseEntity<String> xml(@PathVariable String id) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(service.xml(id));
  }

  @PutMapping("/{id}")
  RecordSummary replace(
      @PathVariable String id,
      HttpServletRequest request,
      @RequestParam(defaultValue = "false") boolean close)
      throws IOException {
    return RecordSummary.of(service.replace(id, BoundedBody.readText(request, maxBytes), close));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    service.delete(id);
    return ResponseEntity.noContent().build();
  }

  /** The JSON view of a record. */
  record RecordSummary(
      String id,
      String uuid,
      String title,
      @JsonProperty("abstract") String abstractText,
      List<String> keywords,
      double[] bbox,
      String schema,
      long version,
      Instant dateStamp,
      Instant createdAt,
      Instant changeDate) {

    static RecordSummary of(StoredRecord r) {
      return new RecordSummary(
          r.id(),
          r.uuid(),
          r.title(),
          r.abstractText(),
          r.keywords(),
          r.bbox() == null ? null : r.bbox().toArray(),
          r.schema(),
          r.version(),
          r.dateStamp(),
          r.createdAt(),
          r.changeDate());
    }
  }
}
