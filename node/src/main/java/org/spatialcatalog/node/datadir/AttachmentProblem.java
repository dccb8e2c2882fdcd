package org.spatialcatalog.node.datadir;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An attachment call that cannot be served, carrying its {@code application/problem+json} answer;
 * the node's exception advice renders it as it stands.
 */
public class AttachmentProblem extends ErrorResponseException {

  private AttachmentProblem(HttpStatus status, String title, String detail) {
    super(status, problem(status, title, detail), null);
  }

  static AttachmentProblem notFound(String recordId, AttachmentName name) {
    return new AttachmentProblem(
        HttpStatus.NOT_FOUND,
        "Attachment not found",
        "record " + recordId + " has no attachment '" + name + "'");
  }

  static AttachmentProblem privateFile(String recordId, AttachmentName name) {
    AttachmentProblem p =
        new AttachmentProblem(
            HttpStatus.UNAUTHORIZED,
            "Unauthorized",
            "attachment '"
                + name
                + "' of record "
                + recordId
                + " is private: downloading it needs the download privilege (HTTP Basic as"
                + " admin)");
    p.getHeaders().set("WWW-Authenticate", "Basic realm=\"catalog\"");
    return p;
  }

  static AttachmentProblem tooLarge(String what, long limitBytes) {
    return new AttachmentProblem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "Payload too large",
        what
            + " exceeds the limit of "
            + limitBytes
            + " bytes (catalog.attachments.max-upload-size)");
  }

  static AttachmentProblem visibilityClash(
      String recordId, AttachmentName name, Visibility existing) {
    String other = existing.name().toLowerCase(java.util.Locale.ROOT);
    return new AttachmentProblem(
        HttpStatus.CONFLICT,
        "Attachment name taken",
        "record "
            + recordId
            + " already has a "
            + other
            + " attachment '"
            + name
            + "'; delete it first to store the name with another visibility");
  }

  static AttachmentProblem noSharedDirectory() {
    return new AttachmentProblem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "No data directory",
        "this node has no shared data directory for attachments: set catalog.shared-dir"
            + " (--shared-dir)");
  }

  static AttachmentProblem unsupportedBody(String contentType) {
    return new AttachmentProblem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Unsupported media type",
        "an upload is the raw file (any type but form data) or multipart/form-data with one file"
            + " part; got "
            + contentType);
  }

  static AttachmentProblem missingFile() {
    return new AttachmentProblem(
        HttpStatus.BAD_REQUEST,
        "Bad request",
        "multipart upload has no file part; send the file as a part with a file name");
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    p.setType(URI.create("about:blank"));
    return p;
  }
}
