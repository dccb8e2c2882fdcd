package org.spatialcatalog.node.web;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.index.IndexFailedException;
import org.spatialcatalog.node.cluster.MessagingUnavailableException;
import org.spatialcatalog.node.http.PayloadTooLargeException;
import org.spatialcatalog.node.record.DuplicateUuidException;
import org.spatialcatalog.node.record.InvalidRecordException;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.settings.InvalidSettingException;
import org.spatialcatalog.node.thesaurus.DuplicateThesaurusException;
import org.spatialcatalog.node.thesaurus.ThesaurusNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps domain errors to {@code application/problem+json} (RFC 9457) responses whose detail names
 * the field, id or limit at fault. Framework errors (wrong method, bad parameter type) get the same
 * shape through the base class.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  private final org.springframework.util.unit.DataSize maxUpload;

  ProblemHandler(
      @org.springframework.beans.factory.annotation.Value(
              "${catalog.attachments.max-upload-size:100MB}")
          org.springframework.util.unit.DataSize maxUpload) {
    this.maxUpload = maxUpload;
  }

  /** The database cannot be reached or failed: 503, so clients and load balancers retry. */
  @ExceptionHandler(org.springframework.dao.DataAccessResourceFailureException.class)
  ProblemDetail databaseUnavailable(RuntimeException e) {
    log.warn("database unavailable: {}", e.getMessage());
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Database unavailable",
        "the shared database cannot be reached from this node; try again or use another node");
  }

  /** Other database failures: 500, but still a problem document without internals. */
  @ExceptionHandler(org.springframework.dao.DataAccessException.class)
  ProblemDetail databaseFailed(org.springframework.dao.DataAccessException e) {
    if (e instanceof org.springframework.dao.TransientDataAccessResourceException
        || e.getCause() instanceof java.sql.SQLTransientConnectionException) {
      return databaseUnavailable(e);
    }
    log.error("database call failed", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Database error",
        "the database call failed on this node; see its log");
  }

  /** A multipart upload over the limit: name the limit and the setting. */
  @Override
  protected org.springframework.http.ResponseEntity<Object> handleMaxUploadSizeExceededException(
      org.springframework.web.multipart.MaxUploadSizeExceededException e,
      org.springframework.http.HttpHeaders headers,
      org.springframework.http.HttpStatusCode status,
      org.springframework.web.context.request.WebRequest request) {
    return org.springframework.http.ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
        .body(
            problem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "Payload too large",
                "the upload is larger than the limit of "
                    + maxUpload.toBytes()
                    + " bytes (catalog.attachments.max-upload-size)"));
  }

  /** Framework errors (405, 406, 415, ...) carry a type like every other problem. */
  @Override
  protected org.springframework.http.ResponseEntity<Object> createResponseEntity(
      Object body,
      org.springframework.http.HttpHeaders headers,
      org.springframework.http.HttpStatusCode status,
      org.springframework.web.context.request.WebRequest request) {
    if (body instanceof ProblemDetail p && p.getType() == null) {
      p.setType(URI.create("about:blank"));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  @ExceptionHandler(InvalidRecordException.class)
  ProblemDetail invalidRecord(InvalidRecordException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid record", e.getMessage());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badArgument(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
  }

  @ExceptionHandler(RecordNotFoundException.class)
  ProblemDetail notFound(RecordNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Record not found", e.getMessage());
  }

  @ExceptionHandler(DuplicateUuidException.class)
  ProblemDetail duplicate(DuplicateUuidException e) {
    ProblemDetail p = problem(HttpStatus.CONFLICT, "Duplicate uuid", e.getMessage());
    p.setProperty("existingId", e.existingId());
    return p;
  }

  /**
   * Committed but not yet searchable on this node: 503, because read-your-writes could not be kept
   * in time; the detail and properties say what was stored, so the client does not write again.
   */
  @ExceptionHandler(org.spatialcatalog.node.record.NotYetSearchableException.class)
  ProblemDetail notYetSearchable(org.spatialcatalog.node.record.NotYetSearchableException e) {
    log.warn("{}", e.getMessage());
    ProblemDetail p =
        problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            e.deleted() ? "Deleted but still searchable" : "Stored but not yet searchable",
            e.getMessage());
    p.setProperty("recordId", e.recordId());
    p.setProperty("version", e.version());
    p.setProperty("changeLogSeq", e.seq());
    p.setProperty("stored", true);
    return p;
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", e.getMessage());
  }

  @ExceptionHandler(MessagingUnavailableException.class)
  ProblemDetail messagingUnavailable(MessagingUnavailableException e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "Broker unavailable", e.getMessage());
  }

  @ExceptionHandler(InvalidSettingException.class)
  ProblemDetail invalidSetting(InvalidSettingException e) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid setting", e.getMessage());
    p.setProperty("key", e.key());
    return p;
  }

  @ExceptionHandler(ThesaurusNotFoundException.class)
  ProblemDetail thesaurusNotFound(ThesaurusNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Thesaurus not found", e.getMessage());
  }

  @ExceptionHandler(DuplicateThesaurusException.class)
  ProblemDetail duplicateThesaurus(DuplicateThesaurusException e) {
    return problem(HttpStatus.CONFLICT, "Duplicate thesaurus", e.getMessage());
  }

  @ExceptionHandler(IndexFailedException.class)
  ProblemDetail indexFailed(IndexFailedException e) {
    log.error("index failed", e);
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Index unavailable",
        "this node's index failed (" + e.getMessage() + "); rebuild it or use another node");
  }

  @ExceptionHandler(org.spatialcatalog.node.privilege.NotAllowedException.class)
  ProblemDetail notAllowed(org.spatialcatalog.node.privilege.NotAllowedException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  @ExceptionHandler(org.spatialcatalog.node.user.DuplicateNameException.class)
  ProblemDetail duplicateName(org.spatialcatalog.node.user.DuplicateNameException e) {
    return problem(HttpStatus.CONFLICT, "Name taken", e.getMessage());
  }

  @ExceptionHandler(org.spatialcatalog.node.user.NoSuchAccountException.class)
  ProblemDetail noSuchAccount(org.spatialcatalog.node.user.NoSuchAccountException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(org.spatialcatalog.node.user.GroupInUseException.class)
  ProblemDetail groupInUse(org.spatialcatalog.node.user.GroupInUseException e) {
    return problem(HttpStatus.CONFLICT, "Group in use", e.getMessage());
  }

  /** 409 (held by someone else, or no lock taken) or 423 (saving a record locked by another). */
  @ExceptionHandler(org.spatialcatalog.node.lock.EditLockException.class)
  ProblemDetail editLock(org.spatialcatalog.node.lock.EditLockException e) {
    HttpStatus status = HttpStatus.valueOf(e.status());
    ProblemDetail p =
        problem(
            status,
            status == HttpStatus.LOCKED ? "Record locked" : "Edit lock conflict",
            e.getMessage());
    if (e.lock() != null) {
      p.setProperty("lock", e.lock());
    }
    return p;
  }

  /** A JSON body that could not be read: name the field or the validation message. */
  @Override
  protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(
      org.springframework.http.converter.HttpMessageNotReadableException e,
      org.springframework.http.HttpHeaders headers,
      org.springframework.http.HttpStatusCode status,
      org.springframework.web.context.request.WebRequest request) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause instanceof IllegalArgumentException) {
        break;
      }
    }
    String detail =
        cause instanceof IllegalArgumentException
            ? cause.getMessage()
            : "the request body is not valid JSON of the expected shape: "
                + String.valueOf(e.getMostSpecificCause().getMessage())
                    .lines()
                    .findFirst()
                    .orElse("");
    return org.springframework.http.ResponseEntity.badRequest()
        .body(problem(HttpStatus.BAD_REQUEST, "Bad request", detail));
  }

  @ExceptionHandler(org.spatialcatalog.node.harvest.definition.InvalidHarvesterException.class)
  ProblemDetail invalidHarvester(
      org.spatialcatalog.node.harvest.definition.InvalidHarvesterException e) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid harvester request", e.getMessage());
    p.setProperty("field", e.field());
    return p;
  }

  @ExceptionHandler({
    org.spatialcatalog.node.harvest.definition.HarvesterNotFoundException.class,
    org.spatialcatalog.node.harvest.job.HarvestJobNotFoundException.class
  })
  ProblemDetail harvestNotFound(RuntimeException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(org.spatialcatalog.node.harvest.job.JobAlreadyActiveException.class)
  ProblemDetail jobAlreadyActive(org.spatialcatalog.node.harvest.job.JobAlreadyActiveException e) {
    ProblemDetail p = problem(HttpStatus.CONFLICT, "Harvest job already active", e.getMessage());
    p.setProperty("jobId", e.jobId());
    return p;
  }

  @ExceptionHandler(org.spatialcatalog.node.harvest.job.JobStateConflictException.class)
  ProblemDetail jobStateConflict(org.spatialcatalog.node.harvest.job.JobStateConflictException e) {
    ProblemDetail p = problem(HttpStatus.CONFLICT, "Harvest job state conflict", e.getMessage());
    p.setProperty("state", e.state().name());
    return p;
  }

  @ExceptionHandler(org.spatialcatalog.node.harvest.api.DuplicateHarvesterNameException.class)
  ProblemDetail duplicateHarvesterName(
      org.spatialcatalog.node.harvest.api.DuplicateHarvesterNameException e) {
    return problem(HttpStatus.CONFLICT, "Duplicate harvester name", e.getMessage());
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    p.setType(URI.create("about:blank"));
    return p;
  }
}
