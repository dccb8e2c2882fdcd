package org.spatialcatalog.node.thesaurus;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.http.BoundedBody;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/thesauri}: import SKOS (RDF/XML), list, export, delete, edit single concepts (admin)
 * and look concepts up for keyword autocompletion (public).
 */
@RestController
@RequestMapping("/api/thesauri")
class ThesaurusController {

  /** Largest SKOS document accepted (a GEMET-sized thesaurus is a few tens of MB). */
  private static final long MAX_IMPORT_BYTES = 256L * 1024 * 1024;

  private final ThesaurusService service;
  private final ThesaurusStore store;
  private final ThesaurusCache cache;

  ThesaurusController(ThesaurusService service, ThesaurusStore store, ThesaurusCache cache) {
    this.service = service;
    this.store = store;
    this.cache = cache;
  }

  @PostMapping
  ResponseEntity<ThesaurusService.Imported> importSkos(
      @RequestParam String id,
      @RequestParam(defaultValue = "false") boolean replace,
      HttpServletRequest request)
      throws IOException {
    try (var in = BoundedBody.stream(request, MAX_IMPORT_BYTES)) {
      ThesaurusService.Imported imported =
          service.importSkos(id, new InputStreamReader(in, StandardCharsets.UTF_8), replace);
      return ResponseEntity.created(URI.create("/api/thesauri/" + id)).body(imported);
    }
  }

  @GetMapping
  List<ThesaurusStore.Summary> list() {
    return store.list();
  }

  @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ThesaurusStore.Summary get(@PathVariable String id) {
    return store.find(id).orElseThrow(() -> new ThesaurusNotFoundException("'" + id + "'"));
  }

  @GetMapping(
      value = "/{id}",
      produces = {MediaType.APPLICATION_XML_VALUE, "application/rdf+xml"})
  ResponseEntity<StreamingResponseBody> export(@PathVariable String id) {
    ThesaurusStore.Summary summary = get(id);
    StreamingResponseBody body =
        out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          SkosWriter skos = new SkosWriter(writer);
          skos.begin(summary.uri(), summary.title());
          store.forEachConcept(id, skos::concept);
          skos.end();
          writer.flush();
        };
    return ResponseEntity.ok().contentType(MediaType.valueOf("application/rdf+xml")).body(body);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String id) {
    service.delete(id);
  }

  @GetMapping("/{id}/concepts")
  Map<String, Object> lookup(
      @PathVariable String id,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(required = false) String lang,
      @RequestParam(defaultValue = "20") int size) {
    if (size < 1 || size > 500) {
      throw new IllegalArgumentException("size must be between 1 and 500, got " + size);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("thesaurus", id);
    body.put("concepts", cache.lookup(id, q, lang, size));
    return body;
  }

  @GetMapping("/{id}/concept")
  Concept concept(@PathVariable String id, @RequestParam String uri) {
    Concept concept = cache.view(id).concept(uri);
    if (concept == null) {
      throw new ThesaurusNotFoundException("'" + id + "' concept " + uri);
    }
    return concept;
  }

  @PutMapping("/{id}/concepts")
  ResponseEntity<Concept> putConcept(@PathVariable String id, @RequestBody Concept concept) {
    boolean existed = service.putConcept(id, concept);
    return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(concept);
  }

  @DeleteMapping("/{id}/concepts")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteConcept(@PathVariable String id, @RequestParam String uri) {
    service.deleteConcept(id, uri);
  }
}
