package org.spatialcatalog.node.datadir;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.spatialcatalog.node.privilege.RecordPermissions;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.user.CatalogUser;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The attachment API: {@code /api/records/{id}/attachments}. The record may be named by id or uuid;
 * files are kept under its internal id. Downloads support HTTP Range requests.
 */
@RestController
@RequestMapping("/api/records/{id}/attachments")
class AttachmentController {

  private final ObjectProvider<AttachmentStore> stores;
  private final RecordRepository records;
  private final RecordPermissions permissions;
  private final long maxBytes;

  AttachmentController(
      ObjectProvider<AttachmentStore> stores,
      RecordRepository records,
      AttachmentProperties properties,
      RecordPermissions permissions) {
    this.permissions = permissions;
    this.stores = stores;
    this.records = records;
    this.maxBytes = properties.maxUploadSize().toBytes();
  }

  /**
   * Takes the raw body ({@code ?name=} required) or a multipart form with one file part (its file
   * name is used unless {@code ?name=} is given). The query is read from the query string only:
   * asking the container for parameters would consume a form-encoded body.
   */
  @PostMapping
  ResponseEntity<Attachment> upload(@PathVariable String id, HttpServletRequest request)
      throws IOException, ServletException {
    AttachmentStore store = store();
    String recordId = editableRecordId(id);
    String contentType = request.getContentType() == null ? "" : request.getContentType();
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
      throw AttachmentProblem.unsupportedBody(contentType);
    }
    QueryString query = QueryString.parse(request.getQueryString());
    Visibility visibility = Visibility.parse(query.first("visibility"));
    Attachment stored;
    if (type.startsWith("multipart/")) {
      Part part = filePart(request);
      AttachmentName name =
          new AttachmentName(
              query.first("name") != null ? query.first("name") : part.getSubmittedFileName());
      try (InputStream in = part.getInputStream()) {
        stored = store.store(recordId, name, visibility, in, maxBytes);
      } finally {
        part.delete();
      }
    } else {
      String given = query.first("name");
      if (given == null) {
        throw new IllegalArgumentException(
            "parameter 'name' is missing: POST .../attachments?name=FILE with the file as body");
      }
      AttachmentName name = new AttachmentName(given);
      long declared = request.getContentLengthLong();
      if (declared > maxBytes) {
        throw AttachmentProblem.tooLarge("upload of " + declared + " bytes", maxBytes);
      }
      try (InputStream in = request.getInputStream()) {
        stored = store.store(recordId, name, visibility, in, maxBytes);
      }
    }
    if (records.find(recordId).isEmpty()) {
      // The record was deleted while its file streamed in; its files are already gone.
      store.deleteAll(recordId);
      throw new RecordNotFoundException(id);
    }
    String location =
        "/api/records/"
            + recordId
            + "/attachments/"
            + URLEncoder.encode(stored.name(), StandardCharsets.UTF_8).replace("+", "%20");
    return ResponseEntity.created(URI.create(location)).body(stored);
  }

  @GetMapping
  List<Attachment> list(@PathVariable String id, HttpServletRequest request) throws IOException {
    AttachmentStore store = store();
    List<Visibility> visible =
        mayDownloadPrivate(id) ? List.of(Visibility.values()) : List.of(Visibility.PUBLIC);
    return store.list(recordId(id), visible);
  }

  /**
   * The file. A satisfiable {@code Range} answers 206 (done by Spring for a {@link Resource} body);
   * an unsatisfiable one 416 with {@code Content-Range: bytes *}{@code /size} and no body; an
   * unparsable one is ignored (200 with the whole file), as RFC 9110 section 14.2 says.
   */
  @GetMapping("/{name}")
  ResponseEntity<?> download(
      @PathVariable String id,
      @PathVariable String name,
      HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response)
      throws IOException {
    AttachmentStore store = store();
    String recordId = recordId(id);
    AttachmentName file = new AttachmentName(name);
    AttachmentStore.Located found =
        store.find(recordId, file).orElseThrow(() -> AttachmentProblem.notFound(recordId, file));
    if (found.visibility() == Visibility.PRIVATE && !mayDownloadPrivate(recordId)) {
      throw AttachmentProblem.privateFile(recordId, file);
    }
    FileSystemResource resource = new FileSystemResource(found.file());
    ResponseEntity.BodyBuilder ok =
        ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(AttachmentStore.contentType(file)))
            .header(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                    .filename(file.value(), StandardCharsets.UTF_8)
                    .build()
                    .toString());
    String range = request.getHeader(HttpHeaders.RANGE);
    if (range == null) {
      return ok.body(resource);
    }
    List<HttpRange> ranges;
    try {
      ranges = HttpRange.parseRanges(range);
    } catch (IllegalArgumentException unparsable) {
      // Written here, not as a Resource body: Spring would parse the same header again and
      // answer 416.
      response.setStatus(200);
      response.setContentType(AttachmentStore.contentType(file));
      response.setHeader(
          HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment()
              .filename(file.value(), StandardCharsets.UTF_8)
              .build()
              .toString());
      response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
      response.setContentLengthLong(resource.contentLength());
      if (!"HEAD".equals(request.getMethod())) {
        java.nio.file.Files.copy(found.file(), response.getOutputStream());
      }
      return null;
    }
    try {
      HttpRange.toResourceRegions(ranges, resource);
    } catch (IllegalArgumentException unsatisfiable) {
      return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
          .header(HttpHeaders.CONTENT_RANGE, "bytes */" + resource.contentLength())
          .header(HttpHeaders.ACCEPT_RANGES, "bytes")
          .build();
    }
    return ok.body(resource);
  }

  @DeleteMapping("/{name}")
  ResponseEntity<Void> delete(@PathVariable String id, @PathVariable String name)
      throws IOException {
    AttachmentStore store = store();
    String recordId = editableRecordId(id);
    AttachmentName file = new AttachmentName(name);
    if (!store.delete(recordId, file)) {
      throw AttachmentProblem.notFound(recordId, file);
    }
    return ResponseEntity.noContent().build();
  }

  /** Private files need the record's download privilege (see {@link RecordPermissions}). */
  private boolean mayDownloadPrivate(String idOrUuid) {
    return permissions.canDownload(CurrentUser.get(), idOrUuid);
  }

  private static Part filePart(HttpServletRequest request) throws IOException, ServletException {
    for (Part part : request.getParts()) {
      if (part.getSubmittedFileName() != null) {
        return part;
      }
    }
    throw AttachmentProblem.missingFile();
  }

  /** The record's internal id; a record the caller may not view does not exist for them. */
  private String recordId(String idOrUuid) {
    return records
        .find(idOrUuid)
        .filter(r -> permissions.canView(CurrentUser.get(), r))
        .orElseThrow(() -> new RecordNotFoundException(idOrUuid))
        .id();
  }

  /** Uploading and deleting files need the record's edit privilege (403 otherwise). */
  private String editableRecordId(String idOrUuid) {
    CatalogUser user = CurrentUser.get();
    var record =
        records
            .find(idOrUuid)
            .filter(r -> permissions.canView(user, r))
            .orElseThrow(() -> new RecordNotFoundException(idOrUuid));
    permissions.checkEdit(user, record);
    return record.id();
  }

  private AttachmentStore store() {
    AttachmentStore store = stores.getIfAvailable();
    if (store == null) {
      throw AttachmentProblem.noSharedDirectory();
    }
    return store;
  }
}
