package org.spatialcatalog.node.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}: the container's error page for failures outside the controllers (a filter that
 * threw, a request the container refused), answered as {@code application/problem+json} like every
 * other error instead of Spring Boot's default JSON or HTML. It never shows exception messages or
 * stack traces: those come from internals.
 */
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer i && HttpStatus.resolve(i) != null
            ? HttpStatus.resolve(i)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status.value() < 400) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    for (Object e = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        e instanceof Throwable t;
        e = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.springframework.dao.DataAccessResourceFailureException) {
        // For example the login check of a filter could not reach the database.
        status = HttpStatus.SERVICE_UNAVAILABLE;
        break;
      }
    }
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail(status, uri));
    p.setTitle(status.getReasonPhrase());
    p.setType(URI.create("about:blank"));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  private static String detail(HttpStatus status, Object uri) {
    String path = uri == null ? "the request" : String.valueOf(uri);
    return switch (status) {
      case BAD_REQUEST -> "the request for " + path + " is malformed";
      case NOT_FOUND -> "no resource at " + path;
      case SERVICE_UNAVAILABLE ->
          "the shared database cannot be reached from this node; try again or use another node";
      case INTERNAL_SERVER_ERROR -> "the node failed to answer " + path + "; see its log";
      default -> status.getReasonPhrase() + ": " + path;
    };
  }
}
